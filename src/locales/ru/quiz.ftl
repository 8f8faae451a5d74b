cmd-quiz = Подобрать услугу
quiz-friend = друг
quiz-intro =
    { $name }, подберём вариант под ваш запрос: { $total ->
        [one] { $total } короткий вопрос
        [few] { $total } коротких вопроса
       *[many] { $total } коротких вопросов
    }, ответы — кнопками.
quiz-resume = Продолжим подбор, { $name }: вопрос { $number } из { $total }.
quiz-empty = Подбор пока не настроен — менеджер поможет выбрать лично.
quiz-price-from = от { $price }
quiz-card-includes = Что входит:
quiz-card-because = Подходит, потому что: { $reasons }
quiz-card-but = Но учтите: { $caveats } — об этом лучше поговорить с менеджером.
quiz-card-out-of-stock = Сейчас недоступно.
quiz-like-button = 👍 Нравится
quiz-dislike-button = 👎 Не то
quiz-book-button = 📞 Заказать звонок об этом
quiz-ask-manager-button = 💬 Спросить менеджера
quiz-details-button = ℹ️ Подробнее
quiz-link-button = 🌐 Открыть страницу
quiz-more-button = Показать ещё варианты
quiz-again-button = 🔄 Пройти заново
quiz-consult-button = 💬 Консультация с менеджером
quiz-intro-match = Готово, { $name }! Вот что подходит вам больше всего:
quiz-intro-tie = Готово, { $name }! Два варианта подходят вам одинаково хорошо — посмотрите оба:
quiz-no-match = { $name }, по вашим ответам не нашлось готового решения, которое подошло бы точно. Так бывает, когда запрос нестандартный: менеджер разберётся и предложит вариант именно под вас.
quiz-footer-tie = Сложно выбрать между ними? Менеджер поможет сравнить и посчитать под ваш запрос.
quiz-footer-out-of-stock = Лучший вариант сейчас недоступен — менеджер подскажет, когда он освободится или что взять вместо него.
quiz-footer-more = Есть и другие подходящие варианты.
quiz-footer-last = { $only ->
        [yes] Это единственный подходящий вариант.
       *[no] Это все подходящие варианты.
    } Если сомневаетесь — менеджер поможет выбрать.
quiz-liked = Спасибо, учли 👍
quiz-disliked = Спасибо, учли 👎
quiz-product-removed = Этого варианта больше нет в списке — остальные карточки выше в силе.
quiz-old-result = Это подборка из прошлого прохождения — актуальная ниже.
quiz-already-shown = Эти варианты уже показаны выше
quiz-finished-retake = Подбор уже завершён — этой кнопкой ответ не изменить. Чтобы ответить иначе, пройдите подбор заново: /quiz
quiz-nothing-more = Больше подходящих вариантов нет
quiz-rejected-more = Похоже, эти варианты не подошли. Показать ещё — или обсудить с менеджером?
quiz-rejected-none = Похоже, готовые варианты не подошли — так бывает. Менеджер поможет подобрать решение под вас.
# To the owners, once per photo and version of the content file (the photo is tried again an hour later); { $reason } is Telegram's own words
quiz-photo-refused = 🖼 Telegram не принял фото товара «{ $product }» ({ $productId }): { $reason }. Пока клиенты видят карточку без фото; бот попробует снова через час, а после изменения файла контента — сразу. Поправьте поле photo этого товара.
price-list =
    💰 Наши цены:
    { $list }
    Точную стоимость под ваш запрос назовёт менеджер.
price-list-more = …и ещё { $count } — остальное подберём в «{ $quiz }» в меню.
price-list-more-ask = …и ещё { $count } — об остальном расскажет менеджер.
# A product the client's price question names that is not available now (its stock note follows, if any)
price-list-unavailable = Сейчас недоступно: «{ $product }».
price-free = бесплатно
