# Orders and payments: what the client sees
invoice-title = { $name }, here is your invoice #{ $id } 🧾
payment-first-title = { $name }, a quick reminder about invoice #{ $id } — in case it got lost among other messages.
payment-before-title = { $name }, invoice #{ $id } is due { $days ->
        [1] tomorrow
        [one] in { $days } day
       *[other] in { $days } days
    }.
payment-due-title = { $name }, today is the last day to pay invoice #{ $id }.
# The second and last reminder of an invoice with no due date, days after it
payment-again-title = { $name }, invoice #{ $id } is still unpaid — just a reminder. If something is in the way or you need other payment details, write to us and we will sort it out together.
payment-overdue-title = { $name }, invoice #{ $id } was due on { $due }. If the payment is on its way, just press “I've paid”. If something is in the way or you need other payment details, write to us and we will sort it out together.
tg-invoice-title = Invoice #{ $id }
tg-invoice-lead = { $name }, here is your invoice #{ $id }. You can pay it right here in Telegram.
payment-overdue-title-telegram = { $name }, invoice #{ $id } was due on { $due }. You can pay with the button below; if something is in the way, write to us and we will sort it out together.
# The first reminder after the client's own promise to pay ("I'll pay on Friday") has run out
payment-promised-title = { $name }, you wrote you would pay invoice #{ $id } — just a gentle reminder in case it slipped.
# Several invoices' reminders due together: one message, a line for each
payment-together-title = { $name }, a quick reminder about your unpaid invoices — in case they got lost among other messages:
payment-together-promised-title = { $name }, you wrote you would pay your invoices — just a gentle reminder in case it slipped:
payment-together-item = • Invoice #{ $id }: { $amount }{ $what }
payment-together-due = , due { $due }
payment-together-overdue = , was due on { $due }
payment-together-footer = Already paid? Press “I've paid” with the invoice's number and its reminders stop.
payment-together-paid-button = ✅ I've paid invoice #{ $id }
payment-amount = Amount: { $amount }
payment-what = For: { $what }
payment-due-line = Due: { $due }
payment-how = How to pay:
payment-details-missing = Your manager will send the payment details — write to them if you have not got them yet.
invoice-footer = Once you have paid, press “I've paid” — we will check and confirm. Questions go to your manager.
payment-footer = Already paid? Press “I've paid” and the reminders stop.
payment-paid-button = ✅ I've paid
payment-reported = Thank you, { $name }! I have told your manager — they will check the payment and confirm here. Reminders for this invoice are paused.
payment-reported-closed = Thank you, { $name }! I have told your manager — they will check the payment. Reminders for this invoice are paused.
payment-reported-already = We are already checking this payment.
payment-already-paid = This invoice is already paid — thank you!
payment-closed = This invoice was cancelled, there is nothing to pay.
payment-refunded = This invoice was refunded, there is nothing to pay.
# The owner's Business chat is closed to the bot until the client writes there again
payment-again-write-first = Write a word here and I will send invoice #{ $id }.
payment-again-manager = I cannot send invoice #{ $id } to this chat right now — your manager knows and will send it.
payment-confirmed = { $name }, we have received your payment for invoice #{ $id } ({ $amount }). Thank you! 🙌
payment-due-moved = { $name }, the due date of invoice #{ $id } is now { $due }.
payment-not-received = { $name }, we cannot see the payment for invoice #{ $id } yet. That happens while money is on its way — your manager will check again. If you have questions, write to them.
payment-not-arrived = { $name }, the payment for invoice #{ $id } ({ $amount }) has not come through yet. A payment made with the button under the invoice reaches us by itself — I will write to you here as soon as it does. If you have not paid yet, press the pay button under the invoice, or the button below and I will send it again.
invoice-cancelled-client = Invoice #{ $id } ({ $amount }) was cancelled — there is nothing to pay.

