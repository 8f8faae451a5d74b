help-text =
    What I can do:
    /menu — main menu
    /manager — talk to a manager
    /quiz — pick a service in a few questions
    /book — book a callback
    /mybookings — your calls and orders
    /name — how to address you
    /language — change language
    /privacy — what data we store
    /mydata — a file with all your data
    /stop — unsubscribe from news
    /forget — delete your data
    /cancel — stop the current step
help-staff = You are staff: manager commands work in a client's topic in the staff group; /today there lists today's callbacks.
help-owner = You are an owner: /broadcast — news to clients, /stats — stats, /export — clients as CSV, /backup — a database copy, /staff — the team. To replace the content file, just send the YAML file here.
