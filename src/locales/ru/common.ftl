# $chat: business in the client's chat with the owner's account (Telegram Business), where no menu goes under it
menu-title = { $chat ->
        [business] Напишите, что вас интересует, — отвечу здесь.
       *[bot] Чем займёмся? Выберите в меню 👇
    }
menu-quiz = 🎯 Подобрать услугу
menu-discovery = 📝 Рассказать о задаче
menu-booking = 📞 Заказать звонок
menu-manager = 💬 Написать менеджеру
menu-mine = 📋 Мои звонки и заказы
menu-about = ℹ️ О нас и контакты
menu-back = ← В меню
cancel-done = Хорошо, остановились. Ваши ответы сохранены — можно вернуться к ним в любой момент.
# $chat: as for menu-title
cancel-nothing = Сейчас отменять нечего.{ $chat ->
        [business] {" "}Напишите, что вас интересует, — отвечу здесь.
       *[bot] {" "}Вот меню:
    }
cancel-nothing-team = Сейчас отменять нечего. Ваши команды — /help
about-text =
    { $business }
    { $about }{ $values }

    🕐 Работаем: { $hours } ({ $zone })

    { $contacts }
# $chat: "business" в чате клиента с аккаунтом владельца (Telegram Business), где /menu не работает
error-generic = Ой, что-то пошло не так. Мы уже разбираемся — попробуйте ещё раз{ $chat ->
        [business] .
       *[bot] {" "}или откройте /menu.
    }
error-busy = Извините, сейчас очень много сообщений, и ответ не успел дойти. Повторите, пожалуйста, последнее действие{ $chat ->
        [business] .
       *[bot] {" "}или откройте /menu.
    }
stale-button = Эта кнопка уже неактуальна.
stale-button-menu = Эта кнопка уже неактуальна. Откройте /menu
unknown-command = Такой команды я не знаю. Список команд — /help
command-meant = Может быть, вы имели в виду /{ $command }?
# A team member's command sent in their private chat with the bot, where it does not work
staff-command-in-group = { $where ->
        [topic] /{ $command } работает в рабочей группе, в теме клиента.
        [anywhere] /{ $command } работает в рабочей группе: в общем чате и в любой теме.
       *[owner] /{ $command } — команда владельца бота.
    } Список команд — /help
free-text = Я бот и лучше понимаю кнопки. Если у вас вопрос, нажмите «{ $button }» — менеджер увидит ваше сообщение и ответит здесь.
# $chat: as for menu-title (there the button is the only one, with no menu)
free-text-menu-item = { $chat ->
        [business] Это можно сделать здесь — нажмите кнопку 👇
       *[bot] Это есть в меню — нажмите кнопку 👇
    }
# At night, before the text that says when the team is back and which button brings a manager
free-text-night = Я бот и лучше понимаю кнопки.
free-text-thanks = Пожалуйста! 😊 Если что-то понадобится — я здесь.
free-text-manager-button = { menu-manager }
# A team member's text (a photo, a sticker…) in their own chat with the bot that no step took
staff-typed-yes-no = Если это ответ на вопрос бота — нажмите кнопку под ним: ответы на вопросы в этом чате даются кнопками.
staff-free-text = Это ваш рабочий чат с ботом: отсюда клиентам ничего не уходит. Клиенту отвечают в его теме в рабочей группе. Команды — /help
# An owner's photo in their own chat: the file_id a product's `photo` takes in the content file
owner-photo-file-id =
    📷 Чтобы показать это фото в карточке товара, впишите у товара в файле контента строку:
    <code>photo: { $fileId }</code>
    Клиентам отсюда ничего не уходит.
# A team member pasted what looks like a content file as a message
staff-pasted-content = Похоже, это текст файла контента. { $role ->
        [owner] Сообщением его не применить: сохраните текст в файл с именем на .yaml (например, content.yaml) и пришлите этот файл сюда.
       *[manager] Заменить контент бота может только владелец: сохраните текст в файл с именем на .yaml и перешлите ему.
    }
unsupported-message = Такие сообщения я пока не умею обрабатывать. Выберите действие в меню 👇
private-only = Эта команда работает в личном чате с ботом.
staff-group-command-elsewhere = { $where ->
        [topic] /{ $command } работает в теме клиента.
        [private] /{ $command } работает в личном чате с ботом.
        [owner] /{ $command } — команда владельца бота.
       *[other] Такой команды нет.
    } Здесь, в общем чате группы и в любой теме: /today, /find, /duty, /handover, /followups (владельцы).