# Orders and payments: what staff see in the client's topic
# $example: a product of the content file with a price (its id), shown when $product is yes; $amount: its price as typed
invoice-usage =
    How to issue an invoice: /invoice <amount> [due] [what for]
    { $product ->
        [no] Example: /invoice { $amount } 25.12 Prepayment
       *[other] Example: /invoice { $amount } 25.12 { $example } Prepayment
    }
    Due, right after the amount or at the end: today, tomorrow, +5 (in 5 days), on Friday, due Friday, 25.12, Dec 15, 25.12.2026 or 2026-12-25 (/invoice { $amount } Prepayment due Friday). The first word of “what for” may be a product id ({ $products }): its title and currency are used.
    { $product ->
        [no] A product id instead of the amount takes the product's price, when the content file gives it one.
       *[other] A product id instead of the amount takes the product's price: /invoice { $example } 25.12
    }
invoice-usage-products-more = { $list } and { $more } more — the full list is in the content file, under products
invoice-error-amount = I could not read the amount. Examples: 45000, 45 000, £450, 1250.50, 500USD.
invoice-error-amount-zero = The amount must be more than zero.
invoice-error-amount-small = An invoice for { $amount }? That looks like a typo — no invoice was made. Invoices start at { $least }: write the full amount, for example /invoice 4500.
invoice-error-amount-large = The amount is too large: an invoice is at most 1,000,000,000.
invoice-error-amount-decimals = Too many decimals for this currency (two for roubles, dollars and euros, none for yen).
# $mark: point or comma, the one typed between the digits ("$12.500", "1,500")
invoice-error-amount-thousands = Three digits after the { $mark ->
        [point] point
       *[comma] comma
    } — thousands? Write thousands with a space or none: 1 500 or 1500.
invoice-error-currency-twice = The amount names two different currencies. Keep one, e.g. 45 000 USD.
# A letter of a scale apart after the amount, before words ("15 К Сайт", "5000 к оплате"): thousands, or a word?
# $typed: the amount and the letter as typed; $amount: what the letter would make it; $number: the number
# typed; $scale: thousand or million; $word: the letter; $example: the line with the currency before the letter
invoice-error-amount-scale = “{ $typed }” — { $amount }? Nothing billed: write { $scale ->
        [million] millions joined ({ $number }m)
       *[thousand] thousands joined ({ $number }k)
    } or in digits. “{ $word }” as a word goes after the currency: { $example }.
# «тг» in a business that bills in another currency: tenge, or Telegram said short («реклама в тг»)?
# $currency: the business's currency by its name and sign; $example: the line with that currency before «тг»
invoice-error-currency-tg = “тг” — tenge or Telegram? Nothing billed: invoices here are in { $currency }. Write tenge as ₸ or «тенге»; “тг” as a word goes after the currency: { $example }.
invoice-error-price-from = This product has a “from” price (or none) — write the amount: /invoice 45000 { $product }
invoice-error-price-free = { $product } is free in the content file — there is nothing to bill. If a payment is needed after all, write the amount: /invoice { $fee } { $product }
invoice-error-stars-product = The product { $product } is sold for Telegram Stars, and an amount without a currency is not taken as Stars. To bill its price: /invoice { $product }. Another amount in Stars: /invoice 200XTR { $product }.
invoice-error-due-past = That date has passed — give today's or a future date.
invoice-error-due-past-word = “{ $word }” where the due date goes, and a due date is never past: no invoice was sent. A due date is “tomorrow”, “+3” or a date; if these are words for the client, begin with another word (“Delivery { $word }”).
invoice-error-due-far = The due date is more than two years ahead — check the date.
invoice-error-due-invalid = I could not read the date. Use 25.12, 25.12.2026 or 2026-12-25.
invoice-error-due-unread = “{ $word }…” — I could not read the due date: no invoice was sent. A due date is “tomorrow”, “+3”, a weekday (“due Friday”) or a date (25.12); if these are words for the client, begin with another word.
invoice-error-due-slash = “{ $word }” — is it the due date? No invoice was sent. Write it after “due” (/invoice 450 due { $word } Landing page) or with its year; if these are words for the client (a share of the sum), begin with another word.
invoice-error-due-plus = “{ $word }” — days to pay? Write it once: right after the amount (/invoice 45000 +5 Form changes) or at the end with “days” (/invoice 45000 Form changes +5 days). If it is not a due date, drop the plus.
invoice-error-business-blocked = No invoice made: the client writes to the owner's account (Telegram Business), and the bot cannot write there now.
invoice-error-business-stars = The client writes to the owner's own Telegram account (Business), and Telegram does not let bots send invoices there — Stars cannot be paid in that chat. Send an ordinary invoice (the client gets the payment details), or ask the client to write to the bot.
# $stop: yes when what the invoice is for ends a sentence itself ("embossing A.N."): no second dot
invoice-created = 🧾 Invoice #{ $id }: { $amount }{ $what }{ $stop ->
        [yes] {""}
       *[no] .
    } Sent to the client.
