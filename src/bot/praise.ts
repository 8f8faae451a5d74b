/**
 * The words that thank in the clients' languages other than English: Russian («спасибо», «спс»,
 * «благодарю»), Ukrainian («дякую»), Kazakh («рахмет», «рақмет»: in Kazakhstan as common in a
 * Russian chat as «спасибо»; "Рахмет, оплачу в пятницу" had been read as a question), Uzbek and
 * Tajik («рахмат», «раҳмат») — and those of Central Asia in Latin letters too, as Uzbek is written
 * («rahmat», «raxmat») and as a phone without a Russian keyboard types Kazakh («rakhmet»,
 * «rahmet»): one word each, said in a Russian chat or an English one alike. The one list every
 * reader of a thanks takes them from. English thanks are each reader's own: some read them as set
 * phrases ("thank you so much"). Lowercase, "ё" read as "е".
 */
export const THANKS_WORDS: readonly string[] = [
  ...['спасибо', 'спс', 'пасиб', 'спасибки', 'спасибочки', 'благодарю', 'благодарим'],
  ...['дякую', 'дякуємо'],
  ...['рахмет', 'рақмет', 'rakhmet', 'rahmet'],
  ...['рахмат', 'раҳмат', 'rahmat', 'raxmat'],
]
/**
 * Words a thanks is said with in those languages: how much («спасибо большое», «дуже дякую», «көп
 * рахмет», «үлкен рахмет») and to whom («спасибо вам», «рахмет сізге», «рахмет саған»).
 */
export const THANKS_SAID_WITH: readonly string[] = [
  ...['большое', 'огромное', 'вам', 'вас', 'тебе', 'дуже'],
  ...['көп', 'үлкен', 'сізге', 'саған'],
]

/**
 * Words that praise what was done, in the languages the bot speaks ("great work", "шикарные",
 * "понравилось", "a star"): one vocabulary for a rating typed with words (`onlyPraises`), the score
 * they follow with no stop between ("5 спасибо": `typedScore`) and a thanks that praises
 * (`isAcknowledgement`). Lowercase, "ё" read as "е". Its «спасиб…», «благодар…» overlap
 * `THANKS_WORDS` on purpose: they read the forms a thanks alone is not said in but praise is
 * («5 благодарна», «спасибушки»).
 */
export const PRAISE_WORDS = String.raw`(?:${THANKS_WORDS.join('|')}|спасиб\p{L}*|благодар\p{L}*|супер|отличн\p{L}*|хорош\p{L}*|прекрасн\p{L}*|замечательн\p{L}*|великолепн\p{L}*|молодц\p{L}*|класс\p{L}*|круто|здорово|быстр\p{L}*|вежлив\p{L}*|норм\p{L}*|довол\p{L}*|лучш\p{L}*|рекоменд\p{L}*|восторг\p{L}*|шикарн\p{L}*|красив\p{L}*|идеальн\p{L}*|понравил\p{L}*|умниц\p{L}*|огонь|great|good|excellent|perfect|thanks|thank|awesome|amazing|fast|quick|helpful|nice|super|brilliant|wonderful|fantastic|service|love|loved|lovely|star|stars|legend|best|beautiful|gorgeous|stunning|fab|fabulous|superb|outstanding|happy|pleased|delighted|recommend)`
/** One word of praise (`PRAISE_WORDS`), the whole of a word read. */
export const PRAISE = new RegExp(`^${PRAISE_WORDS}$`, 'u')

/** Faces and signs of a good experience ("😍", "👍", "🔥"): a low score beside one says two things. */
export const GLAD = /👍|😍|🥰|🤩|😊|😁|😃|🔥|❤|💯|👌/u
/** Of those, the ones that praise without a word of it ("rides like new 😍"): not "🔥" or "👌", which may say "on fire" or a bare "ok". */
export const DELIGHT = /😍|🥰|🤩|❤|😊|👍|💯/u

/**
 * What praise is said of ("the nails", "ногти", "the logo", "сайт", "the team"): the only other
 * words a thanks with praise may have. Any other word ("болит палец", "call me", "delete my data")
 * makes it a message for the team.
 */
export const PRAISED_THING =
  /^(?:nails?|hair|colou?rs?|cut|fringe|brows?|lashes|site|website|logo|design|layout|work|job|result|results|team|everything|ногт\p{L}*|волос\p{L}*|цвет\p{L}*|стрижк\p{L}*|укладк\p{L}*|маникюр\p{L}*|педикюр\p{L}*|бров\p{L}*|ресниц\p{L}*|сайт\p{L}*|логотип\p{L}*|дизайн\p{L}*|макет\p{L}*|работ\p{L}*|результат\p{L}*|сервис\p{L}*|команд\p{L}*)$/u
