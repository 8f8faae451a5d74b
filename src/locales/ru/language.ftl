language-choose = Выберите язык / Choose your language:
language-only = Здесь мы говорим только по-русски.
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
language-set = Готово, говорим по-русски.
