language-choose = Выберите язык / Choose your language:
language-only = Здесь мы говорим только по-русски.
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
language-set = Готово, говорим по-русски.
language-same = Мы и так говорим по-русски.
# In the client's topic: the language they picked with /language, in its own name
language-topic-changed = 🌐 Клиент выбрал язык: { $language }. Бот пишет ему на нём — отвечайте на нём же.
