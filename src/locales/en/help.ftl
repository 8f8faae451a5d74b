# No number of questions for /quiz and /brief: the content file decides how many they ask
help-commands =
    /menu — main menu
    /manager — talk to a manager
    /quiz — find what suits you in a few questions
    /brief — tell us what you need: answer a questionnaire so a manager sees it at once
    /book — book a callback
    /mybookings — your calls and orders
    /name — how to address you
    /language — change language
    /privacy — what data we store
    /mydata — a file with all your data
    /stop — unsubscribe from news
    /forget — delete your data
    /cancel — stop the current step
help-text =
    What I can do:
    { help-commands }
# The team's /help ends with the clients' commands, as what clients see
help-team-client-commands =
    What clients see (you can try it too):
    { help-commands }
help-staff-topic = You are staff. In a client's topic in the staff group:
help-followups-topic = What is scheduled for this client
help-staff-group = Anywhere in the staff group:
help-owner = For owners — here, in your chat with the bot (/followups, /refund and /refunded here and in the group). To replace the content file, just send the YAML file here.
help-referral = Invite a friend: { $link }
