cmd-brief = Рассказать о задаче
discovery-friend = друг
discovery-intro =
    { $name }, ответьте на несколько вопросов — так мы предложим то, что нужно именно вам.
    { $total ->
        [one] Всего { $total } вопрос
        [few] Всего { $total } вопроса
       *[many] Всего { $total } вопросов
    }, это пара минут. Необязательные можно пропустить, к предыдущему — вернуться кнопкой «Назад», остановиться — командой /cancel: ответы сохранятся.
discovery-resume = С возвращением, { $name }! Ваши ответы сохранены — продолжим с вопроса { $number } из { $total }.
discovery-empty = Расскажите менеджеру, что вам нужно, — он сам задаст нужные вопросы.
discovery-summary-title = Вот что получилось, { $name }:
discovery-summary-check = Всё верно?
discovery-summary-skipped = — (пропущено)
discovery-summary-outdated = Остались вопросы без ответа — продолжим
discovery-summary-changed = Итоги изменились — вот актуальные
discovery-correct-button = ✅ Всё верно
discovery-edit-button = ✏️ Исправить
discovery-edit-which = Какой ответ поправить? Остальные останутся как есть.
discovery-edit-cancel-button = ← К итогам
# $quiz: whether the content has a quiz to offer (no button for one it has not)
discovery-next = Спасибо, { $name }! Теперь понятно, что вам нужно. Что дальше? { $quiz ->
        [yes] Могу подобрать подходящий вариант, записать вас на звонок или передать менеджеру.
       *[no] Могу записать вас на звонок или передать менеджеру.
    }
discovery-next-person = Спасибо, { $name }! По вашим ответам лучше всего поговорить с менеджером: ответы у него будут, повторять ничего не придётся.
# The questionnaire done with a request open: the manager already has the chat, and the answers on the card
discovery-next-request = Спасибо, { $name }! Теперь понятно, что вам нужно. Ответы есть и у менеджера, который ведёт ваш вопрос, — повторять ничего не придётся, пишите сюда.
discovery-next-manager = 💬 Обсудить с менеджером
