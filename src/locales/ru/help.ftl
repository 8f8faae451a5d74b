# $chat: business in the client's chat with the owner's account, where /menu offers no menu
# $flows: which of /quiz and /brief the content file has questions for (both, quiz, brief, none)
help-commands =
    { $chat ->
        [business] /manager — { $manager }
       *[bot]
            /menu — главное меню
            /manager — { $manager }
    }
    { $flows ->
        [quiz]
            /quiz — { $quiz }
            /book — { $book }
        [brief]
            /brief — { $brief }
            /book — { $book }
        [none] /book — { $book }
       *[both]
            /quiz — { $quiz }
            /brief — { $brief }
            /book — { $book }
    }
    /mybookings — ваши звонки и заказы
    /name — как к вам обращаться
    /timezone — ваш часовой пояс, чтобы время было по вашим часам
    /language — сменить язык
    /privacy — какие данные мы храним
    /mydata — файл с вашими данными
    /stop — отписаться от рассылок
    /forget — удалить ваши данные
    /cancel — остановить текущий шаг
# The lines of the commands a main-menu button does: the content file's `menu` may word them.
# No number of questions for /quiz and /brief: the content file decides how many they ask
help-manager = написать менеджеру
help-quiz = подобрать подходящий вариант по нескольким вопросам
help-brief = ответить на вопросы анкеты, чтобы менеджер сразу понял, что вам нужно
help-book = заказать звонок
help-text =
    { $chat ->
        [business] Напишите, что вас интересует, — отвечу здесь. А ещё здесь работают команды:
       *[bot] Что я умею:
    }
    { help-commands }
# The team's /help ends with the clients' commands, as what clients see
help-team-client-commands =
    Что видят клиенты (попробовать можно и вам):
    { help-commands }
help-staff-topic = Вы в команде. В теме клиента в рабочей группе:
help-followups-topic = Что запланировано этому клиенту
help-staff-group = В любом месте рабочей группы:
help-owner = Для владельца — здесь, в чате с ботом (/followups, /refund и /refunded — и здесь, и в группе). Новый файл контента (YAML) можно просто прислать сюда: тот, на котором бот работает сейчас, пришлёт /content — его и поправьте.
help-referral = Пригласить друга: { $link }
