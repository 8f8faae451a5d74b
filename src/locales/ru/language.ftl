language-choose = Выберите язык / Choose your language:
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
language-set = Готово, говорим по-русски.
