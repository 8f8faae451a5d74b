# $chat: business in the client's chat with the owner's account, where /menu offers no menu
# $flows: which of /quiz and /brief the content file has questions for (both, quiz, brief, none)
help-commands =
    { $chat ->
        [business] /manager — { $manager }
       *[bot]
            /menu — main menu
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
    /mybookings — your calls and orders
    /name — how to address you
    /timezone — your time zone, so times are written for your clock
    /language — change language
    /privacy — what data we store
    /mydata — a file with your data
    /stop — unsubscribe from news
    /forget — delete your data
    /cancel — stop the current step
# The lines of the commands a main-menu button does: the content file's `menu` may word them.
# No number of questions for /quiz and /brief: the content file decides how many they ask
help-manager = talk to a manager
help-quiz = find what suits you in a few questions
help-brief = tell us what you need: answer a questionnaire so a manager sees it at once
help-book = book a callback
help-text =
    { $chat ->
        [business] Write what you are interested in, and I will answer here. These commands work here too:
       *[bot] What I can do:
    }
    { help-commands }
# The team's /help ends with the clients' commands, as what clients see
help-team-client-commands =
    What clients see (you can try it too):
    { help-commands }
help-staff-topic = You are staff. In a client's topic in the staff group:
help-followups-topic = What is scheduled for this client
help-staff-group = Anywhere in the staff group:
help-owner = For owners — here, in your chat with the bot (/followups, /refund and /refunded here and in the group). To replace the content file, just send the YAML file here: /content gives you the one in force to edit.
help-referral = Invite a friend: { $link }