# The invoice is a part of the order (job) whose first invoice is $job: the balance after its prepayment
invoice-created-part = 🧩 A part of order #{ $job }: /done marks the work on the whole order done, and the client is asked “How did it go?” once.
# /invoice that does not say whether it is a part of an order under way: held, and the topic asked ($list: invoice-part-job each); $amount, $what: the held invoice as read
invoice-part-ask = ❓ The invoice has not been sent yet: { $amount }{ $what }{ $stop ->
        [yes] {""}
       *[no] .
    } The client has { $count ->
        [1] an order whose work is not marked done
       *[other] orders whose work is not marked done
    }: { $list }. Is this invoice { $count ->
        [1] a part of it
       *[other] a part of one of them
    } (the balance after a prepayment, say) or a new order?
# An order under way, by its first invoice; $paid: yes or no
invoice-part-job = #{ $id } ({ $amount }{ $what }, { $paid ->
        [yes] paid
       *[no] unpaid
    })
invoice-part-button = 🧩 A part of order #{ $id }
invoice-part-new = 🆕 A new order
invoice-part-answered = This was answered already.
# Answered after the held invoice's due day: nothing is billed
invoice-part-due-past = This invoice was due { $due }, a day gone by: it has not been issued. Issue it again with a new due date.
invoice-created-telegram = 💳 The client pays right in Telegram — the payment is marked by itself.
invoice-created-stars = ⭐ An invoice in Telegram Stars: the client pays in Telegram — the payment is marked by itself.
invoice-created-details = 🏦 The client got the payment details and the “✅ I've paid” button{ $business ->
        [yes] {" "}(no Telegram invoice can be sent in the owner's account)
       *[no] {""}
    }: once they pay, they press it — confirm the payment here.
# Telegram refused a provider's invoice for its sum: under its least (about a US dollar) or over its most (about ten thousand) in that currency
invoice-telegram-amount = ⚠️ Telegram takes no invoice of this sum (in any currency, roughly from 1 to 10,000 US dollars) — the client got the payment details and the “I've paid” button instead.
invoice-telegram-failed = ⚠️ Telegram did not take the invoice ({ $reason }) — the client got the payment details and the “I've paid” button instead.
invoice-paid-in-telegram-now = 💳 The client pressed Pay in the chat with the bot and got invoice #{ $id } in Telegram: the payment is marked by itself.
invoice-hint-what = Tip: say what the invoice is for (/invoice 45000 25.12 Landing page prepayment) — clients pay faster when they see it.
invoice-hint-language = { $written ->
        [latin] ℹ️ The client reads Russian, and what the invoice is for is written in Latin letters: the client sees it so in the invoice, the reminders and /mybookings. If need be, cancel the invoice and issue it again with the words in Russian.
       *[ru] ℹ️ The bot writes to this client in another language than Russian, and what the invoice is for is in Russian: the client sees it so in the invoice, the reminders and /mybookings. If need be, cancel the invoice and issue it again with the words in the client's language.
    }
