language-choose = Choose your language / Выберите язык:
language-only = We speak English only here.
language-name-ru = 🇷🇺 Русский
language-name-en = 🇬🇧 English
language-set = Done, we speak English now.
