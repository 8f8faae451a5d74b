language-choose = Choose your language / Выберите язык:
language-only = We speak English only here.
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
language-set = Done, we speak English now.
language-same = We are already speaking English.
# In the client's topic: the language they picked with /language, in its own name
language-topic-changed = 🌐 The client chose a language: { $language }. The bot writes to them in it — answer in it too.