invoice-created-due = Due: { $due }.
# The summary's due date read from the words ending the /invoice line ($words, as typed)
invoice-created-due-end = Due: { $due } — read from “{ $words }” at the end of the line. If the date is part of what the invoice is for, cancel it and issue it again with “for” before the date: “delivery for 15 Dec”.
# The summary's due date counted in days from "+5" (or "+5 days") ending the /invoice line ($words, as typed); $apart: the same with the plus set apart, which is words, as the words without the plus are
invoice-created-due-plus = Due: { $due } — “{ $words }” at the end of the line was read as days to pay. If it is part of what the invoice is for (a quantity, say), cancel it and issue it again without the plus, or with the plus apart from the number: “{ $apart }”.
# The summary's due date after /due moved it ($by: who)
invoice-created-due-moved = Due: { $due } (moved with /due, { $by }).
invoice-created-reminders = Reminders while unpaid: { $list }.
# Under the reminders /invoice planned: what follows the last one
invoice-created-reminders-last = After the last one, if the invoice is still unpaid, the bot tells you here.
invoice-created-no-reminders = No reminders: the content file turns them off (followups.payment_reminders).
# The summary's reminders line while a linked invoice's payment ($paid) holds them (the question about it is below)
invoice-summary-held = ⏸ Reminders paused: the linked invoice #{ $paid } was paid — answer the question below.
# The summary's reminders line once they go again (a separate order) with none left to go (cancelled in /followups)
invoice-summary-none-ahead = No more reminders are planned for it.
invoice-not-delivered = ⚠️ Not delivered to the client. { $reason } The invoice is saved.
# One of the client's other unpaid invoices, as the list of them names it
invoice-other = #{ $id } ({ $amount })
# An invoice by its number, in a list of them ("#1 and #2")
invoice-number = #{ $id }
invoice-created-others = ⚠️ The client has { $count ->
        [1] another unpaid invoice
       *[other] other unpaid invoices
    } too: { $list }. If the new one replaces { $count ->
        [1] it, cancel the old one
       *[other] them, cancel the old ones
    } with “Cancel invoice” under { $count ->
        [1] it
       *[other] them
    }.
invoice-cancel-button = Cancel invoice
invoice-cancel-yes = ✖ Yes, cancel the invoice
invoice-cancel-keep = ← Keep it
# The invoice's summary (/invoice's answer) once the invoice is settled: its first line stays, this one replaces the rest. $at: when (day and time); $by: who on the team ("none": nobody named)
invoice-post-cancelled = ✖ Cancelled { $at }{ $by ->
        [none] {""}
       *[other] {" "}({ $by })
    }: nothing to pay, no reminders will go.
# $via: staff (/paid, "Payment received"), provider or stars (paid in Telegram, marked by itself)
invoice-post-paid = ✅ Paid { $at }: { $via ->
        [provider] the client paid in Telegram, and the bot marked it by itself
        [stars] the client paid in Telegram Stars, and the bot marked it by itself
       *[staff] marked paid by hand by { $by }
    }. No more reminders.
invoice-post-refunded = ↩️ Paid, then refunded { $at }{ $by ->
        [none] {""}
       *[other] {" "}({ $by })
    }.
# Two invoices of one client linked when the later was issued while the earlier waited (its summary
# named it as one it may replace), both paid now: the topic and the owners are told. $older, $newer:
# their numbers, issued in that order; $olderHow, $newerHow: how each was paid (stars: /refund, else /refunded)
linked-paid-twice = ⚠️ The client may have paid for the same thing twice: both invoice #{ $older } ({ $olderAmount }) and invoice #{ $newer } ({ $newerAmount }) are paid — #{ $newer } was issued while #{ $older } was still waiting to be paid. If it is one order, one of the payments should go back: { $olderHow ->
        [stars] /refund
       *[other] /refunded
    } { $older } or { $newerHow ->
        [stars] /refund
       *[other] /refunded
    } { $newer } (the owner gives refunds and has been told). If they are different orders, there is nothing to do.
owner-linked-paid-twice = ⚠️ Client { $client } may have paid for the same thing twice: invoice #{ $older } ({ $olderAmount }) and invoice #{ $newer } ({ $newerAmount }) — #{ $newer } was issued while #{ $older } was still waiting to be paid. If it is one order, give one of the payments back and record it: { $olderHow ->
        [stars] /refund
       *[other] /refunded
    } { $older } or { $newerHow ->
        [stars] /refund
       *[other] /refunded
    } { $newer } (Telegram gives Stars back on /refund; a provider's payment is refunded in its dashboard, a transfer the way the client paid, and /refunded records it). If they are different orders, there is nothing to do.
# An unpaid invoice linked to one just paid ($paid): its reminders wait for the team's answer, under it.
# $newer: yes when the unpaid one was issued while the paid one waited (it may be its replacement)
linked-held = ⏸ Invoice #{ $id } ({ $amount }) is still unpaid, and invoice #{ $paid } ({ $paidAmount }) linked to it has just been paid: { $newer ->
        [yes] #{ $id } was issued while #{ $paid } was still waiting to be paid
       *[no] #{ $paid } was issued while #{ $id } was still waiting to be paid
    }. Payment reminders of invoice #{ $id } are paused, so the client is not asked to pay for the same thing twice. If it is no longer needed, cancel it; if it is a separate order, the reminders go on.
