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
help-staff = You are staff. In a client's topic in the staff group: /close, /assign, /tag, /card, /note (or //), /offer, /invoice, /paid, /done, /followups; in the group, /today lists today's callbacks.
help-owner = You are an owner: /broadcast — news to clients, /stats — stats, /export — clients as CSV, /backup — a database copy, /staff — the team, /followups — everything scheduled. To replace the content file, just send the YAML file here.
help-referral = Invite a friend: { $link }