# What is wrong, in a few words before each line of a content report (the line itself is the checker's, in English); $kind: ContentIssueKind in src/content/loader.ts
content-issue-lead = { $kind ->
        [syntax] Ошибка в записи (YAML)
        [encoding] Файл не в кодировке UTF-8
        [empty] Файл пустой
        [file] Файл не открылся
        [unknown-key] Неизвестное поле (опечатка?)
        [decimal-comma] Запятая в сумме
        [required] Не заполнено обязательное поле
        [number] Нужно число
        [text] Нужен текст
        [list] Нужен список
        [boolean] Нужно true или false
        [mapping] Нужен блок с полями
        [choice] Такого значения бот не знает
        [bound] Выходит за допустимые пределы
        [format] Записано не в той форме
        [duplicate] Повтор
        [no-main-language] Нет текста на основном языке
        [unknown-language] Неизвестный язык
        [too-long] Не поместится в одно сообщение Telegram
       *[other] Ошибка
    }
# The last line of a content report cut short to fit one message
content-report-more = …и ещё { $count }: исправьте эти — следующая проверка покажет остальные (все сразу: npm run content:check на сервере).
# After a report of a file that could not be read (its syntax, its encoding): nothing else in it was checked
content-report-unread = Файл не прочитался целиком, поэтому остальное в нём пока не проверено — проверю, когда это исправите.
content-invalid =
    ⚠️ Файл контента изменён, но в нём ошибки — бот продолжает работать на прежней версии.
    Ниже — по строке на каждую ошибку: сначала коротко, что не так, затем точная строка проверки файла (по-английски): путь в файле, что не так и номер строки. Подробно о каждом поле — в руководстве по файлу контента (на английском): это файл docs/content.md в папке с программой бота; если у вас его нет, попросите того, кто устанавливал бота. Исправьте файл — бот подхватит его сам.

    { $report }
# $applied: yes (the fixed file is applied) or no (it is as it was before the errors: nothing to apply)
content-fixed = ✅ Файл контента исправлен{ $applied ->
        [yes] : бот работает на новой версии.
       *[no] {""} — в нём больше нет ошибок. Он такой же, как до них, так что применять нечего: бот работает как работал.
    }
# An edit of the file on the server applied over a file an owner sent in the chat; $when: "10:05, Мария"
content-upload-replaced = 📄 Файл контента на сервере изменён — бот работает на нём. Он заменил файл, присланный в чат ({ $when }); нужна та версия — пришлите её снова.
staff-only = Эта команда — только для сотрудников. Владелец может добавить вас в команду.
staff-only-message = Это сообщение до клиента не дошло: отсюда пишут клиентам только сотрудники. Владелец может добавить вас в команду.
staff-only-edit = Эта правка до клиента не дошла: отсюда пишут клиентам только сотрудники. Владелец может добавить вас в команду.
staff-former = бывший сотрудник
staff-button-only = Эта кнопка — только для сотрудников.
staff-anonymous = ⚠️ Не отправлено: вы пишете анонимно (в ваших правах администратора включена «Анонимность»), и бот не знает, кто вы. Клиенту ничего не ушло, команда не выполнена. Отключите «Анонимность» (группа → Администраторы → вы) и напишите снова.
staff-other-client = Эта кнопка — о другом клиенте: она работает только в его теме.
job-uncertain = ⚠️ Автоматическое сообщение клиенту ({ $kind }, задача #{ $id }) могло не дойти: бот не получил ответа Telegram на отправку (перезапуск или обрыв связи). Повторно оно не отправлено, чтобы не прийти дважды — при необходимости напишите клиенту.
job-failed = ⚠️ Автоматическое сообщение клиенту ({ $kind }, задача #{ $id }) не отправлено: бот от него отказался — попытки не удались, или задача больше не может выполниться (причина — в журнале бота). При необходимости напишите клиенту.
# $chat: business in the client's chat with the owner's account, where the bot shows no menu
contact-saved = Спасибо! Номер записан: { $phone }. { $call ->
    [yes] Менеджер увидит его, если понадобится перезвонить.
   *[no] { $chat ->
        [business] Звонок этим не заказан: если он нужен, отправьте /book.
       *[bot] Звонок этим не заказан: если он нужен, нажмите «{ $button }» в меню или отправьте /book.
    }
}
# Something after a slash that is none of the bot's commands, typed in a flow: the flow goes on
flow-unknown-command = Такой команды нет — продолжим с того же места. Выйти — /cancel.
# A client's stage as the team reads it: on the card, in /export's stage_name, on the broadcast's stage buttons and in its segment
client-stage-contact = первый контакт
client-stage-discovery = выяснение задачи
client-stage-presentation = подбор вариантов
client-stage-close = решение
client-stage-customer = клиент (оплачен один заказ)
client-stage-repeat = повторный клиент (оплачен второй заказ)
client-stage-advocate = переход к отзыву
# A phone number's example for a client whose time zone (/timezone) names a country the bot knows no number of: the shape, no country guessed
phone-example-any = +(код страны) (номер)
