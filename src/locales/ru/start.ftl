start-greeting =
    { $returning ->
        [yes] С возвращением, { $name }! 😊
       *[no] Здравствуйте, { $name }! 👋
    }
    На связи { $business }. { $about }

    С чего начнём?
start-friend = друг
consent-question = И один вопрос: можно иногда присылать вам полезные советы и новости? Только с вашего согласия, отписаться можно в любой момент командой /stop.
consent-yes-button = Да, присылайте
consent-no-button = Нет, спасибо
