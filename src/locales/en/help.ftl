help-text =
    What I can do:
    /menu — main menu
    /manager — talk to a manager
    /name — how to address you
    /language — change language
    /privacy — what data we store
    /stop — unsubscribe from news
    /forget — delete your data
    /cancel — stop the current step
help-staff = You are staff: manager commands work in a client's topic in the staff group.
help-owner = You are an owner: management commands are available to you too.
