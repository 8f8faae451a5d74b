question-position = Вопрос { $number } из { $total }
question-multi-note = Можно выбрать несколько, затем нажмите «Готово».
question-phone-note = Нажмите «Поделиться номером» внизу или напишите номер.
question-phone-note-typed = Напишите номер, например { $example }.
question-date-note = { $birthday ->
        [yes] Напишите дату с годом, например 08.03.1990.
       *[no] Напишите дату, например 25.12.2026 или 8 марта.
    }
question-current = Сейчас: { $answer }
question-skipped = пропущено
question-done-button = Готово ✔️
question-back-button = ← Назад
question-skip-button = Пропустить →
question-keep-button = Оставить как есть
question-phone-button-hint = Номер можно отправить одной кнопкой 👇
question-phone-share-button = 📱 Поделиться номером
question-phone-thanks = Хорошо 👌
question-button-old = Эта кнопка от другого вопроса — ответьте, пожалуйста, на последний 👇
question-changed = Вопрос только что обновился — вот актуальная версия.
question-list-changed = Список вопросов обновился — продолжим с актуального.
# $left: the questions still to be asked, after those answered before (the intro counts them all)
question-known =
    На эти вы уже ответили, второй раз не спрашиваю:
    { $answers }
    Если что-то изменилось — измените ответ кнопкой «← Назад». { $left ->
        [one] Остался { $left } вопрос.
        [few] Осталось { $left } вопроса.
       *[many] Осталось { $left } вопросов.
    }
question-pick-one = Выберите хотя бы один вариант.
question-file-kept = 📎 { $kind ->
        [photo] Фото сохранено
        [video] Видео сохранено
        [video_note] Видеосообщение сохранено
        [voice] Голосовое сохранено
        [audio] Аудио сохранено
       *[other] Файл сохранён
    } в переписке: позовёте менеджера — он его увидит.
question-use-buttons = Выберите, пожалуйста, вариант кнопкой 👇
question-use-buttons-again = Выберите, пожалуйста, вариант кнопкой 👇 Если ни один не подходит — /menu вернёт в меню, а /manager позовёт менеджера.
# $chat: business in the client's chat with the owner's account, where the button is not shown
question-offer-manager = { $chat ->
        [business] Сложно ответить? Менеджер поможет — отправьте /manager.
       *[bot] Сложно ответить? Менеджер поможет — нажмите кнопку ниже.
    }
question-ask-manager-button = 💬 Спросить менеджера
question-asked-again = Этот вопрос задан ещё раз ниже — ответьте, пожалуйста, там 👇
question-already-answered = Этот ответ уже записан 👍
question-resuming = Продолжим с того места, где остановились
question-edit-ignored = Исправленное сообщение ответ не меняет. { $flow ->
        [quiz] Вернуться к прошлому вопросу можно кнопкой «← Назад».
        [quiz-finished] Чтобы ответить иначе, пройдите подбор заново: /quiz
       *[discovery] Поменять ответ можно в итогах, кнопкой «✏️ Исправить».
    }
answer-empty = Кажется, ответ пустой.
answer-too-short = Напишите чуть подробнее — хотя бы { $min } { $min ->
        [one] символ
        [few] символа
       *[many] символов
    }.
answer-too-long = Слишком длинно — уложитесь, пожалуйста, в { $max } { $max ->
        [one] символ
        [few] символа
       *[many] символов
    }.
answer-pattern = Ответ не похож на то, что нужно.
answer-not-number = Здесь нужно одно число — цифрами или словами.
answer-ambiguous-number = Что вы имели в виду: { $thousands } или { $decimal }? Напишите, пожалуйста, одно из двух.
answer-out-of-range = Нужно число от { $min } до { $max }.
answer-too-small = Нужно число не меньше { $min }.
answer-too-big = Нужно число не больше { $max }.
answer-phone = Не похоже на номер телефона.
answer-email = Не похоже на адрес почты.
answer-date = Не получилось прочитать дату.
answer-ambiguous-date = Что вы имели в виду: { $first } или { $second }? Напишите, пожалуйста, через точки, сначала день: { $firstTyped } или { $secondTyped }.
answer-text-only = Здесь нужен ответ текстом.
answer-contact = Контакт сюда не подходит — напишите ответ текстом.
answer-own-contact = Пришлите, пожалуйста, свой номер — кнопкой «Поделиться номером» или текстом.
answer-own-contact-typed = Это не ваш контакт. Напишите, пожалуйста, свой номер текстом.
answer-hint = 💡 { $hint }
answer-hint-phone = Например: { $example }
answer-hint-email = Например: name@mail.ru
answer-hint-date = { $birthday ->
        [yes] Например: 08.03.1990
       *[no] Например: 25.12.2026 или 8 марта
    }
answer-hint-number = Например: { $example }
