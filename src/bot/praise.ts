import { folded } from '../text.ts'

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

/** Words that thank, that a name may follow ("thanks Maria", «спасибо, Ольга»). */
const THANKS_WORD: ReadonlySet<string> = new Set([...THANKS_WORDS, 'thanks', 'thank', 'thx', 'ty', 'cheers', 'ta'])
/**
 * Words between a thanks and the name it is said to ("thank you so much Maria", «спасибо вам большое,
 * Ольга», «рахмет сізге, Айгүл»).
 */
const THANKS_TO: ReadonlySet<string> = new Set([...THANKS_SAID_WITH, 'you', 'so', 'very', 'much', 'a', 'lot'])

/**
 * A no typed instead of pressed, the first word of one ("нет", "no thanks"; Kazakh «жоқ», typed on a
 * Russian keyboard «жок»): what typed answers read a no by (typed-answers.ts), and no name a thanks
 * is said to, capitalised or not («да, спасибо, Нет»).
 */
export const NO_FIRST: ReadonlySet<string> = new Set(['нет', 'неа', 'no', 'nope', 'nah', 'жоқ', 'жок'])
/** Words that ask for something to be done: a remark with one is a request ("delete the old version"). */
export const REQUESTING =
  /^(?:пожалуйста|возврат\p{L}*|нужно|надо|нужен|нужна|хочу|хотим|можно|please|pls|plz|refund|need|want|can|could|would|delete|remove|send|call|ring|text|email|fix|change|add|make|check|update|cancel|redo|give|tell|show|let|book|move)$/u
/** A Russian request's verb: "удалите", "пришлите", "сделайте", "верните" (the polite imperative; "на сайте" is none). */
export const ASKED_TO_DO = /^(?!сайте$)\p{L}{2,}(?:ите|йте)$/u
/** Words of waiting for what was promised: «жду», «ждём», "waiting" — what a client says, not who they thank. */
const WAITING = /^(?:жду|ждем|ждать|подожду|подождем|wait|waiting)$/u

/** A word written as a name is: a capital, then small letters ("Светлана", "Anna"). */
const AS_A_NAME = /^\p{Lu}\p{Ll}+$/u
/**
 * What no name is, capitalised or not (a word folded): a no (`NO_FIRST`), a plea or a request's
 * verb («Перезвоните», «Пришлите», "Call", "Please": `ASKED_TO_DO`, `REQUESTING`), a wait («Жду»).
 */
const notAName = (word: string) =>
  NO_FIRST.has(word) || ASKED_TO_DO.test(word) || REQUESTING.test(word) || WAITING.test(word)
/** A patronymic: «Петровна», «Сергеевна», «Иванович», «Ильинична». */
const PATRONYMIC = /\p{L}{2,}(?:овна|евна|ович|евич|ична)$/u
/** A Russian surname by its ending: «Иванова», «Петров», «Сидорин», «Вишневская», «Шевченко», «Ковальчук», «Седых». */
const SURNAME = /\p{L}{2,}(?:ов|ова|ев|ева|ин|ина|ын|ына|ский|ская|цкий|цкая|енко|ук|юк|ян|дзе|швили|их|ых)$/u

/**
 * `text` with the names a thanks is said to taken out («Спасибо, Светлана!» → «Спасибо, !»,
 * "Thanks Anna!", «спасибо большое, Ольга Петровна»): a word written as a name is (`AS_A_NAME`) with
 * nothing but spaces and commas between it and the thanks (or the words said with it, `THANKS_TO`),
 * and no word the readers know as something else said (`notAName`: «Спасибо, Перезвоните», "Thanks,
 * Call Me!", «Спасибо, Жду Звонка» are no names). A second word goes with it only as a patronymic
 * or a surname is written («Ольга Петровна», «Анна Иванова»), or — where not every word of the text
 * has its capital, which then says nothing of names — as any name ("thanks Anna Smith"). Whoever is
 * thanked, the manager or anyone, is no more said; what comes after the name still counts («Спасибо,
 * Светлана, а можно ещё…»). The manager's name is not looked up: clients thank by short names
 * ("Света") too. The one rule every reader of a thanked name goes by: a thanks after a request
 * (message-entry.ts) and the typed answers to the bot's questions (typed-answers.ts).
 */
