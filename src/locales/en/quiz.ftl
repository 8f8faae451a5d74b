cmd-quiz = Pick a service
quiz-friend = friend
quiz-intro =
    { $name }, let's find the right option for what you need: { $total ->
        [one] { $total } short question
       *[other] { $total } short questions
    }, answered with buttons.
quiz-resume = Let's continue, { $name }: question { $number } of { $total }.
quiz-empty = The product finder is not set up yet — a manager will help you choose in person.
quiz-price-from = from { $price }
quiz-card-includes = What is included:
quiz-card-because = A fit because: { $reasons }
quiz-card-but = Note: { $caveats } — worth discussing with a manager.
quiz-card-out-of-stock = Not available right now.
quiz-like-button = 👍 I like it
quiz-dislike-button = 👎 Not this
quiz-book-button = 📞 Book a callback about this
quiz-ask-manager-button = 💬 Ask a manager
quiz-details-button = ℹ️ Details
quiz-link-button = 🌐 Open the page
quiz-more-button = Show more options
quiz-again-button = 🔄 Start again
quiz-consult-button = 💬 Talk to a manager
quiz-intro-match = Done, { $name }! Here is what suits you best:
quiz-intro-tie = Done, { $name }! Two options suit you equally well — have a look at both:
quiz-no-match = { $name }, from your answers I could not find a ready-made option that fits exactly. That happens with less common requests: a manager will look into it and suggest something made for you.
quiz-footer-tie = Hard to choose between them? A manager will help you compare them for what you need.
quiz-footer-out-of-stock = The best option is not available right now — a manager will tell you when it is back or what to choose instead.
quiz-footer-more = There are more suitable options.
quiz-footer-last = { $only ->
        [yes] This is the only suitable option.
       *[no] These are all the suitable options.
    } If in doubt, a manager will help you choose.
quiz-liked = Thanks, noted 👍
quiz-disliked = Got it, noted 👎
quiz-product-removed = This option is no longer offered — the other cards above still stand.
quiz-old-result = This selection is from an earlier run — the current one is below.
quiz-already-shown = These options are already shown above
quiz-finished-retake = The quiz is already finished — this button does not change the answer. To answer differently, take the quiz again: /quiz
quiz-nothing-more = There are no more suitable options
quiz-rejected-more = Looks like these did not fit. Shall I show more — or would you like to discuss it with a manager?
quiz-rejected-none = Looks like the ready-made options did not fit — that happens. A manager will help you find a solution for you.
# To the owners, once per photo and version of the content file (the photo is tried again an hour later); { $reason } is Telegram's own words
quiz-photo-refused = 🖼 Telegram refused the photo of “{ $product }” ({ $productId }): { $reason }. Clients see the card without it meanwhile; the bot tries it again in an hour, or at once when the content file changes. Fix this product's photo.
price-list =
    💰 Our prices:
    { $list }
    A manager will give you the exact price for what you need.
price-list-more = …and { $count } more — we will find the rest with “{ $quiz }” in the menu.
price-list-more-ask = …and { $count } more — a manager will tell you about the rest.
# A product the client's price question names that is not available now (its stock note follows, if any)
price-list-unavailable = { $product } is not available right now.
price-free = free
