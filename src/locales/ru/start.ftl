# $chat: business in the owner's own chat (Telegram Business), where no menu goes under it
start-greeting =
    { $returning ->
        [yes] С возвращением, { $name }! 😊
       *[no] Здравствуйте, { $name }! 👋
    }
    На связи { $business }. { $about }

    { $chat ->
        [business] Напишите, что вас интересует, — отвечу здесь.
       *[bot] С чего начнём?
    }
start-friend = друг
# /start of a team member (owner or manager) in their chat with the bot: not a client's greeting
start-team =
    Здравствуйте, { $name }! 👋 { $business }: вы в команде, ваша роль — { $role }.
    Заявки клиентов приходят в рабочую группу, у каждого клиента своя тема со всей историей. Отвечайте прямо в теме — бот передаст ответ клиенту.
    Ваши команды — /help. { start-team-menu }
# Under the welcome a team member did not get when added (Telegram refused their chat then), answering their /start
start-team-menu = Меню ниже — то, что видят клиенты: можно пройти любой путь самому.
consent-question = И один вопрос: можно иногда присылать вам полезные советы и новости? Только с вашего согласия, отписаться можно в любой момент командой /stop.
consent-yes-button = Да, присылайте
consent-no-button = Нет, спасибо