export function withoutThankedNames(text: string): string {
  // A name follows a thanks: with no capital after the first letter there is none (most texts)
  if (!/[\s\S]\p{Lu}/u.test(text)) return text
  const runs = [...text.matchAll(/\p{L}+/gu)]
  const titleCase = runs.every((run) => /^\p{Lu}/u.test(run[0]))
  const addressed = (at: number) => {
    const [previous, run] = [runs[at - 1], runs[at]]
    if (!previous || !run) return false
    return /^[\s,]+$/u.test(text.slice((previous.index ?? 0) + previous[0].length, run.index))
  }
  const named = (at: number) => {
    const word = runs[at]?.[0] ?? ''
    return AS_A_NAME.test(word) && !notAName(folded(word)) && addressed(at)
  }
  const secondName = (at: number) => {
    const word = folded(runs[at]?.[0] ?? '')
    return named(at) && (PATRONYMIC.test(word) || SURNAME.test(word) || !titleCase)
  }
  const names: { from: number; to: number }[] = []
  for (let at = 0; at < runs.length; at++) {
    if (!THANKS_WORD.has(folded(runs[at]?.[0] ?? ''))) continue
    let name = at + 1
    while (name < runs.length && addressed(name) && THANKS_TO.has(folded(runs[name]?.[0] ?? ''))) name++
    if (!named(name)) continue
    const last = secondName(name + 1) ? name + 1 : name
    const [first, end] = [runs[name], runs[last]]
    if (first && end) names.push({ from: first.index ?? 0, to: (end.index ?? 0) + end[0].length })
    at = last
  }
  return names.reduceRight((said, { from, to }) => `${said.slice(0, from)}${said.slice(to)}`, text)
}

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
/**
 * A word that turns praise into something more: a no, a but, a wish, a plea, a question's word
 * («спасибо, машину быстрее пожалуйста», «хорошо бы быстрее»). A thanks with praise is one with
 * none of them, wherever it is read (message-entry.ts, typed-answers.ts).
 */
export const MORE_THAN_PRAISE =
  /^(?:not|no|never|but|however|also|can|could|would|will|please|pls|plz|need|needs|want|when|why|how|what|where|if|only|except|though|although|не|нет|но|однако|еще|можно|нужно|надо|хочу|когда|почему|как|где|что|только|бы|хотя|кроме|жаль|пожалуйста|плиз)$|n't$/u

/** Faces and signs of a good experience ("😍", "👍", "🔥"): a low score beside one says two things. */
export const GLAD = /👍|😍|🥰|🤩|😊|😁|😃|🔥|❤|💯|👌/u
/** Of those, the ones that praise without a word of it ("rides like new 😍"): not "🔥" or "👌", which may say "on fire" or a bare "ok". */
export const DELIGHT = /😍|🥰|🤩|❤|😊|👍|💯/u

/**
 * What praise is said of ("the nails", "ногти", "the logo", "сайт", "the team", "машина", "the car"): the only other
 * words a thanks with praise may have. Any other word ("болит палец", "call me", "delete my data")
 * makes it a message for the team.
 */
export const PRAISED_THING =
  /^(?:nails?|hair|colou?rs?|cut|fringe|brows?|lashes|site|website|logo|design|layout|work|job|result|results|team|everything|ногт\p{L}*|волос\p{L}*|цвет\p{L}*|стрижк\p{L}*|укладк\p{L}*|маникюр\p{L}*|педикюр\p{L}*|бров\p{L}*|ресниц\p{L}*|сайт\p{L}*|логотип\p{L}*|дизайн\p{L}*|макет\p{L}*|работ\p{L}*|результат\p{L}*|сервис\p{L}*|команд\p{L}*|машин\p{L}*|автомобил\p{L}*|car)$/u

/** Words of a praise said ("the nails look", "it was", "вышло просто", "всё очень"): neither praise nor more. */
export const SAYING_PRAISE: ReadonlySet<string> = new Set([
  ...['look', 'looks', 'looked', 'is', 'are', 'was', 'were', 'it', 'they', 'this', 'that', "that's", "it's"],
  ...['the', 'my', 'your', 'so', 'really', 'just', 'absolutely', 'all', 'i', 'we', 'a', 'an', 'very', 'such'],
  ...['done', 'turned', 'out', 'came', 'and'],
  ...['просто', 'очень', 'такой', 'такая', 'такие', 'такое', 'вышло', 'вышел', 'вышла', 'вышли', 'получилось'],
  ...['получился', 'получилась', 'получились', 'все', 'мне', 'нам', 'ваш', 'ваша', 'ваши', 'это', 'и'],
])