linked-held-cancel = ✖ Cancel invoice #{ $id }
linked-held-cancel-yes = ✖ Yes, cancel invoice #{ $id }
linked-held-resume = 🔔 A separate order — keep reminding
linked-held-resumed = 🔔 Invoice #{ $id } ({ $amount }) is a separate order: payment reminders go on again ({ $by }).
# A press on the question once it is answered (resumed, cancelled, or the invoice paid meanwhile)
linked-held-answered = This question has been answered already.
invoice-cancelled-staff = Invoice #{ $id } cancelled, reminders stopped ({ $by }).
invoice-cancel-late = Invoice #{ $id } is already { $status ->
        [paid] paid
        [refunded] paid and refunded
       *[other] cancelled
    } — nothing to cancel.
paid-none = The client has no unpaid invoices.
paid-choose = Which invoice is paid?
# /due: an unpaid invoice's due date moved, its reminders with it
due-usage = Write the new due date: /due 15.01, /due 15 January or /due +10 — with several unpaid invoices, its number first: /due #3 15.01. The invoice's reminders move with it, and the client is told the new date.
due-not-found = This client has no unpaid invoice #{ $id }.{ $count ->
        [0] {""}
       *[other] {" "}Unpaid: { $list }.
    }
due-choose = The client has several unpaid invoices: { $list }. Put the number first: /due #{ $id } 15.01
due-same = Invoice #{ $id } is due { $due } already: nothing changed.
due-moved = 📅 The due date of invoice #{ $id } ({ $amount }) moved from { $from } to { $to } ({ $by }); the client was told.
due-set = 📅 Invoice #{ $id } ({ $amount }) is now due { $to } ({ $by }); the client was told.
due-moved-no-reminders = No reminders before the new date: it is too close.
# After due-moved: the invoice's summary in the topic was rewritten to the new date
due-summary-edited = The invoice's summary above now reads so.
paid-done = ✅ Invoice #{ $id } ({ $amount }) is paid. The client got a confirmation; reminders stopped ({ $by }).
paid-done-untold = ✅ Invoice #{ $id } ({ $amount }) is paid; reminders stopped ({ $by }).
client-not-told = ⚠️ The client was not sent this. { $reason }
paid-confirmation-held = 📨 The bot sends the client the payment confirmation by itself as soon as they write again and it may answer them.
paid-confirmation-sent-later = 📨 The client is back in touch — the payment confirmation of invoice #{ $id } ({ $amount }) was sent to them.
# /paid (or a payment button) on an invoice settled before: since when (paid, or refunded), and nothing changes
paid-already = Invoice #{ $id } is already { $status ->
        [paid] paid: { $date }
        [refunded] paid and refunded: { $date }
       *[other] cancelled
    }. Nothing was changed.
paid-not-found = This client has no invoice #{ $id }.
# Under paid-not-found: the invoices the client does have to pay, newest first (invoice-other each)
paid-not-found-unpaid = { $count ->
        [1] Their unpaid invoice
       *[other] Their unpaid invoices
    }: { $list }.
paid-not-found-none = They have no unpaid invoices.
paid-confirm-request = 💳 The client says they have paid invoice #{ $id }: { $amount }{ $what }{ $stop ->
        [yes] {""}
       *[no] .
    } Please check the payment:
