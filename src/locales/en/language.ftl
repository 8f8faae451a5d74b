language-choose = Choose your language / Выберите язык:
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
language-set = Done, we speak English now.
