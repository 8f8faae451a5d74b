staff-check-which = Group { $id }:
staff-check-title = ⚠️ The staff group is not fully set up — clients cannot be handed to managers yet:
staff-check-not-found = The bot cannot see the group with the id in STAFF_GROUP_ID. Add the bot to the group and check the id (it starts with -100).
staff-check-not-supergroup = The group is not a supergroup. Turn on Topics in the group settings — Telegram converts it to a supergroup (the id changes: update STAFF_GROUP_ID).
staff-check-topics-off = Topics are off in the group. Group settings → Topics → on.
staff-check-bot-not-admin = The bot is not an admin of the group. Group settings → Administrators → add the bot.
staff-check-no-topic-rights = The bot lacks the “Manage topics” right. Group settings → Administrators → the bot → enable “Manage topics”.