# Under it, when the client said it in words and the topic does not get their message itself
paid-confirm-words = ✍️ The client wrote: { $words }
# The client wrote again that they paid, while the report still waits for a check
paid-claim-again = 💳 The client writes again that they have paid invoice #{ $id } — the payment has not been checked yet: { $words }
paid-claim-not-arrived = 💳 The client says they have paid invoice #{ $id } ({ $amount }), but no payment for it has come through Telegram. The bot told them it has not arrived yet and how to pay. If they paid another way — /paid { $id }.
paid-confirm-yes = ✅ Payment received
paid-confirm-no = ❌ Not received yet
paid-rejected-staff = The client was told we cannot see the payment yet; reminders continue ({ $by }).
paid-rejected-untold = The payment is not confirmed; reminders continue ({ $by }).
paid-rejected-already = Invoice #{ $id } is already marked as not paid yet; reminders continue.
paid-check-topic = ⏰ Nobody has checked the payment of invoice #{ $id } ({ $amount }{ $what }) yet: the client has been waiting for confirmation since { $since }. Please check the payment:
paid-check-owner = ⏰ Nobody has checked the payment of invoice #{ $order } ({ $amount }) yet: client { $client } has been waiting for confirmation since { $since }.
# An unpaid invoice's last automatic reminder went: the bot says nothing more about it
payment-reminders-over = 💳 Invoice #{ $id } ({ $amount }{ $what }) is unpaid: the bot sent the client its last reminder and will not remind them again — decide what to do. If the payment has come — /paid { $id }.
# The same moment, but the client had blocked the bot: the last reminder never reached them
payment-reminders-over-blocked = 💳 Invoice #{ $id } ({ $amount }{ $what }) is unpaid, and its last reminder did not reach the client: they blocked the bot. The bot will not remind them again — decide what to do (call them, say, if the card has a phone number). If the payment has come — /paid { $id }.
done-choose = Which invoice is the work done for?
done-choose-unpaid = { $item } · unpaid
# An order billed in parts in /done's chooser: its first invoice, then the rest ($parts: "#2", "#2 and #3")
done-choose-parts = { $item } + { $parts }
done-order = ✔️ Work on invoice #{ $id } marked done.
# An order billed in parts (a prepayment and its balance): every invoice of it, $ids ("#1 and #2")
done-job = ✔️ Work on order #{ $id } (invoices { $ids }) marked done.
done-no-order = ✔️ Work marked done.
# /done again: the work was marked done before (when, as the card dates it), and nothing changes
done-already = The work on invoice #{ $id } was already marked done: { $date }. Nothing was changed.
done-already-job = The work on order #{ $id } (invoices { $ids }) was already marked done: { $date }. Nothing was changed.
done-already-no-order = The work was already marked done: { $date }. Nothing was changed.
done-already-many = The work on every invoice of this client is already marked done ({ $orders }). Nothing was changed.
done-already-item = #{ $id } — { $date }
done-checkin = The client will be asked how it went: { $date }.
done-checkin-planned = The “How did it go?” question is already planned: { $date } — not added twice.
done-checkin-over = The “How did it go?” for this invoice has already gone out or been dropped: the client will not be asked again.
# The client asked in words for no more questions after an order: /done plans none; $date when they asked
done-questions-declined = 🔕 No questions after the order: the client asked us not to send them ({ $date }). Payment and call reminders go as usual.
done-nps = The “would you recommend us” question (once): { $date }.
done-request-open = ⏸ While the client's request is open these questions wait: they go once it is closed (/close).
done-not-found = This client has no invoice #{ $id } (or it was cancelled).
# Under done-not-found: the client's invoices whose work is not marked done yet, newest first (invoice-other each)
done-not-found-open = { $count ->
        [1] Their invoice whose work is not marked done yet
       *[other] Their invoices whose work is not marked done yet
    }: { $list }.
done-not-found-none = They have no invoice whose work is still to be marked done.
done-refunded = Invoice #{ $id } was refunded: its work is not marked done and the client is not asked about it.
# A bare /done on a client whose every invoice was taken back: the work those invoices were for was not "done" for the bot
done-taken-back-one = Invoice #{ $id } was { $status ->
        [refunded] refunded
       *[other] cancelled
    }: nothing to mark done, and the client will not be asked about the work on it.
done-taken-back-many = Nothing to mark done: every invoice of this client was cancelled or refunded ({ $orders }), and the client will not be asked about the work on them.
done-taken-back-item = #{ $id } { $status ->
        [refunded] refunded
       *[other] cancelled
    }
order-client-gone = The client deleted their data — nothing can be sent to them.
paid-choose-item = #{ $id } · { $amount }{ $what }
cmd-invoice = Issue an invoice: amount, due date, what for
cmd-paid = Mark an invoice paid
cmd-due = Move an unpaid invoice's due date
cmd-done = Work done (the client is asked how it went later)
