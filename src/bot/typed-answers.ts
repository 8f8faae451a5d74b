/** A client's typed yes or no, where the bot asked a question with buttons. */

import { DAY_MS, daysToWeekday, monthIn, upcomingDate, weekdayOf, weekdayWord } from '../services/time.ts'
import { numberAt } from '../spoken-numbers.ts'
import { keepLast, splitWords, withoutKisses, words } from '../text.ts'
import {
  ASKED_TO_DO,
  DELIGHT,
  GLAD,
  MORE_THAN_PRAISE,
  NO_FIRST,
  PRAISE,
  PRAISE_WORDS,
  REQUESTING,
  SAYING_PRAISE,
  THANKS_SAID_WITH,
  THANKS_WORDS,
  PRAISED_THING as THING_PRAISED,
  withoutThankedNames,
} from './praise.ts'
import { BUT, markInWords, typedScore } from './questions.ts'

/**
 * A yes typed instead of pressing a question's _Yes_ ("Вопрос решён?", the newsletter's): a
 * plain yes, its words all of a yes and thanks ("да", "ага, всё отлично", "yes, thanks"), and
 * no "?". Anything more ("да, но ещё вопрос", "Решено?", "да, вопрос") is words of its own.
 * Each question may take its own words besides (isSolvedYes, isYesToNews): they are a yes there
 * only — "всё" under "Отменить звонок?" cancels nothing.
 */
const YES_FIRST = new Set([
  'да',
  'ага',
  'угу',
  'конечно',
  'верно',
  'правильно',
  'решен',
  'решено',
  'yes',
  'yep',
  'yup',
  'yeah',
  'yeh',
  'yea',
  'sure',
  'correct',
  'solved',
  // Kazakh, as clients in Kazakhstan answer a Russian-speaking bot: «иә», and typed on a Russian
  // keyboard without its letter «ия», «иа»
  ...['иә', 'ия', 'иа'],
])
/**
 * Words of "it's fine" that answer a yes-or-no question with a yes where it asks whether all is
 * well ("Вопрос решён?", "Всё верно?"): "grand, thanks" in Ireland, "perfect", "отлично". Not a
 * yes to the newsletter: "отлично" under it says nothing of wanting the news.
 */
const FINE_WORDS = ['grand', 'perfect', 'lovely', 'brilliant', 'отлично', 'супер', 'прекрасно']
const YES_MORE = new Set([
  ...YES_FIRST,
  'пожалуйста',
  'please',
  'pls',
  // A thanks, in any of the clients' languages: "да, спасибо", «так, все добре, дякую», «да, рахмет»
  ...THANKS_WORDS,
  ...THANKS_SAID_WITH,
  'все',
  'хорошо',
  'ок',
  'thanks',
  'thank',
  'thx',
  'ty',
  // British thanks: "all good ta x"
  'ta',
  // Ukrainian: "так, все добре, дякую"
  'добре',
  'you',
  'it',
  'is',
  'all',
  'good',
  'great',
  'ok',
  'cheers',
  ...FINE_WORDS,
])
export function isPlainYes(text: string): boolean {
  return plainAnswer(text, YES_FIRST, YES_MORE)
}

/**
 * A yes to "Вопрос решён?" as people hedge it too: "да вроде все решили", "всё решено, спасибо",
 * "вроде разобрались", "all sorted, thanks", led by a «ну» or a "well" («ну да вроде всё») — or a
 * plain yes.
 */
// "Так" is Ukrainian's yes; in Russian it begins a sentence ("так, а сколько…") and is a yes
// nowhere else, so here only, where a bare "так, все добре" can only answer the question
const SOLVED_FIRST = new Set([
  ...YES_FIRST,
  ...FINE_WORDS,
  ...['решили', 'разобрались', 'вроде', 'все', 'all', 'sorted'],
  ...['так', 'вирішено', 'вирішили'],
])
const SOLVED_MORE = new Set([
  ...YES_MORE,
  ...SOLVED_FIRST,
  'бы',
  'уже',
  'норм',
  'нормально',
  'вам',
  'огромное',
  'so',
  'much',
  'fine',
])
export function isSolvedYes(text: string): boolean {
  return plainAnswer(text.replace(SOLVED_LEAD, ''), SOLVED_FIRST, SOLVED_MORE)
}
/**
 * What a yes to "Вопрос решён?" may be led by and changes nothing: «ну да», «ну да вроде всё»,
 * "well yes", "um yeah" (they reopened the request, while «да вроде всё» closed it). Alone, it
 * says nothing.
 */
const SOLVED_LEAD = /^[\s,.…-]*(?:(?:ну|well|u+m+|u+h+|erm)(?!\p{L})[\s,.…!-]*)+/iu

/**
 * A yes to the newsletter's question as it is said to it: "да, присылайте", "да можно",
 * "давайте", "yes, send them", "yeah go on", "go ahead" — or a plain yes; led by a «ну», a
 * «ладно» or an "ok" ("ну можно", "ладно, присылайте", "ok send them"), and with a wish that it
 * come seldom after it ("можно, только не часто", "sure, just not too often"): news goes out only
 * when the owner sends a broadcast, and the bot's own marketing at most once a day, so the wish
 * is taken with the yes and passed to nobody (it opened a request for a manager, the question
 * left unanswered). Not "ок", «ну» or «ладно» alone: consent is a
 * clear yes, and an "ok" after the greeting may answer the greeting.
 */
const NEWS_FIRST = new Set([...YES_FIRST, 'можно', 'давайте', 'присылайте', 'go', 'send'])
const NEWS_MORE = new Set([...YES_MORE, ...NEWS_FIRST, 'пишите', 'send', 'them', 'on', 'ahead'])
/** Words a yes may be led by, never one alone. */
const NEWS_LEAD = new Set(['ну', 'ладно', 'ок', 'окей', 'ok', 'okay', 'хорошо'])
/** A wish that the news come seldom, ending a yes: «только не часто», «но пореже», "just not too often". */
const SELDOM =
  /(?:^| )(?:(?:но|только|лишь|а|but|just|only) )*(?:не (?:очень |слишком |так |сильно )?часто|пореже|не спамьте|(?:not|don t|dont|do not) (?:too |so )?(?:often|much|many)|no spam)(?: (?:пожалуйста|please|pls))?$/u
export function isYesToNews(text: string): boolean {
  if (plainAnswer(text, NEWS_FIRST, NEWS_MORE)) return true
  if (QUESTION_MARK.test(text)) return false
  const said = withoutKisses(words(text))
  let lead = 0
  while (lead < said.length && NEWS_LEAD.has(said[lead] as string)) lead++
  const rest = said.slice(lead).join(' ').replace(SELDOM, '')
  return rest !== said.join(' ') && rest !== '' && plainAnswer(rest, NEWS_FIRST, NEWS_MORE)
}

/**
 * A yes to a booking's "Всё верно?" (and the questionnaire summary's, "Is that right?") as it is said to it: "ок", "подтверждаю", "ок, подтвердить"
 * (its button's word), "записывайте", "confirm", "book it", "всё так", "подходит", "that's fine",
 * "looks good", "sounds good to me" — or a plain yes. An "ок" or a "fine" there answers the
 * question on screen, as it does not the newsletter's (isYesToNews). ("That's fine" was passed to
 * the manager as a thanks, and the client believed the call booked.)
 */
const CONFIRMING = new Set([
  ...['ок', 'окей', 'подтверждаю', 'подтвердить', 'подтверждаем', 'записывайте', 'записываюсь', 'верно'],
  ...['подходит', 'устраивает', 'годится', 'норм', 'нормально'],
  ...['ok', 'okay', 'confirm', 'confirmed', 'book', 'sure', 'fine', 'good'],
])
/** The words "that's fine", "it's all good", "looks good", "sounds right" begin with. */
const IT_IS = ['that', 'thats', 'its', 'looks', 'sounds', 'all', 'все']
const CONFIRM_FIRST = new Set([...YES_FIRST, ...FINE_WORDS, ...CONFIRMING, ...IT_IS])
const CONFIRM_MORE = new Set([
  ...YES_MORE,
  ...CONFIRMING,
  ...IT_IS,
  ...['так', 'правильно', 'it', 'me', 'in', 'меня', 's', 'right', 'correct', 'to', 'works'],
])
/** What "that's …", "looks …", "всё …" must go on to say to be a yes: it is fine. */
const IT_IS_FINE = new Set([...FINE_WORDS, ...CONFIRMING, 'верно', 'так', 'правильно', 'right', 'correct', 'works'])
export function isYesToConfirm(text: string): boolean {
  if (!plainAnswer(text, CONFIRM_FIRST, CONFIRM_MORE)) return false
  // "that", "all in", "its you" alone say nothing of it: "that's fine", "all good", "всё верно" do
  const [head, ...rest] = words(text)
  return head === undefined || !IT_IS.includes(head) || rest.some((w) => IT_IS_FINE.has(w))
}

/**
 * A yes to "Move the call?" as its button says it ("✅ Move it", «✅ Перенести»): "move it", "yes
 * move it", "go ahead", "переносите", "да, переносите", "перенесите звонок" — or a yes to a
 * confirmation (isYesToConfirm). "Yes move it" was asked what to change.
 */
const MOVING = new Set(['move', 'reschedule', 'go', 'перенести', 'переносите', 'перенесите', 'переносим'])
const MOVE_FIRST = new Set([...CONFIRM_FIRST, ...MOVING])
const MOVE_MORE = new Set([...CONFIRM_MORE, ...MOVING, 'ahead', 'the', 'call', 'звонок', 'его'])
export function isYesToMove(text: string): boolean {
  return isYesToConfirm(text) || plainAnswer(text, MOVE_FIRST, MOVE_MORE)
}

/**
 * A yes to "Позвонить на +7 916 …?" as it is said to it: "да, на этот", "да, на него", "этот",
 * "yes, that one", "same number" — or a plain yes.
 */
const THIS_ONE = new Set(['этот', 'него', 'этому', 'тот', 'that', 'this', 'same'])
const AROUND_THIS_ONE = new Set(['на', 'же', 'номер', 'звоните', 'one', 'number', 'call'])
export function isYesToThisNumber(text: string): boolean {
  if (isPlainYes(text)) return true
  if (text.includes('?')) return false
  const said = words(text)
  return (
    said.some((w) => YES_FIRST.has(w) || THIS_ONE.has(w)) &&
    said.every((w) => YES_MORE.has(w) || THIS_ONE.has(w) || AROUND_THIS_ONE.has(w))
  )
}

/**
 * A yes to "Cancel the call …?" that says so ("да, отменяйте", "yes cancel it", "отмените"): a
 * yes or a word of cancelling first, and nothing but those and a yes's words after.
 */
const CANCELLING = new Set(['отменить', 'отменяйте', 'отмените', 'отмени', 'отменяй', 'отмена', 'cancel'])
const YES_TO_CANCEL_FIRST = new Set([...YES_FIRST, ...CANCELLING])
const YES_TO_CANCEL_MORE = new Set([...YES_MORE, ...CANCELLING, 'его', 'звонок', 'the', 'call'])
export function isYesToCancel(text: string): boolean {
  return plainAnswer(text, YES_TO_CANCEL_FIRST, YES_TO_CANCEL_MORE)
}
/** A yes to cancel that says "cancel" ("да, отмените", "отменяйте"), not a bare "да" or "ага". */
export function saysCancel(text: string): boolean {
  return isYesToCancel(text) && words(text).some((w) => CANCELLING.has(w))
}

/**
 * The call booked asked in words to be cancelled ("отмените звонок пожалуйста, не получится",
 * "please cancel my call", "можно отменить созвон?") or moved ("а можно перенести звонок на
 * пятницу?", "звонок можно перенести?", "move my call"): a request form of the verb with a word
 * of the call right beside it (a "my", "the", "пожалуйста" between them aside); no refusing word in
 * the four before it in its clause ("I don't want to cancel the call" — but "не смогу созвониться,
 * отмените" refuses the call, not the cancelling), no "if" before it there ("If I cancel the call,
 * can I book another?"), no "why" ("Why did you cancel my call?"). "Перенесите оплату на пятницу"
 * or "I need to move house, call me later" ask nothing of the call.
 */
const CANCEL_ASKED = /^(?:отмените|отменить|отмени|отменяйте|отменяю|отменяем|cancel)$/
const MOVE_ASKED = /^(?:перенесите|перенести|перенеси|перенесем|reschedule|move|postpone)$/
const BETWEEN_VERB_AND_CALL = new Set([
  ...['my', 'the', 'our', 'this', 'a', 'today', 'tomorrow', 's', 'please'],
  ...['мой', 'наш', 'этот', 'сегодняшний', 'завтрашний', 'пожалуйста', 'можно', 'нам', 'мне'],
])
const ASKING_WHY = /^(?:почему|зачем|why)$/
const SUPPOSING = /^(?:if|если|когда|when)$/
/** Where a clause ends: a refusal there speaks of what it says, not of what comes after. */
const CLAUSE_END = /[,.;:!?()—–]+|\s-\s/u
function asksAboutTheCall(
  text: string,
  verb: RegExp,
  { unnamed }: { unnamed?: (after: string) => boolean } = {},
): boolean {
  const said = words(text)
  if (said.length > 15 || said.some((w) => ASKING_WHY.test(w))) return false
  const at = said.findIndex((w) => verb.test(w))
  if (at < 0) return false
  const clause = text
    .split(CLAUSE_END)
    .map(words)
    .find((part) => part.some((w) => verb.test(w)))
  const before =
    clause?.slice(
      0,
      clause.findIndex((w) => verb.test(w)),
    ) ?? []
  // A refusal in the verb's clause ("I don't think we need to cancel the call"); an "if" anywhere
  // before it ("If anything comes up, I'll cancel the call", «Если не получится, отменяю звонок»)
  if (before.some((w) => REFUSING.test(w)) || said.slice(0, at).some((w) => SUPPOSING.test(w))) return false
  const nextTo = (step: 1 | -1): boolean => {
    for (let i = at + step; i >= 0 && i < said.length; i += step) {
      const w = said[i] as string
      if (CALL_WORD.test(w)) return true
      if (!BETWEEN_VERB_AND_CALL.has(w)) return false
    }
    return false
  }
  if (nextTo(1) || nextTo(-1)) return true
  if (!unnamed) return false
  // Unnamed, the call is what the verb is said of when nothing else is: the words after it (a
  // "можно", an "его" aside) end there, or say when — read as a day or a time ("на завтра в 5",
  // "to friday"), or sooner or later ("попозже", "на пораньше") — not another thing moved
  // ("перенесите оплату на пятницу", "перенесите на главную блок с отзывами": a "на" names no time)
  const after = said.slice(at + 1).find((w) => !BETWEEN_VERB_AND_CALL.has(w) && !THE_CALL_ITSELF.has(w))
  if (after === undefined) return true
  const when = said
    .slice(at + 1)
    .find((w) => !BETWEEN_VERB_AND_CALL.has(w) && !THE_CALL_ITSELF.has(w) && !TO_A_TIME.test(w))
  if (when !== undefined && (SOONER_OR_LATER.test(when) || weekdayWord(when) !== undefined)) return true
  // The words after the verb in the text itself (its figures too: `words` keeps letters only)
  const verbSaid = [
    ...text
      .toLowerCase()
      .replaceAll('ё', 'е')
      .matchAll(/\p{L}+/gu),
  ][at]
  return verbSaid !== undefined && unnamed(text.slice(verbSaid.index + verbSaid[0].length))
}
/** The call said without its word, after the verb: "перенесите его", "move it". */
const THE_CALL_ITSELF = new Set(['его', 'it'])
/** What a "when" may begin with after a move asked ("на завтра", "to friday"): the day or time itself is read after it. */
const TO_A_TIME = /^(?:на|в|во|к|до|с|со|после|ближе|to|for|till|until|at|after|before)$/u
/** A move's "when" said without a day or a time. */
const SOONER_OR_LATER = /^(?:завтра|послезавтра|сегодня|попозже|позже|пораньше|tomorrow|today|later|earlier)$/u
export function asksToCancelCall(text: string): boolean {
  return asksAboutTheCall(text, CANCEL_ASKED)
}
export function asksToMoveCall(text: string): boolean {
  return asksAboutTheCall(text, MOVE_ASKED)
}
/**
 * A move asked of what the bot just spoke of, the call unnamed ("можно перенести на завтра в 5",
 * "перенесите пожалуйста", "давайте перенесём на вторник в 5"), as `asksToMoveCall` reads one that
 * names it: right under the bot's word about the client's call, it is that call's move. Not of
 * something else named ("перенесите оплату на пятницу"). `saysWhen` reads the words after the
 * verb as a day or a time (the booking's own reader, `saysDayOrTime`, on the caller's today).
 */
export function asksToMoveIt(text: string, saysWhen: (words: string) => boolean): boolean {
  return asksAboutTheCall(text, MOVE_ASKED, { unnamed: saysWhen })
}

/**
 * Another day or time asked of what the bot just spoke of, without a verb of moving: "на следующую
 * неделю", "давайте на другой день", "можно в другое время?", «давайте в другой раз», «не сегодня»,
 * "на час позже", "можно на полчаса пораньше?", "на 30 минут позже", "next week instead", "can we do
 * another day?", "some other time", "an hour later", "half an hour earlier please" — right under the
 * bot's word about the client's call, its move (with a verb, "перенесите на час позже", too), and
 * under a manager's offer of a call, which day suits them. `minutes`: how much later the call is asked to be
 * (earlier: below 0), when that was said. Every word must be of such a wish or of the words it is
 * asked with ("давайте", "можно", "please", "could we") — "на следующей неделе буду в отпуске",
 * "не на следующей неделе" or "I'm away next week" ask nothing of the call — and a "?" must come
 * with an asking word ("можно…?", "could we…?": "звонок на час позже?" may ask what time it is).
 * A later or earlier without how much is read only asked so ("можно попозже?", "давайте пораньше"):
 * alone, "попозже" may be the client's own "later".
 */
export function asksAnotherTime(text: string): { minutes?: number } | undefined {
  const said = withoutKisses(
    text
      .toLowerCase()
      .replaceAll('ё', 'е')
      .match(/\p{L}+|\d+/gu) ?? [],
  )
  if (said.length === 0 || said.length > ANOTHER_TIME_WORDS) return undefined
  const asking = said.some((w) => ASKING_ANOTHER.has(w))
  if (QUESTION_MARK.test(text) && !asking) return undefined
  let named = false
  // Only a "when" named ("на следующей неделе", "next week"), no "to when": a wish if asked or said with a verb
  let onlyWhen = true
  let span: number | undefined
  let way: 1 | -1 | undefined
  for (let i = 0; i < said.length; ) {
    const phrase = ANOTHER_DAY_OR_TIME.find((words) => words.every((w, k) => said[i + k] === w))
    if (phrase !== undefined) {
      named = true
      if (!SAYS_WHEN.includes(phrase)) onlyWhen = false
      i += phrase.length
      continue
    }
    // (After "в" or "at" a number is a clock: "в 5 часов" is no span)
    const spent = AT_A_CLOCK.has(said[i - 1] ?? '') ? undefined : spanAt(said, i)
    if (spent !== undefined && span === undefined) {
      span = spent.minutes
      i += spent.length
      continue
    }
    const word = said[i] as string
    const toward = LATER.has(word) ? 1 : EARLIER.has(word) ? -1 : undefined
    if (toward !== undefined && way === undefined) way = toward
    else if (!AROUND_ANOTHER_TIME.has(word)) return undefined
    i++
  }
  // How much said with no way ("на час") is another thing: a call of an hour
  if (span !== undefined && way === undefined) return undefined
  if (way !== undefined && span === undefined && !asking) return undefined
  if (!named && way === undefined) return undefined
  // «ладно, созвонимся на следующей неделе», "ok so the call is next week": the call as it stands, said back
  if (named && onlyWhen && way === undefined && !asking && !said.some((w) => MOVE_VERBS.has(w))) return undefined
  // Both a day and a shift ("на следующей неделе на час позже"): the move, its time the client's to pick
  return way !== undefined && span !== undefined && !named ? { minutes: way * span } : {}
}
/** A wish for another time is said in a few words: more is a message of its own. */
const ANOTHER_TIME_WORDS = 12
/** Next week said as a when, not a to-when: also how a client says back the call they have. */
const SAYS_WHEN: readonly (readonly string[])[] = [
  ['следующей', 'неделе'],
  ['следующая', 'неделя'],
  ['next', 'week'],
]
/** Another day or time named, without how much: the move's day picker. */
const ANOTHER_DAY_OR_TIME: readonly (readonly string[])[] = [
  ['следующую', 'неделю'],
  ...SAYS_WHEN,
  ...[
    ['другой', 'день'],
    ['другое', 'время'],
    ['другое', 'число'],
    ['другую', 'дату'],
    ['иное', 'время'],
    // «Давайте в другой раз», «не сегодня»: the call put off, its day the client's to pick (a "не"
    // before anything else refuses it: "не на следующей неделе" is no wish)
    ['другой', 'раз'],
    ['не', 'сегодня'],
  ],
  ...[
    ['another', 'day'],
    ['another', 'time'],
    ['different', 'day'],
    ['different', 'time'],
    ['another', 'date'],
    ['not', 'today'],
  ],
  // ("Some other day": not "the other day", which was days ago)
  ...[
    ['different', 'date'],
    ['some', 'other', 'day'],
    ['some', 'other', 'time'],
  ],
]
const AT_A_CLOCK = new Set(['в', 'во', 'к', 'at'])
const LATER = new Set(['позже', 'попозже', 'позднее', 'попозднее', 'later'])
const EARLIER = new Set(['раньше', 'пораньше', 'ранее', 'earlier', 'sooner'])
/**
 * Words that ask for it: "можно", "давайте", "could we", "how about". Not «а…» nor "what": «а звонок
 * на следующей неделе?», "what, next week?" ask what the call is.
 */
const ASKING_ANOTHER = new Set([
  ...['можно', 'давайте', 'давай', 'лучше', 'можем', 'сможем', 'могли', 'получится', 'удобнее'],
  ...['can', 'could', 'would', 'how', 'lets', 'let', 'maybe', 'possible', 'rather', 'prefer', 'instead'],
])
/** The verbs of moving a call. */
const MOVE_VERBS = new Set([
  ...['перенести', 'перенесите', 'перенеси', 'перенесем', 'переносим', 'сдвинуть', 'сдвиньте', 'сдвинем'],
  ...['move', 'reschedule', 'push', 'shift'],
])
/** Words said around such a wish that change nothing: the call, a please, an "ой", a verb of moving or of calling. */
const AROUND_ANOTHER_TIME = new Set([
  ...ASKING_ANOTHER,
  ...['на', 'в', 'во', 'чуть', 'немного', 'немножко', 'ну', 'тогда', 'пожалуйста', 'ли', 'нам', 'мне', 'меня', 'бы'],
  ...['звонок', 'созвон', 'созвониться', 'созвонимся', 'его', 'сделать', 'ой', 'извините', 'простите', 'если'],
  ...['возможно', 'это', 'же', 'вам', 'вас', 'будет', 'тоже', 'еще', 'уже', 'так', 'хорошо', 'ладно'],
  ...MOVE_VERBS,
  ...['а', 'what'],
  ...['позвоните', 'перезвоните', 'наберите', 'позвонить', 'перезвонить'],
  ...['we', 'do', 'it', 'make', 'please', 'pls', 'plz', 'about', 'us', 'actually', 'sorry', 'ok', 'okay', 'the'],
  ...['call', 'for', 'to', 'be', 'is', 'you', 'i', 'd', 'like', 'so'],
  ...['then', 'if', 'that', 'a', 'bit', 'little', 'just', 'on', 'at', 'some', 'perhaps', 'any', 'chance', 'me'],
  ...['ring', 'phone', 'there'],
])
/**
 * How long a span said from `at` on is, in minutes, and how many words it took: "час", "полчаса",
 * "полтора часа", "пару часов", "2 часа", "2,5 часа", "сорок пять минут", "an hour", "half an
 * hour", "an hour and a half", "30 min", "a couple of hours"; its unit first too, as Russian says
 * it roughly («минут 20», «часа два»). Undefined when none begins there. (`said`: words as
 * `words` splits them, or with a decimal number kept whole, "2,5".)
 */
export function spanAt(said: readonly string[], at: number): { minutes: number; length: number } | undefined {
  const word = said[at] ?? ''
  const one = SPANS.get(word)
  if (one !== undefined) return { minutes: one, length: 1 }
  // "An hour and a half", "half an hour", "a quarter of an hour", "a couple of hours"
  for (const [words, minutes] of SPAN_PHRASES) {
    if (words.every((w, k) => said[at + k] === w)) return { minutes, length: words.length }
  }
  // A number before its unit: "2 часа", «сорок пять минут», "two hours", «полтора часа»; or after
  // it, «минут 20»
  const before = UNITS.get(word)
  const number = numberIn(said, before === undefined ? at : at + 1)
  if (number === undefined || number.value <= 0) return undefined
  if (before !== undefined) return { minutes: Math.round(number.value * before), length: number.length + 1 }
  const unit = said[at + number.length]
  const per = unit === undefined ? undefined : UNITS.get(unit)
  if (per === undefined) return undefined
  return { minutes: Math.round(number.value * per), length: number.length + 1 }
}
/** A number from `at` on, in digits ("20", "2,5") or in words (`numberAt`), with how many words it took. */
function numberIn(said: readonly string[], at: number): { value: number; length: number } | undefined {
  const word = said[at] ?? ''
  return /^\d+(?:[.,]\d+)?$/.test(word) ? { value: Number(word.replace(',', '.')), length: 1 } : numberAt(said, at)
}
/** Spans said in one word. */
const SPANS = new Map<string, number>([
  ...['час', 'часик', 'часок', 'hour'].map((w) => [w, 60] as const),
  ...['полчаса', 'полчасика', 'получаса'].map((w) => [w, 30] as const),
])
const SPAN_PHRASES: ReadonlyArray<readonly [readonly string[], number]> = [
  [['an', 'hour', 'and', 'a', 'half'], 90],
  [['half', 'an', 'hour'], 30],
  [['a', 'half', 'hour'], 30],
  [['half', 'hour'], 30],
  [['пол', 'часа'], 30],
  [['a', 'quarter', 'of', 'an', 'hour'], 15],
  [['quarter', 'of', 'an', 'hour'], 15],
  [['четверть', 'часа'], 15],
  [['a', 'couple', 'of', 'hours'], 120],
  [['a', 'couple', 'hours'], 120],
  [['an', 'hour'], 60],
]
/** A span's units after its number, in minutes each. */
const UNITS = new Map<string, number>([
  ...['час', 'часа', 'часов', 'часик', 'часика', 'часиков', 'ч', 'hour', 'hours', 'hr', 'hrs', 'h'].map(
    (w) => [w, 60] as const,
  ),
  ...['минут', 'минуты', 'минуту', 'минуток', 'минутки', 'мин', 'minute', 'minutes', 'min', 'mins'].map(
    (w) => [w, 1] as const,
  ),
])

/** Words that give up whatever is asked, a booking too; at a question they may only say no to it. */
const SAYS_NO_MORE = ['nevermind', 'nvm', 'never mind', 'не надо', 'не нужно', 'уже не надо']
/** Words that give the booking up whatever was asked. */
const GIVING_UP_PLAINLY = [
  ...['cancel', 'stop', 'abort', 'forget it', 'forget about it'],
  ...['changed my mind', 'change of plans', '(?:don t|dont|do not) (?:book|bother)', 'no booking'],
  ...['отмена', 'отменить', 'отмените', 'отменяю', 'стоп'],
  ...['передумал\\p{L}*', 'не записывайте', 'не записываться', 'не буду записываться', 'забудьте'],
]
const phrases = (list: readonly string[]) => new RegExp(`(?<=^| )(?:${list.join('|')})(?= |$)`, 'gu')
const GIVING_UP = phrases([...SAYS_NO_MORE, ...GIVING_UP_PLAINLY])
const GIVING_UP_AT_A_QUESTION = phrases(GIVING_UP_PLAINLY)
const AROUND_GIVING_UP = new Set([
  ...['please', 'pls', 'sorry', 'actually', 'oh', 'ok', 'okay', 'thanks', 'thank', 'you', 'no', 'nah', 'i', 've'],
  ...['have', 'just', 'all', 'right', 'it', 'then', 'the', 'this', 'booking', 'call', 'for', 'now', 'after'],
  ...['ой', 'ладно', 'ок', 'нет', 'извините', 'простите', 'пожалуйста', 'я', 'уже', 'тогда', 'все'],
  ...['запись', 'звонок', 'пока', 'а', 'ну'],
  ...THANKS_WORDS,
])
/**
 * What the client is doing given up in words, as /cancel would: "cancel", "stop", "never mind,
 * dont book", "forget it", "I changed my mind", «отмена», «не надо», «передумала», «не
 * записывайте» — a word or phrase of it, and nothing but a few words around it ("oh sorry",
 * «ой, уже»). Not a "?" ("cancel?"), nor a refusal of it ("don't cancel"), nor more said ("stop
 * messaging me", "cancel my order"): those are read as they are. Where a step may take such words
 * as its answer («не надо» to "any comment?"), the step reads its own first (`atAQuestion`).
 */
export function givesUp(text: string, { atAQuestion = false }: { atAQuestion?: boolean } = {}): boolean {
  if (QUESTION_MARK.test(text)) return false
  const said = withoutKisses(words(text)).join(' ')
  // Under a question of its own ("anything to pass on?"), "не нужно", "nvm" say no to it
  const rest = said.replace(atAQuestion ? GIVING_UP_AT_A_QUESTION : GIVING_UP, ' ')
  return rest !== said && words(rest).every((w) => AROUND_GIVING_UP.has(w) || (atAQuestion && NO_MORE_WORDS.has(w)))
}
/** The words of `SAYS_NO_MORE`: at a question they may stand beside a plain giving up ("never mind, dont book"). */
const NO_MORE_WORDS = new Set(SAYS_NO_MORE.flatMap((phrase) => phrase.split(' ')))

/**
 * A no typed instead of pressed, as plain as `isPlainYes` ("нет", "нет, спасибо", "no thanks"); in
 * Kazakh «жоқ», «жоқ, рахмет», typed on a Russian keyboard «жок» (`NO_FIRST`, praise.ts: no name a
 * thanks is said to either).
 */
const NO_MORE = new Set([
  ...NO_FIRST,
  ...THANKS_WORDS,
  ...['не', 'надо', 'нужно', 'пока'],
  ...['thanks', 'thank', 'you', 'ty', 'thx', 'ta', 'not', 'now'],
])
export function isPlainNo(text: string): boolean {
  return plainAnswer(noSetApart(text), NO_FIRST, NO_MORE)
}

/**
 * A «не» set apart at the start is a no of its own, as "nah" is: «не, ещё вопрос…», «Не, не
 * решён», «не.», «не!», «не-а» — read as «нет» wherever a yes or a no is asked. Not a «не» that
 * begins what it refuses: «не знаю», «не уверена», «не сейчас», «не за что» say something else
 * at each question (undecided, not now, you're welcome), and are read as they are; nor one
 * trailing off («не… знаю»).
 */
const NO_SET_APART = /^\s*(?:не-а|не(?=\s*(?:[,!—–]|\.(?!\.)|-(?:\s|$)|$)))(?!\p{L})/iu
function noSetApart(text: string): string {
  return text.replace(NO_LED, '').replace(NO_SET_APART, 'нет')
}
/**
 * Words that may lead a no and change nothing: «ну нет», «да нет» (a no for all its «да»: «да нет,
 * не решён»), "well, no", "um no" — taken off, the no is read as if said alone. Only before a no
 * («нет», «неа», «не», "no", "nope", "nah"): «ну да» stays a yes, and «да не за что» is a «не за
 * что» (no no) as before.
 */
const NO_LED =
  /^[\s,.…-]*(?:(?:ну|да|well|u+m+|u+h+|erm)(?!\p{L})[\s,.…!-]*)+(?=(?:нет|неа|не|no|nope|nah|жоқ|жок)(?!\p{L}))/iu

/**
 * A no to "Cancel the call …?" that says so: its button's word ("оставьте", "оставить", "keep
 * it"), the cancelling refused ("не надо отменять", "не отменяйте", "don't cancel"), after a no or
 * a stammered one ("нет, оставьте", "не не оставьте": "no, no — keep it"), and nothing but a few
 * words around them. Not "не оставляйте": a "не" alone before the keeping refuses it.
 */
const NO_LEAD = new Set([...NO_FIRST, 'не'])
const KEEPING = new Set(['оставьте', 'оставить', 'оставляйте', 'оставим', 'оставляем', 'оставь', 'оставляй', 'keep'])
const CANCELLING_NAMED = new Set([...CANCELLING, 'отменять'])
const AROUND_KEEPING = new Set([
  ...['пожалуйста', 'звонок', 'его', 'как', 'есть', 'все', 'таки', 'лучше', 'тогда', 'ладно', 'давайте'],
  ...['надо', 'нужно', 'стоит'],
  ...THANKS_WORDS,
  ...['please', 'thanks', 'thank', 'you', 'it', 'the', 'call', 'my', 'as', 'is', 'need', 'to'],
])
export function isNoToCancel(text: string): boolean {
  if (QUESTION_MARK.test(text)) return false
  const said = withoutKisses(words(text))
  let at = 0
  while (at < said.length && NO_LEAD.has(said[at] as string)) at++
  const lead = said.slice(0, at)
  const rest = said.slice(at)
  // "Don't cancel", "do not cancel": the refusal is the lead
  const dont = rest[0] === 'don' && rest[1] === 't' ? 2 : rest[0] === 'do' && rest[1] === 'not' ? 2 : 0
  const refused = lead.at(-1) === 'не' || dont > 0
  // One word of keeping or cancelling, the others around it
  const after = rest.slice(dont)
  const verb = after.findIndex((w) => !AROUND_KEEPING.has(w))
  const word = after[verb]
  if (verb < 0 || word === undefined || !after.slice(verb + 1).every((w) => AROUND_KEEPING.has(w))) return false
  // "Не оставляйте", "don't keep it" refuse the keeping, unless the "не" is said twice ("не не
  // оставьте": "no, no") or set apart as a no of its own ("не, оставьте")
  if (KEEPING.has(word)) {
    const notKept = new RegExp(`(?<!\\p{L})не\\s+${word}`, 'u').test(text.toLowerCase().replaceAll('ё', 'е'))
    return dont === 0 && (!notKept || lead.at(-2) === 'не')
  }
  return refused && CANCELLING_NAMED.has(word)
}

/**
 * Words that begin with a no ("нет, ещё вопрос: …", «не, ещё вопрос…», "нет, не решён", "no, it still fails"): under
 * "Is your question solved?" the client's No with more said. A no that goes on to say all is well
 * means the opposite, and is not one: "нет вопросов", "нет больше вопросов", "нет, всё решилось",
 * "no problem", "no, all good" (a "не" or "not" before the good word keeps it a no).
 */
const NO_THEN_NOTHING = new Set([
  'вопросов',
  'проблем',
  'больше',
  'problem',
  'problems',
  'questions',
  'worries',
  'more',
])
const ALL_WELL = /^(реш|отлично|хорошо|норм|all$|fine$|good$|great$|solved$)/
const HEDGED_NO =
  /^(?:вроде нет|пока нет|еще нет|не совсем|не реш\p{L}*|ничего не (?:реш|помог)\p{L}*|не помог\p{L}*|(?:все )?плохо|not yet|not really|not quite|nothing (?:solved|worked|helped)|(?:it )?didn t (?:help|work))(?= |$)/u
export function startsWithNo(text: string): boolean {
  const said = words(noSetApart(text))
  // A no hedged or said of the question ("вроде нет", "пока нет", "не совсем", "не решён", "not
  // yet"), or of how it went ("всё плохо", "ничего не решили", "не помогло", "didn't help"), is one
  // too, read from its no on
  const hedged = HEDGED_NO.exec(said.slice(0, 4).join(' '))?.[0]
  const [head, next, ...more] = hedged ? ['нет', ...said.slice(hedged.split(' ').length)] : said
  if (head === undefined || !NO_FIRST.has(head)) return false
  if (next === undefined) return true
  const rest = [next, ...more]
  const allWell = rest.some((w, i) => ALL_WELL.test(w) && rest[i - 1] !== 'не' && rest[i - 1] !== 'not')
  return !NO_THEN_NOTHING.has(next) && !allWell
}

/**
 * A no that says what is left ("нет, ещё вопрос: а хостинг входит?", "no, the site still won't
 * open"): a question, or more than a bare no and its hedge ("нет, ещё нет", "нет, не совсем решён"
 * are four words at most). Its client is not asked to write what is left: they just did.
 */
export function saysWhatIsLeft(text: string): boolean {
  return text.includes('?') || words(text).length > 4
}

/**
 * Signs that answer "Вопрос решён?" by themselves, typed or as a sticker's emoji: a thumbs up, an
 * OK hand, a check mark, "🆗" — a yes; a thumbs down or a cross — a no (each with its skin tones and
 * presentation marks). A client who writes in stickers answered with a 👍 and had the request open
 * again as "wrote without answering", her ratings and check-in waiting for another /close. Not 🙏
 * or ❤ alone: a thanking emoji says less than a thanks in words (isThanksAlone), a 🙏 a "please" as often.
 */
const SOLVED_SIGN = /(?:👍|👌|✅|✔|☑|🆗)/u
const NOT_SOLVED_SIGN = /(?:👎|❌)/u
/** What a yes sign may come with and say no more: thanks and gladness ("👍🙏", "👌😊"), with their skin tones. */
const WITH_A_SIGN = /(?:👍|👌|✅|✔|☑|🆗|🙏|❤|♥|😊|🙂|☺|😀|😃|😄|😁|😉|🥰|😍|🤩|💯)[\u{1F3FB}-\u{1F3FF}\uFE0F]*/gu
/** What a no sign may come with: nothing but more of them ("👎👎", "👎🏻"). */
const WITH_NO_SIGN = /(?:👎|❌)[\u{1F3FB}-\u{1F3FF}\uFE0F]*/gu
/** Plain punctuation and spaces: said with a sign, they add nothing. */
const NOTHING_SAID = /^[\s.,!…)(-]*$/u

/**
 * The client's answer to "Вопрос решён?" typed instead of pressed — or a sticker's emoji: 'yes'
 * for a yes in words (isSolvedYes: "да, спасибо", "всё решено"), a thanks in words alone
 * (isThanksAlone: "спасибо!", "спасибо большое 🙏") or a yes sign alone or with words of a yes and
 * thanks ("👍", "👌", "спасибо 👍", "ок 👌"), 'no' for words that begin with a no (startsWithNo) or a
 * no sign alone ("👎"); undefined for anything else — a sign with more to say ("👍 жду счёт"), asked
 * back ("👍?"), both signs, another emoji beside it ("👍🤔"), a thanking emoji alone ("🙏", a ❤️
 * sticker), a thanks with more said ("спасибо, но…", "спасибо, жду").
 */
export function solvedAnswer(text: string): 'yes' | 'no' | undefined {
  const noSign = NOT_SOLVED_SIGN.test(text)
  // (A yes in words beside a 👎 says two things)
  if (isSolvedYes(text) || isThanksAlone(text) || solvedWithPraise(text)) return noSign ? undefined : 'yes'
  if (startsWithNo(text)) return 'no'
  if (QUESTION_MARK.test(text)) return undefined
  const yesSign = SOLVED_SIGN.test(text)
  if (yesSign && !noSign) {
    const rest = text.replace(WITH_A_SIGN, ' ')
    // Letters and punctuation left, every word one of a yes's ("спасибо", "ок", "all good")
    return /^[\p{L}\s.,!…)(-]*$/u.test(rest) && words(rest).every((w) => SOLVED_MORE.has(w)) ? 'yes' : undefined
  }
  if (noSign && !yesSign && NOTHING_SAID.test(text.replace(WITH_NO_SIGN, ''))) return 'no'
  return undefined
}

/**
 * A yes or a thanks under "Вопрос решён?" with praise of what was done after it: «да, спасибо,
 * машина огонь», «спасибо, всё отлично, сайт просто супер 🔥», "yes thanks, the car is great". Its
 * first word a yes's or a thanks's, the others of a yes itself (`SOLVED_FIRST`) or a thanks, of
 * praise (`PRAISE`), of saying it (`SAYING_PRAISE`) or of what it praises (praise.ts's
 * `PRAISED_THING`), with at least one word of praise that is no thanks («огонь», «супер», "great"),
 * none that makes it more than praise (`MORE_THAN_PRAISE`, as a thanks with praise is read after a
 * request), and glad faces at most besides. Not the words a plain yes may have besides
 * (`SOLVED_MORE`'s «пожалуйста», «бы», «уже»): beside praise they ask for more — «Спасибо, машину
 * быстрее пожалуйста», «Да, спасибо, хорошо бы быстрее» closed the request, the ask never reaching
 * the team. A "не", a "но", a "?" or any other word («машина не заводится») is the team's to read
 * (it had the request open again as "wrote without answering", and the question asked anew at the
 * next /close).
 */
function solvedWithPraise(text: string): boolean {
  if (QUESTION_MARK.test(text)) return false
  // A name thanked is no more said: «да, спасибо, Светлана, машина огонь»
  const rest = withoutThankedNames(text).replace(WITH_A_SIGN, ' ').replace(new RegExp(GLAD.source, 'gu'), ' ')
  if (!/^[\p{L}\s.,!…)(-]*$/u.test(rest)) return false
  const said = splitWords(rest)
  const [head] = said
  if (head === undefined || said.length > 14 || !(SOLVED_FIRST.has(head) || THANKS_ALONE_FIRST.has(head))) return false
  // («ещё» thanks again in «спасибо ещё раз»: no more asked)
  if (said.some((w, i) => MORE_THAN_PRAISE.test(w) && !(w === 'еще' && said[i + 1] === 'раз'))) return false
  const yesOrThanks = (w: string) => SOLVED_FIRST.has(w) || THANKS_ALONE_MORE.has(w)
  return (
    said.some((w) => PRAISE.test(w) && !THANKS_ALONE_FIRST.has(w)) &&
    said.every((w) => yesOrThanks(w) || PRAISE.test(w) || SAYING_PRAISE.has(w) || THING_PRAISED.test(w))
  )
}

/**
 * Words of a thanks, said alone: «спасибо», «спасибо большое», «спасибо вам огромное», «спасибо за
 * помощь», «благодарю», «дуже дякую», «көп рахмет», «рахмет сізге», "thank you so much", "thanks a
 * lot", "many thanks", "thanks for your help", "cheers". Under "Вопрос решён?" nothing else is a
 * thanks for: the client who thanks and says no more is done (a «спасибо!» opened the request again
 * as "wrote without answering", and the manager had to /close once more).
 */
const THANKS_ALONE_FIRST = new Set([
  ...THANKS_WORDS,
  // How much, before it: «большое спасибо», «дуже дякую», «көп рахмет»
  ...['большое', 'огромное', 'дуже', 'көп', 'үлкен'],
  ...['thanks', 'thank', 'thx', 'ty', 'tysm', 'cheers', 'ta', 'many'],
])
const THANKS_ALONE_MORE = new Set([
  ...THANKS_ALONE_FIRST,
  ...THANKS_SAID_WITH,
  ...['еще', 'раз', 'you', 'u', 'so', 'very', 'much', 'a', 'lot', 'again'],
  // What it thanks for, when it is the help itself: «спасибо за помощь», "thanks for everything"
  ...['за', 'помощь', 'ответ', 'все', 'работу', 'консультацию', 'for', 'your', 'the', 'help', 'everything', 'all'],
])
/**
 * A thanks and nothing more (THANKS_ALONE_FIRST, a thanked name or a kiss after it as `plainAnswer`
 * reads them: «Спасибо, Светлана!», "thanks x"), with a thanking or glad emoji beside it at most
 * ("спасибо большое 🙏", «спасибо)))») and no "?". A thanking emoji alone says less: not one.
 */
export function isThanksAlone(text: string): boolean {
  if (!/^[\p{L}\s.,!…)(-]*$/u.test(text.replace(WITH_A_SIGN, ' '))) return false
  return plainAnswer(text, THANKS_ALONE_FIRST, THANKS_ALONE_MORE)
}

/**
 * "why not" ending a yes agrees, its "?" and all: "sure why not", «да, почему бы и нет». Alone it
 * may ask ("Why not?" to "we do not deliver on Sundays"): no yes then.
 */
const WHY_NOT = /(?:^|[\s,.!—–-])(?:why\s+not|почему\s+бы\s+(?:и\s+)?нет)[\s?!.)]*$/iu

/**
 * No "?", the first word one of `first` and every other one of `more` (a "why not" after a yes: a
 * yes; a name thanked, "thanks Maria", «Спасибо, Ольга Петровна», is no more said: praise.ts's
 * `withoutThankedNames`, the one rule of it — «Да, спасибо, Перезвоните» is no name, and no yes).
 */
function plainAnswer(typed: string, first: ReadonlySet<string>, more: ReadonlySet<string>): boolean {
  const before = typed.replace(WHY_NOT, '')
  const text = before !== typed && words(before).length > 0 ? `${before} yes` : typed
  if (text.includes('?')) return false
  // The head is the first word whatever is taken off (kisses, a name thanked): most texts are told
  // by it, before those are looked for
  const said = words(text)
  if (said[0] === undefined || !first.has(said[0])) return false
  const named = withoutThankedNames(text)
  const [head, ...rest] = withoutKisses(named === text ? said : splitWords(named))
  return head !== undefined && first.has(head) && rest.every((w) => more.has(w))
}

/**
 * "stop", «стоп», «отписаться», "unsubscribe", alone or as people say it to an unwanted message
 * ("please stop", "stop messaging me", «хватит присылать», «хватит спамить», «отпишите меня от
 * рассылки»), or the sending refused ("не пишите мне больше", «не присылайте мне больше рекламу»,
 * "don't text me anymore", "no more messages"), the consent to it withdrawn («отзываю согласие»): typed instead of /stop. Not "stop the quiz",
 * «стоп, я передумал» or "не пишите мне сюда, звоните": those say more.
 */
const UNSUBSCRIBE = new Set(['stop', 'стоп', 'unsubscribe', 'отписаться', 'отпишите', 'отписка'])
/** Of the messages themselves: "хватит" is a stop only with one of these ("хватит присылать"). */
const OF_MESSAGES = new Set(['писать', 'присылать', 'спам', 'спамить', 'спамите', 'рассылки', 'рассылок'])
/**
 * Sending, refused by the word before it (`REFUSING`, but "no": "No, text me" answers "can I call
 * you?"), and said to go on no more ("не пишите мне больше", "don't text me anymore", «не
 * присылайте рекламу»): «не присылайте» alone may answer "shall I send the invoice?".
 */
const SENDING = new Set([
  ...['пишите', 'присылайте', 'шлите', 'отправляйте', 'беспокойте', 'спамьте', 'писать', 'присылать'],
  ...['message', 'text', 'send', 'email', 'contact', 'bother', 'spam'],
])
/** What says the sending should stop for good, or names the news: one must come with a refused sending. */
const NO_MORE_OF_IT = new Set([
  ...['больше', 'никогда', 'рекламу', 'рекламы', 'спам', 'рассылку', 'рассылки'],
  ...['anymore', 'again', 'ads', 'spam', 'newsletter', 'newsletters', 'promos'],
])
/** What "no more" must go on to name to be a stop ("no more messages"; "no more" alone answers "anything else?"). */
const MESSAGES_NAMED = new Set(['messages', 'ads', 'spam', 'emails', 'texts', 'newsletters', 'рекламы', 'сообщений'])
/** A list to be taken off: «удалите меня из рассылки», "remove me from the mailing list" (not from the "waitlist"). */
const TAKING_OFF = /^(?:удалите|уберите|исключите|remove|take)$/
const THE_LIST = new Set(['рассылки', 'рассылок', 'mailing', 'newsletter', 'list'])
const WITHDRAWING = /^(?:отзываю|отозвать|отзыв|withdraw|revoke)$/
const CONSENT = new Set(['согласие', 'consent'])
const AROUND_UNSUBSCRIBE = new Set([
  ...['меня', 'мне', 'пожалуйста', 'от', 'уже', 'хватит', 'больше', 'никогда', 'рекламу', 'рекламы', 'сообщения'],
  ...['сообщений', 'ваши', 'вашу', 'эту', 'эти', 'сюда', 'нам', 'вы', ...OF_MESSAGES, ...SENDING, ...NO_MORE_OF_IT],
  ...['не', 't', 'not', 'no', 'never', 'из', 'off', 'удалите', 'уберите', 'исключите', 'remove', 'take', ...THE_LIST],
  ...['please', 'me', 'messaging', 'texting', 'sending', 'messages', 'spam', 'from', 'the', 'newsletter', 'now'],
  ...['do', 'don', 'anymore', 'again', 'any', 'more', 'these', 'your', 'us', 'my', 'i', 'на', 'рассылку', 'я'],
  ...MESSAGES_NAMED,
  ...CONSENT,
])
export function isPlainStop(text: string): boolean {
  if (QUESTION_MARK.test(text)) return false
  const said = withoutKisses(words(text))
  const noMore = said.some((w) => NO_MORE_OF_IT.has(w))
  // "Хватит" alone is "enough" to whoever is talking: of the news only when it says so
  const stops = said.some(
    (w, i) =>
      UNSUBSCRIBE.has(w) ||
      (w === 'хватит' && said.some((o) => OF_MESSAGES.has(o))) ||
      (SENDING.has(w) && noMore && REFUSING.test(said[i - 1] ?? '') && said[i - 1] !== 'no') ||
      (TAKING_OFF.test(w) && said.some((o) => THE_LIST.has(o))) ||
      (w === 'more' && said[i - 1] === 'no' && MESSAGES_NAMED.has(said[i + 1] ?? '')) ||
      // «Отзываю согласие» (on the news: the one the bot asks for; of the data's keeping, `asksToErase`)
      (WITHDRAWING.test(w) && said.some((o) => CONSENT.has(o))),
  )
  // A taking off names the list, or it is of the client themself («не пишите мне больше, удалите
  // меня»: an erasure too, `asksToErase`)
  const takenOff = said.some((w) => ERASING.test(w)) && !said.some((w) => THE_LIST.has(w))
  return stops && !takenOff && said.every((w) => UNSUBSCRIBE.has(w) || AROUND_UNSUBSCRIBE.has(w) || WITHDRAWING.test(w))
}

/**
 * The client's data asked to be erased in words ("удалите мои данные", «удалите меня из базы,
 * пожалуйста», "как удалить свои данные?", "please delete my data", "remove me from your
 * database"), or the consent to keep it withdrawn («отзываю согласие на обработку персональных
 * данных», «я не давала согласия на обработку персональных данных»): what /forget does, which the
 * client has no way to know of. Not "не удаляйте мои данные", nor "удалите заказ" or a question
 * that asks something else of it ("Вы удалите мои данные после заказа?").
 */
const ERASING = /^(?:удал(?:ите|ить|и|яйте)|сотрите|стереть|стирайте|забудьте|delete|erase|remove|wipe|forget)$/
/** One's own data named: "my data", «мои данные», «свой аккаунт» (not the card's "данные карты" or "the details I sent"). */
const MINE = /^(?:мои|мою|мой|свои|свою|свой|my|all)$/
/** What may stand between one's own and the data: "my personal data", «мои персональные данные». */
const PERSONAL = /^(?:personal|personally|private|персональные|личные)$/u
/** Everything held of the client: "everything you hold about me", «удалите всё обо мне». */
const EVERYTHING = /^(?:everything|all|все)$/u
const ABOUT_ME = /^(?:about|on|of|обо|про)$/u
const DATA = /^(?:данные|информацию|профиль|аккаунт|переписку|data|account|information|profile|details)$/
/** The bot's records named: «меня из базы», "me from your database" (not «меня из рассылки»: that is /stop). */
const RECORDS = /^(?:базы|базе|database|system|records|crm)$/
/** What may come before the erasing in a question that asks for it: how, may I, could you («можете удалить?»). */
const ASKING_HOW = /^(?:как|можно|можете|могли|how|can|could|would)$/
const PERSONAL_DATA =
  /персональн\p{L}* данн|обработк\p{L}* (?:моих |своих )?(?:персональных )?данн|personal data|\bgdpr\b/u
/**
 * The client themself, wholly: «удалите меня», «сотрите меня отовсюду», "delete me", "remove me
 * from everything" — "меня"/"me" and nothing after it but these (not «меня из чата», "me from the
 * group": something else to leave; «меня из рассылки» is /stop).
 */
const WHOLLY = new Set([
  ...['отовсюду', 'везде', 'совсем', 'полностью', 'насовсем', 'навсегда', 'вообще', 'из', 'всего', 'всех'],
  ...['пожалуйста', 'уже', 'from', 'everywhere', 'everything', 'all', 'completely', 'entirely', 'for', 'good'],
  ...['please', 'pls', 'now'],
])
/** A clause's end, or an "и"/"and" between two asks: «не пишите мне больше и удалите меня» asks two things. */
const CLAUSE_OR_AND = new RegExp(`${CLAUSE_END.source}|\\s(?:и|а|но|and|but)\\s`, 'iu')
export function asksToErase(text: string): boolean {
  const said = words(text)
  if (said.length > 20) return false
  const lower = text.toLowerCase().replace(/ё/g, 'е')
  // Consent to the data's keeping refused or taken back: its words say which consent
  const withdrawn =
    PERSONAL_DATA.test(lower) &&
    said.some((w, i) => WITHDRAWING.test(w) || (REFUSING.test(w) && said[i + 1]?.startsWith('дава')))
  // A clause's words are the text's: with no word of erasing in the text, none of its clauses asks
  // it (most texts; a client's every message is asked this)
  if (!withdrawn && !said.some((w) => ERASING.test(w))) return false
  if (isPlainStop(text)) return false
  if (withdrawn) return true
  const asked = QUESTION_MARK.test(text)
  // Each clause by itself: a "не" refuses what its own clause says («вы мне больше не пишите и
  // удалите меня отовсюду»: the writing, not the erasing), and one that is a stop is /stop's
  return text
    .split(CLAUSE_OR_AND)
    .map((clause) => (isPlainStop(clause) ? [] : splitWords(clause)))
    .some((part) => {
      const at = part.findIndex((w) => ERASING.test(w))
      if (at < 0 || part.slice(Math.max(0, at - 3), at).some((w) => REFUSING.test(w))) return false
      // A question asks something else of the data, unless it asks how (or whether one can) erase it
      if (asked && !part.slice(0, at).some((w) => ASKING_HOW.test(w))) return false
      const after = part.slice(at + 1, at + 6)
      const data = (at: number) =>
        DATA.test(after[at] ?? '') || (PERSONAL.test(after[at] ?? '') && DATA.test(after[at + 1] ?? ''))
      const mine = after.some((w, i) => MINE.test(w) && data(i + 1))
      // "everything you hold about me", «всё обо мне» (not "everything in the cart")
      const held =
        EVERYTHING.test(after[0] ?? '') &&
        after.some((w, i) => ABOUT_ME.test(w) && /^(?:me|мне)$/.test(after[i + 1] ?? ''))
      const me = /^(?:меня|me)$/.test(after[0] ?? '')
      return (
        mine || held || (me && (after.some((w) => RECORDS.test(w)) || part.slice(at + 2).every((w) => WHOLLY.has(w))))
      )
    })
}

/**
 * A stop (`wantsNoMarketing`) said as one of a message's clauses, beside another ask: «вы мне больше не
 * пишите и удалите меня отовсюду», "please stop sending me offers and delete my data". The whole a stop too.
 */
export function stopsAmong(text: string): boolean {
  return isPlainStop(text) || text.split(CLAUSE_OR_AND).some((clause) => wantsNoMarketing(clause))
}

/**
 * A clear wish for no more marketing said in a sentence of the client's own (or `isPlainStop`'s
 * short forms): "I'd like to unsubscribe", "opt me out please", "please stop sending me offers",
 * "I withdraw my consent to marketing", "I don't want any more marketing", "no more marketing
 * emails please", "Actually I'd rather not get offers like that after all, please take me off your
 * mailing list.", «хочу отписаться от рассылки», «больше не присылайте мне акции», «не хочу
 * получать рассылку» — typed instead of /stop. Each clause read by itself; not a message with a
 * question in it, nor a clause that asks or supposes ("can I unsubscribe later", "how do I
 * unsubscribe", «если будет спам, отпишусь»), nor the unsubscribing refused ("I don't want to
 * unsubscribe", «не отписывайте меня»). Only exact short forms were read, and a sentence went to
 * the manager while the news kept coming. The last text's answer kept (`keepLast`): a relayed
 * message is asked at each of its turns.
 */
export const wantsNoMarketing = keepLast(noMarketingWanted)
function noMarketingWanted(text: string): boolean {
  if (isPlainStop(text)) return true
  // A wish (`noMarketingWished`) names the marketing, unsubscribing, a taking off or a withdrawal:
  // a text with no such word has no clause that does (most texts; each of a client's is asked)
  if (
    !words(text).some(
      (w) => MARKETING.test(w) || UNSUBSCRIBING.test(w) || w === 'opt' || TAKING_OFF.test(w) || WITHDRAWING.test(w),
    )
  )
    return false
  // (An erasure asked with it, "отпишите меня и удалите мои данные", is /forget's question, which
  // stops the news at once: `stopsAmong`)
  if (QUESTION_MARK.test(text) || words(text).length > 40 || asksToErase(text)) return false
  const clauses = text.split(CLAUSE_OR_AND).map((clause) => withoutKisses(splitWords(clause)))
  // A clause that asks or supposes anything of it makes the whole no clear wish ("I'd like to
  // know how to unsubscribe")
  if (clauses.some((said) => said.some((w, i) => ASKS_OR_SUPPOSES.test(w) || (MAY_ONE.test(w) && said[i + 1] === 'i'))))
    return false
  return clauses.some(noMarketingWished)
}
/** Unsubscribing named: "unsubscribe", "opt … out", «отписаться», «отпишите». */
const UNSUBSCRIBING =
  /^(?:unsubscribe|unsubscribed|unsubscribing|отписаться|отпишите|отпишитесь|отписать|отписывайте|отписываться|отписывать|отпишусь)$/u
/** The bot's marketing named: what a refused sending or wanting must be of. */
const MARKETING =
  /^(?:marketing|offers|promotions|promotion|promos|promo|promotional|newsletters?|ads|adverts?|advertising|advertisements?|spam|mailings?|deals|discounts|рассылк\p{L}*|реклам\p{L}*|акци[июяй]|акций|спам|предложени[яй])$/u
/** Sending, as marketing is sent: "stop sending me offers", «не присылайте акции». */
const SENDING_IT =
  /^(?:sending|emailing|texting|messaging|send|email|text|присылайте|присылать|отправляйте|отправлять|шлите|слать|пишите)$/u
/** Wanting or getting, refused before the marketing named: "I don't want any marketing", «не хочу получать рассылку». */
const GETTING =
  /^(?:want|need|get|getting|receive|receiving|хочу|нужно|надо|нужна|нужны|нужен|получать|хотим|хотела|хотел)$/u
/** A clause's word that asks or supposes: such a clause is no wish said. */
const ASKS_OR_SUPPOSES = /^(?:how|if|when|whether|later|где|как|если|когда|потом|позже|ли)$/u
/** "can I", "could I", "may I", "should I": asking whether, not asking to. */
const MAY_ONE = /^(?:can|could|may|should|do)$/u
function noMarketingWished(said: readonly string[]): boolean {
  const refusedBefore = (at: number) => said.slice(Math.max(0, at - 4), at).some((w) => REFUSING.test(w))
  // Unsubscribing named decides by itself: "I'd like to unsubscribe", "opt me out", «хочу
  // отписаться» — not "I don't want to unsubscribe", «не хочу отписываться от рассылки»
  const verb = said.findIndex(
    (w, i) => UNSUBSCRIBING.test(w) || (w === 'opt' && said.slice(i + 1, i + 3).includes('out')),
  )
  if (verb >= 0) return !refusedBefore(verb)
  // "take me off your mailing list", «уберите меня из рассылки»
  const taking = said.findIndex((w) => TAKING_OFF.test(w))
  if (taking >= 0 && said.some((o) => THE_LIST.has(o))) return !refusedBefore(taking)
  // "I withdraw my consent to marketing", «отзываю согласие на рассылку»
  if (said.some((w) => WITHDRAWING.test(w)))
    return said.some((o) => CONSENT.has(o)) && said.some((o) => MARKETING.test(o))
  return said.some((w, i) => {
    if (!MARKETING.test(w)) return false
    const before = said.slice(Math.max(0, i - 6), i)
    // "stop sending me offers" (not "don't stop sending…")
    const stop = before.findIndex((b, k) => b === 'stop' && SENDING_IT.test(before[k + 1] ?? ''))
    if (stop >= 0) return !before.slice(0, stop).some((b) => REFUSING.test(b))
    // "no more marketing emails"
    if (before.some((b, k) => b === 'no' && before[k + 1] === 'more')) return true
    // «больше не присылайте мне акции», "don't send me offers", "I don't want any more marketing",
    // "I'd rather not get offers", «не хочу получать рассылку»: the sending or the wanting refused
    const refused = before.findIndex((b) => REFUSING.test(b) || b === 'rather')
    return refused >= 0 && before.slice(refused + 1).some((b) => SENDING_IT.test(b) || GETTING.test(b))
  })
}
/**
 * The erasure agreed to in words with nothing named but it: "ладно удаляйте", "да, удалите",
 * "удаляйте", "ok delete" — a yes or an ok and a verb of erasing, no object. Not "фото с главной
 * удалите" nor "не удалось оплатить" (a manager may have asked what else the client meant), nor
 * "удалите всё" (everything of what?).
 */
const ERASE_IT = /^(?:удал(?:яйте|яй|ите|и|ить|ять)|сотрите|сотри|стереть|стирайте|delete|erase|remove|wipe)$/
const AROUND_ERASE_IT = new Set([
  ...YES_FIRST,
  ...['ну', 'ладно', 'хорошо', 'ок', 'окей', 'давайте', 'можно', 'тогда', 'уж', 'пожалуйста'],
  ...['ok', 'okay', 'fine', 'then', 'go', 'ahead', 'please'],
])
export function agreesToErase(text: string): boolean {
  if (QUESTION_MARK.test(text)) return false
  const said = words(text)
  return said.some((w) => ERASE_IT.test(w)) && said.every((w) => ERASE_IT.test(w) || AROUND_ERASE_IT.has(w))
}

/**
 * A no to /forget's question, typed instead of pressed — harmless, so read as widely as people
 * say it: a plain no ("нет", "no thanks"), its button's words or a keeping ("No, keep it",
 * «нет, оставьте», "nah, keep my data"), a mind changed («передумал», "never mind", «не, не
 * надо») or the erasing refused («не удаляйте», "don't delete it"), with a "wait" or an "ой"
 * around it ("wait no"). Not a question, nor the keeping refused («не оставляйте», "don't keep
 * it"), nor an erasing wanted ("no wait, delete it"), nor more said ("no, but what about my
 * order"): those are read as they are.
 */
const KEEPING_OR_NO = new Set([...NO_LEAD, ...KEEPING, 'оставлю', 'оставляю'])
const MIND_CHANGED = phrases([
  ...['передумал\\p{L}*', 'не надо', 'не нужно', 'не стоит', 'не хочу', 'не буду'],
  ...['changed my mind', 'never mind', 'nevermind', 'nvm', 'forget it', 'not now'],
])
const ERASING_REFUSED = phrases([
  '(?:не|don t|dont|do not) (?:удал\\p{L}*|стира\\p{L}*|стер\\p{L}*|сотр\\p{L}*|delete|erase|remove|wipe)',
])
const KEEPING_REFUSED = /(?<=^| )(?:не|don t|dont|do not) (?:остав\p{L}*|keep)(?= |$)/u
const AROUND_A_NO = new Set([
  ...['wait', 'hold', 'on', 'oh', 'oops', 'sorry', 'actually', 'please', 'pls', 'thanks', 'thank', 'you', 'ok'],
  ...['okay', 'then', 'i', 've', 'have', 'it', 'them', 'my', 'data', 'all', 'everything', 'for', 'now', 'after'],
  ...['ой', 'ладно', 'ок', 'пожалуйста', 'подождите', 'погодите', 'стойте', 'стоп', 'тогда', 'пока', 'я'],
  ...['уже', 'все', 'мои', 'данные', 'их', 'а', 'ну', 'лучше', 'как', 'есть', 'таки', 'всего'],
  ...THANKS_WORDS,
])
export function declinesErasure(text: string): boolean {
  if (QUESTION_MARK.test(text)) return false
  const said = withoutKisses(words(text)).join(' ')
  // "Не оставляйте", "don't keep it": the keeping refused (the erasing wanted), unless "не" is said twice
  if (KEEPING_REFUSED.test(said) && !/(?<=^| )не не /u.test(said)) return false
  const rest = said.replace(MIND_CHANGED, ' ').replace(ERASING_REFUSED, ' ')
  const left = words(rest)
  const declined = rest !== said || left.some((w) => KEEPING_OR_NO.has(w))
  return declined && left.every((w) => KEEPING_OR_NO.has(w) || AROUND_A_NO.has(w))
}

/**
 * A no to the newsletter's question as it is said to it: "no thank you, I'd rather not", "I'd
 * rather not", "not for me, thanks", "No thank you, I'd rather not get marketing emails.", «не
 * надо», «нет, не хочу», «пожалуй, не надо» — or a plain no (`isPlainNo`). A phrase of declining
 * and nothing but a no's words and the news named around it; not a question, nor «не сейчас» ("not
 * now" may be a later yes), nor more said ("I'd rather not say", "not for me, but for my wife").
 * They got "I'm a bot" and the question kept its buttons.
 */
export function declinesNews(text: string): boolean {
  if (isPlainNo(text)) return true
  if (QUESTION_MARK.test(text)) return false
  const said = withoutKisses(words(text)).join(' ')
  const rest = said.replace(DECLINING, ' ')
  return rest !== said && words(rest).every((w) => AROUND_DECLINING.has(w) || MARKETING.test(w))
}
const DECLINING = phrases([
  ...['(?:i d |i would )?rather not', 'not for me', 'not interested', 'no need', 'i ll pass', 'i don t want'],
  ...['(?:i )?(?:don t|do not) want (?:them|it|any)', 'не надо', 'не нужно', 'не хочу', 'не стоит', 'не интересно'],
  ...['пожалуй нет', 'лучше не надо', 'мне не надо', 'мне не нужно'],
])
const AROUND_DECLINING = new Set([
  ...NO_FIRST,
  ...['thanks', 'thank', 'you', 'ty', 'thx', 'ta', 'cheers', 'please', 'sorry', 'actually', 'really', 'i', 'think'],
  ...['get', 'receive', 'any', 'emails', 'messages', 'news', 'them', 'it', 'that', 'those', 'such', 'for', 'now'],
  ...['пожалуй', 'лучше', 'мне', 'вам', 'их', 'это', 'такое', 'получать', 'новости', 'сообщения'],
  ...['пока', 'наверное', 'все', 'таки', 'а', 'ну'],
  ...THANKS_WORDS,
])

/** A question's mark, a Chinese "？" and a Spanish "¿" too. */
const QUESTION_MARK = /[?？¿]/

/**
 * Whether the message asks something besides what `that` reads in it: a sentence of its own that
 * asks ("можно перенести звонок на пятницу? и сколько стоит доставка") — owed an answer by the
 * team though the bot did the rest. A reason given with it ("отмените звонок. Не получится") asks nothing.
 */
export function asksMoreBeside(text: string, that: (sentence: string) => boolean): boolean {
  return (
    text
      .split(/(?<=[.!?？¿])\s+/u)
      .filter((sentence) => !that(sentence))
      // ("и сколько стоит…": the question after its "and")
      .map((sentence) => sentence.replace(/^\s*(?:и|а ещё|а еще|ещё|еще|and|also|plus)[\s,]+/iu, ''))
      .some((sentence) => QUESTION_MARK.test(sentence) || asksWithoutMark(sentence))
  )
}

/** A short answer that speaks of erasing ("yes delete everything", "удаляйте"), a question aside: under /forget's question. */
export function aboutErasing(text: string): boolean {
  const said = words(text)
  return !text.includes('?') && said.length <= 6 && said.some((w) => /^(удал|стер|стир|delet|eras|remov)/.test(w))
}

/** A place in a list said in a word, by index ("второй" 1, "the last one" the count's last). */
const ORDINALS = new Map<string, number>([
  ...['первый', 'первого', 'первую', 'first'].map((w) => [w, 0] as const),
  ...['второй', 'второго', 'вторую', 'second'].map((w) => [w, 1] as const),
  ...['третий', 'третьего', 'третью', 'third'].map((w) => [w, 2] as const),
])
const LAST = new Set(['последний', 'последнего', 'последнюю', 'last'])
const AROUND_ORDINAL = new Set([
  ...['на', 'номер', 'вариант', 'давайте', 'лучше', 'тот', 'который', 'пожалуйста', 'звоните'],
  ...['the', 'one', 'number', 'option', 'please', 'call', 'on', 'use'],
])
/**
 * Which of `count` things listed the client picks by its place ("второй", "на первый", "the
 * second one", "последний"): its index, or undefined for anything else or a place past the list.
 */
export function ordinalChoice(text: string, count: number): number | undefined {
  if (text.includes('?')) return undefined
  const said = words(text)
  const places = said.flatMap((w) => {
    const at = LAST.has(w) ? count - 1 : ORDINALS.get(w)
    return at === undefined ? [] : [at]
  })
  const [at] = places
  if (at === undefined || places.length !== 1 || at < 0 || at >= count) return undefined
  const others = said.filter((w) => !ORDINALS.has(w) && !LAST.has(w))
  return others.every((w) => AROUND_ORDINAL.has(w)) ? at : undefined
}

/**
 * Words that may answer one of the bot's questions instead of its buttons: a plain yes or no,
 * a score, or a word of erasing. Which question they answer, if any, is the handlers' to say.
 */
export function typedAnswerShaped(text: string): boolean {
  return (
    isSolvedYes(text) || isYesToNews(text) || isPlainNo(text) || typedScore(text) !== undefined || aboutErasing(text)
  )
}

/**
 * A question typed without its "?" ("А зачем вам почта", "сколько стоит", "где вы находитесь",
 * "why email", "how much"): it begins with a word only a question begins with, or with "а" and
 * a question word ("а как…", "а можно…"). Not the words an answer may begin with too: "как можно
 * скорее", "когда удобно", "можно завтра", "what a service", "can do tomorrow".
 */
export function asksWithoutMark(text: string): boolean {
  const [first, second = ''] = words(text)
  if (first === undefined) return false
  if (ONLY_ASKING.test(first) || (first === 'how' && /^(much|many|long|soon)$/.test(second))) return true
  return first === 'а' && (ONLY_ASKING.test(second) || ALSO_ASKING.test(second))
}
/** Words that begin a question and nothing else. */
const ONLY_ASKING = /^(зачем|почему|отчего|сколько|скок|скока|скоко|где|куда|откуда|разве|why|where)$/
/** Question words an answer may begin with too: a question after "а" ("а когда будет готово"). */
const ALSO_ASKING = /^(когда|кто|что|чем|как|какой|какая|какое|какие|можно)$/

/**
 * Words that call for a person rather than answer a step: a manager or an operator named ("позовите
 * менеджера"), a live person asked for ("с человеком", "живой человек", "a real person"), or a
 * call into the chat ("алло", "вы тут", "есть кто"). Not people counted: "5 человек", "for one person".
 */
export function callsForAPerson(text: string): boolean {
  const said = words(text)
  if (personAt(said) >= 0) return true
  return /^(алло|ау|эй|hello|hi|вы тут|вы здесь|есть кто|кто тут|are you there|anyone there)$/.test(said.join(' '))
}
const PERSON_WORD = /^(менеджер\p{L}*|оператор\p{L}*|консультант\p{L}*|manager|managers|operator|agent)$/u

/**
 * A person asked for by name, wherever the client is: a manager, an operator or a live person,
 * with a word that asks for them ("позовите менеджера", "можно с человеком поговорить", "I want a
 * real person", "нужен консультант") or alone ("менеджера!"). Not one spoken of ("менеджер мне уже
 * звонил", "передайте спасибо менеджеру"), nor one refused just before ("не надо менеджера",
 * "никаких менеджеров", "I don't want a manager"); a "не" elsewhere refuses nothing ("позовите
 * менеджера, не могу выбрать").
 */
export function namesAPerson(text: string): boolean {
  if (asksForTheBoss(text)) return true
  const said = words(text)
  const at = personAt(said)
  if (at < 0) return false
  // `words` splits "don't" into "don" and "t": its "t" refuses, three words before ("don't want a");
  // a "нет" right before ("нет менеджера"), not one that answers before asking ("нет, позовите менеджера")
  if (said.slice(Math.max(0, at - 3), at).some((w) => REFUSING.test(w)) || said[at - 1] === 'нет') return false
  return said.length <= 2 || said.some((w) => ASKING.test(w))
}
const REFUSING = /^(не|ни|никаких|никого|без|no|not|never|t|without|nobody)$/

/**
 * Someone above the team asked for ("позовите руководителя", "дайте директора", "хочу
 * поговорить с владельцем", "I want to speak to your supervisor", "get me the owner", "can I talk to
 * someone in charge"), as
 * `namesAPerson` reads a manager asked for: not one spoken of ("руководитель уже в курсе"), nor
 * refused ("не надо руководителя").
 */
export function asksForTheBoss(text: string): boolean {
  const said = words(text)
  // "the manager in charge", "someone in charge"
  const inCharge = said.findIndex((w, i) => w === 'charge' && said[i - 1] === 'in')
  const at = inCharge >= 0 ? inCharge : said.findIndex((w) => BOSS_WORD.test(w))
  if (at < 0) return false
  const before = said.slice(Math.max(0, at - 3), at)
  if (before.some((w) => REFUSING.test(w)) || said[at - 1] === 'нет') return false
  // One's own ("я владелец салона", "I am the owner of a cafe", "ask my boss first") is not theirs
  if (before.some((w) => OWN.test(w))) return false
  // Called for, not spoken of: "нужно согласовать с начальством", "спросить у директора" ask nothing of the team
  return said.length <= 2 || said.some((w) => CALLING_FOR.test(w))
}
const BOSS_WORD =
  /^(руководител\p{L}*|начальник\p{L}*|начальств\p{L}*|директор\p{L}*|владел\p{L}*|boss|supervisor|owner|director|ceo)$/u
/** Words that make the boss named after them one's own. */
const OWN = /^(я|мой|моя|мое|моего|моему|моим|своего|своему|своим|наш|нашего|нашим|i|im|am|my|our)$/
/** Words that call someone to the chat: a call, a wish to talk, a "give me". */
const CALLING_FOR =
  /^(позов\p{L}*|позвать|дайте|дай|соедин\p{L}*|переключ\p{L}*|свяж\p{L}*|пригласи\p{L}*|поговорить|пообщаться|talk|speak|connect|get|escalate)$/u
const LIVE_PERSON = /^(с человеком|живой человек|живым человеком|real person|human being|a human|to a human)( |$)/
/** Words that ask for someone: a call, a wish, a need, a question of whether one may. */
const ASKING =
  /^(позов\p{L}*|позвать|дайте|дай|соедин\p{L}*|переключ\p{L}*|свяж\p{L}*|пригласи\p{L}*|хочу|хотел\p{L}*|хотим|можно|нужен|нужна|нужно|надо|поговорить|пообщаться|want|need|talk|speak|connect|get|can|could|may|please|pls)$/u

/** Where a manager, an operator or a live person is named among `said` (words); -1 when nowhere. */
function personAt(said: readonly string[]): number {
  return said.findIndex((w, i) => PERSON_WORD.test(w) || LIVE_PERSON.test(said.slice(i, i + 3).join(' ')))
}

/**
 * Words that praise and ask nothing ("всё супер, большое спасибо вам", "great work, thank you so
 * much", "как быстро!", "bike rides like new 😍"): a good word or a glad face in them. What else
 * they may not say is `onlyRemarks`' to check.
 */
function onlyPraises(said: readonly string[], text: string): boolean {
  // A praise word denied is none: "not good", «не очень хорошо» (a "не" in praise is the team's to read)
  if (said.some((w) => REFUSING.test(w))) return false
  if (said.some((w) => PRAISE.test(w))) return true
  // A face of delight with a few plain words ("bike rides like new 😍"); not one beside a "not", a
  // "still" or a request ("not good 👍", "refund please 👍", "nothing works 🔥"): a face alone says little
  return DELIGHT.test(text) && said.length <= 6 && !said.some((w) => DOUBTING.test(w))
}
const DOUBTING =
  /^(?:не|нет|ничего|ещё|еще|пока|верните|возврат\p{L}*|пожалуйста|not|no|nothing|never|t|still|yet|refund|please|send|call)$/u
const ASKING_ABOUT = /^(вопрос\p{L}*|почему|зачем|когда|question|questions|why|when)$/u

/**
 * Words with a rating that praise something in it, whatever else they say ("вежливо, но долго",
 * "great help but slow", "спасибо, менеджер молодец"): a side of a "but" that praises
 * (`onlyPraises`). A low score with them is a mixed rating, thanked for the good before the apology.
 */
export function praisesSomething(text: string): boolean {
  return text.split(CONTRAST).some((side) => onlyPraises(words(side), side))
}

/**
 * Words after a score that only say how it went: praise (`onlyPraises`), a mark in words ("it
 * was ok", "нормально", "not bad": `markInWords`), a word on its pace ("долго ждал", "долго",
 * "took ages", "долго ждали утром") or on its price that asks nothing of it ("дороговато",
 * "немного дорого", "a bit pricey"), or a few of those joined by "but" ("it was ok but slow",
 * "отлично, но долго", "пятёрка, но дороговато"):
 * the rating's own words, for the team to read beside it — under a request's ratings and under
 * the check-in or NPS question alike. Not words that say something is still not done ("счёт так
 * и не пришёл", "сайт до сих пор не открывается", "still waiting"), ask (a "?", "а предоплату
 * вернёте", "а когда…"), go on after a "but" to anything else ("хорошо, но курьер опоздал"), ask
 * for a person, a price, a call or anything else ("верните деньги", "пришлите акт", "refund
 * please"), nor more than a short sentence: those are the team's to answer. A miss only costs the
 * team a message to read; a request taken for a rating goes unanswered.
 */
export function onlyRemarks(text: string): boolean {
  if (QUESTION_MARK.test(text) || asksWithoutMark(text) || callsForAPerson(text) || asksAboutPrice(text)) return false
  // "really quick fix", "great change": the thing praised, not a request ("fix my brakes" still is)
  const said = words(text.replace(PRAISED_THING, (_, praise: string) => praise))
  // "5 stars, would recommend" recommends; "would you send…" asks
  const asking = (w: string, i: number) =>
    (REQUESTING.test(w) && !(w === 'would' && PRAISE.test(said[i + 1] ?? ''))) || ASKED_TO_DO.test(w)
  if (said.some((w, i) => ASKING_ABOUT.test(w) || NOT_YET.test(w) || asking(w, i))) return false
  // "5, отлично, а предоплату вернёте": an "а" goes on to something else
  if (said.slice(1).includes('а') || said.some((w) => YOU_WILL.test(w))) return false
  // Each side of a "but" a remark of its own ("ok" and "slow"), read apart
  const sides = text.split(CONTRAST).filter((side) => splitWords(side).length > 0)
  return sides.length > 0 && sides.every(remarkAlone)
}
/** A "but" as `BUT` has it, with the text around it: where a remark's sides part. */
const CONTRAST = new RegExp(`(?<!\\p{L})(?:${[...BUT].join('|')})(?!\\p{L})`, 'iu')
/** One side of a remark (`onlyRemarks`): praise, a mark in words, or a word on the pace or the price. */
function remarkAlone(text: string): boolean {
  const said = splitWords(text)
  if (onlyPraises(said, text) || markInWords(text) !== undefined) return true
  if (asksForACall(text) || namesAPerson(text) || said.length > REMARK_WORDS) return false
  const judging = (w: string) => PACE.test(w) || PRICEY.test(w)
  return (
    said.some(judging) && !said.some((w) => REFUSING.test(w)) && said.every((w) => judging(w) || AROUND_REMARK.has(w))
  )
}
/** A remark on how it went is a short sentence at most: more is a message of its own. */
const REMARK_WORDS = 8
/**
 * A request's word named right after a word of praise, nothing between ("quick fix", "great
 * change", "fast check"): a noun, the thing praised — "5, really quick fix" was read as asking to
 * fix something, the rating lost and a request opened. Not after a thanks ("thanks, fix…").
 */
const PRAISED_THING = new RegExp(
  `(?<!\\p{L})((?!(?:${THANKS_WORDS.join('|')}|спасиб|благодар|thank))${PRAISE_WORDS})[ \\t]+(?:fix|change|check|update|redo|move)(?!\\p{L})`,
  'giu',
)
/** What is asked of the team in its future ("вернете", "пришлете", "сделаете"): a question without its mark. */
const YOU_WILL = /^\p{L}{2,}ете$/u
/** Words that say something is still not done: "до сих пор", "still", "nobody", "nothing". */
const NOT_YET = /^(?:сих|никто|ничего|нет|никак|still|yet|nobody|nothing|none|isn|wasn|didn|doesn|hasn|haven|won)$/u
/** Words on how fast it went, a remark with no request in it: "долго ждал", "took ages". */
const PACE =
  /^(?:долг\p{L}*|дольше|медленн\p{L}*|ждал\p{L}*|ждать|ожидани\p{L}*|подождать|задерж\p{L}*|затянул\p{L}*|slow\p{L}*|ages|long|wait\p{L}*|delay\p{L}*|late)$/u
/**
 * Words that find the price high and ask nothing of it: "дороговато", "недёшево", "a bit pricey".
 * Words that name the price ("цена кусается") read as asking about it (`asksAboutPrice`): the team's.
 */
const PRICEY = /^(?:дорого|дороговат\p{L}*|дороже|недешев\p{L}*|pricey|pricy|expensive|costly|overpriced|steep)$/u
/**
 * What a remark on the pace or the price says around it: "немного долго ждали ответа", "a bit
 * slow tbh", when it was ("долго ждали утром", "сначала долго", "slow in the morning"), for whom
 * ("дороговато для нас"), with what ("хоть и недёшево", "a bit on the pricey side").
 */
const AROUND_REMARK = new Set([
  ...['немного', 'немножко', 'чуть', 'слегка', 'очень', 'слишком', 'было', 'пришлось', 'ответа', 'ответ', 'я', 'мы'],
  ...['ну', 'так', 'правда', 'честно', 'говоря', 'если', 'всё', 'все', 'вас', 'у', 'для', 'нас', 'меня', 'хоть', 'и'],
  ...[
    'утром',
    'утра',
    'днем',
    'вечером',
    'ночью',
    'вчера',
    'сегодня',
    'сначала',
    'поначалу',
    'вначале',
    'в',
    'начале',
    'с',
  ],
  ...['morning', 'afternoon', 'evening', 'yesterday', 'today', 'first', 'in', 'at', 'on', 'side'],
  ...[
    'a',
    'bit',
    'little',
    'too',
    'very',
    'it',
    'took',
    'you',
    'we',
    'i',
    'had',
    'to',
    'for',
    'the',
    'reply',
    'answer',
  ],
  // Who was slow to answer: «долго отвечала», "slow to respond"
  ...['отвечал', 'отвечала', 'отвечали', 'отвечать', 'отвечает', 'отвечают', 'ответили', 'ответила', 'ответил'],
  ...['replied', 'replying', 'respond', 'responded', 'responding', 'answered', 'answering'],
  ...['tbh', 'honestly', 'was', 'bit', 'kinda', 'quite'],
])

/**
 * A payment promised and nothing else said: "ой забыла совсем, сейчас оплачу", "счёт получил,
 * оплачу завтра", «я завтра переведу», «остаток оплачу после нового года», «ой а я сейчас не могу
 * оплачу завтра после обеда», «оплачу в среду, как зарплата придёт» (`moneyToCome`), "I'll pay it
 * tomorrow", "well I'll pay the rest on Friday", "paying now". Under an unpaid invoice it needs no
 * answer (`promisedPayment`). Every word must be of such a promise — a paying verb, when, a
 * greeting, a thanks, an "ой, забыла", a «не могу» that puts it off (not "can't pay", which refuses it) — so "card declined, I'll pay later", "send the details,
 * I'll pay today", "I won't pay", «я не оплачу», "оплачиваю, выдаёт ошибку" or "pay attention to
 * the header" are none: a word of anything else makes it the team's to read. Nor is a wait asked
 * leave for («а можно оплатить завтра?», «можно я завтра оплачу», "can I pay after the new year"):
 * whether the invoice may wait is the team's to say.
 */
export function promisesToPay(text: string): boolean {
  if (QUESTION_MARK.test(text)) return false
  // No word of paying, no promise: most messages end here, before the day's readings (a relay's
  // every text is asked; taking a day or an ordinal out never adds a word)
  if (!words(text).some((w) => PAYING.has(w))) return false
  // A day of the month named («оплачу 5 января», «10 числа», "on the 5th") says when, as "завтра"
  // does; an invoice counted ("the 2nd invoice", «2-й счёт») says which, as "the invoice" does
  const day = dayOfMonthSaid(text)
  const said = words(
    (day === undefined ? text : `${text.slice(0, day.start)} ${text.slice(day.end)}`).replace(COUNTED, ''),
  )
  if (said.length > 12 || !said.some((w) => PAYING.has(w))) return false
  // When the money comes, said as a clause of its own: «как зарплата придёт», "as soon as the salary comes in"
  const inPhrase = moneyToCome(said)
  for (let i = 0; i < said.length; i++) {
    const phrase = PROMISE_PHRASES.find((p) => phraseAt(said, i, p))
    // "Can't pay" refuses the payment; "не могу, оплачу завтра" only puts it off
    if (phrase === undefined || (CANNOT.includes(phrase) && REFUSED.has(said[i + phrase.length] ?? ''))) continue
    phrase.forEach((_, k) => {
      inPhrase[i + k] = true
    })
  }
  return said.every((w, i) => PAYING.has(w) || AROUND_A_PROMISE.has(w) || inPhrase[i] || weekdayWord(w) !== undefined)
}
/**
 * Where `said` (words) says when the money comes, as a clause of a promise: a «как», «когда»,
 * «после», «с», "when", "once", "after", "as soon as", then only words of the money coming —
 * «как зарплата придёт», «как получу зарплату», «как аванс получу», «как только придут деньги»,
 * «после зарплаты», «с аванса», "when I get paid", "once my salary comes in", "as soon as the
 * salary comes in". The money must be named (not «как будет готово», "when you send the files"),
 * and its coming said (not «когда деньги вернёте»), except after «после», «с», "after" ("after
 * payday"). A «как» anywhere else is no promise's ("а как я оплачу" asks). True at each word of
 * such a clause.
 */
function moneyToCome(said: readonly string[]): boolean[] {
  const marked = said.map(() => false)
  for (let i = 0; i < said.length; i++) {
    const opens = said[i] as string
    if (!MONEY_CLAUSE_OPENS.has(opens)) continue
    let end = i + 1
    while (end < said.length && inMoneyClause(said[end] as string)) end++
    const clause = said.slice(i, end)
    const named = clause.some((w) => MONEY_TO_COME.test(w))
    const coming = clause.some((w) => MONEY_AFTER.has(w) || MONEY_COMING.test(w))
    if (!named || !coming) continue
    for (let k = i; k < end; k++) marked[k] = true
    i = end - 1
  }
  return marked
}
/** What a clause of the money coming begins with: "как", "когда", "после", "с"; "when", "once", "after", "as (soon as)". */
const MONEY_CLAUSE_OPENS = new Set(['как', 'когда', 'после', 'с', 'сразу', 'when', 'once', 'after', 'as'])
/** Of those, the ones after which the money named alone says it comes: «после зарплаты», «с аванса», "after payday". */
const MONEY_AFTER = new Set(['после', 'с', 'after'])
/** The money still to come: pay, an advance, a pension, a grant; "money", "salary", "paycheck", "paid". */
const MONEY_TO_COME =
  /^(?:зарплат[аыуе]|зп|деньги|денег|аванс[ау]?|получк[аиу]|пенси[яюи]|стипенди[яюи]|выплат[аыу]|money|salary|wages?|paycheck|paycheque|payday|paid)$/u
/** Its coming: «придёт», «получу», «поступят», «дадут»; "comes (in)", "get", "arrives", "hits". */
const MONEY_COMING =
  /^(?:придет|придут|поступит|поступят|получу|получим|дадут|выдадут|перечислят|заплатят|упадет|упадут|будет|будут|появится|появятся|comes?|arrives?|get|gets|got|receive|hits|lands|clears|paid)$/u
/** A word a clause of the money coming may have: the money, its coming, who gets it, «сразу как», «как только», "as soon as". */
function inMoneyClause(w: string): boolean {
  return MONEY_TO_COME.test(w) || MONEY_COMING.test(w) || MONEY_CLAUSE_OPENS.has(w) || MONEY_CLAUSE_WORDS.has(w)
}
const MONEY_CLAUSE_WORDS = new Set([
  ...['только', 'того', 'я', 'мы', 'мне', 'нам', 'моя', 'мою', 'мой', 'мои', 'наша', 'нашу', 'на', 'карту', 'счет'],
  ...['i', 'we', 'my', 'our', 'the', 'soon', 'in', 'through'],
])

/** Whether `phrase`'s words are `said`'s from `at` on. */
function phraseAt(said: readonly string[], at: number, phrase: readonly string[]): boolean {
  return phrase.every((w, k) => said[at + k] === w)
}
/** A payment promised, in the first person: "оплачу", "переведём", "I'll pay", "paying". */
const PAYING = new Set([
  ...['оплачу', 'оплатим', 'оплачиваю', 'заплачу', 'заплатим', 'переведу', 'переведем', 'перевожу'],
  ...['pay', 'paying'],
])
/** An "I can't" a promise may put the payment off with ("сейчас не могу, оплачу завтра"). */
const CANNOT: readonly (readonly string[])[] = [['не', 'могу'], ['не', 'смогу'], ['can', 't'], ['cannot']]
/** What an "I can't" refuses right after it: "can't pay" (Russian's «не могу» takes «оплатить», no promise's word). */
const REFUSED = new Set(['pay', 'paying'])
/** The new year named: "после нового года", «после НГ», "after the new year('s)". */
const NEW_YEAR: readonly (readonly string[])[] = [
  ['нового', 'года'],
  ['нг'],
  ['new', 'year', 's'],
  ['new', 'years'],
  ['new', 'year'],
]
/** Words that are a promise's only together: alone "года", "new" or "не" say something else. */
const PROMISE_PHRASES = [...CANNOT, ...NEW_YEAR]
/** Words a promise to pay is said with: when, a greeting, a thanks, an "ой, забыла"; nothing of a problem or a request. */
const AROUND_A_PROMISE = new Set([
  ...['ой', 'ну', 'а', 'я', 'да', 'ага', 'ок', 'окей', 'хорошо', 'ладно', 'конечно', 'обязательно'],
  // A thanks, in any of the clients' languages: «Спасибо! Оплачу в среду», «Рахмет, оплачу в пятницу»
  ...THANKS_WORDS,
  ...THANKS_SAID_WITH,
  ...['добрый', 'день', 'вечер', 'утро', 'здравствуйте', 'привет', 'извините', 'простите'],
  ...['забыл', 'забыла', 'забыли', 'совсем', 'счет', 'получил', 'получила', 'получили', 'его', 'все', 'тогда'],
  ...['сейчас', 'прямо', 'сегодня', 'завтра', 'послезавтра', 'вечером', 'утром', 'днем', 'позже', 'попозже'],
  ...['скоро', 'чуть', 'на', 'этой', 'неделе', 'в', 'во', 'до', 'конца', 'дня', 'недели', 'через', 'час'],
  ...['пару', 'часов', 'минут', 'следующей', 'выходных', 'выходные', 'weekend', 'обеда', 'обед'],
  // What is paid: the balance after a prepayment ("остаток оплачу в пятницу", "the rest")
  ...['остаток', 'остальное', 'rest', 'balance', 'remaining'],
  // When the money comes: "оплачу завтра после зарплаты", "after payday"
  ...['после', 'зарплаты', 'зп', 'аванса', 'получки', 'after', 'payday', 'paycheck', 'when', 'get', 'paid'],
  ...['i', 'll', 'will', 'we', 'gonna', 'going', 'to', 'it', 'the', 'invoice', 'bill', 'got', 'ok', 'okay'],
  ...['sure', 'yes', 'yeah', 'thanks', 'thank', 'you', 'cheers', 'sorry', 'hi', 'hello', 'oh', 'forgot', 'now'],
  ...['right', 'away', 'today', 'tomorrow', 'tonight', 'later', 'soon', 'this', 'next', 'week', 'evening'],
  ...['morning', 'afternoon', 'asap', 'by', 'end', 'of', 'day', 'in', 'an', 'a', 'hour', 'minutes', 'shortly'],
  ...['on', 'lunch', 'well', 'um', 'umm', 'uh'],
  // "great, I'll pay on friday then", "I'll pay at the weekend", "when the money comes in"
  ...['at', 'then', 'great', 'perfect', 'cool', 'fine', 'money', 'comes', 'arrives'],
])

/**
 * A day of the month as a promise names it: with its month («5 января», "January 5th", "5th of
 * January", "on 5 January") or without («10 числа», «до 5-го», "the 5th"); where it stands in the
 * text (its lower-cased, "ё"-as-"е" form, of the same length). Undefined when none is named, or
 * the number is no day (a sum: «оплачу 5000»; "5 минут" names no day).
 */
function dayOfMonthSaid(text: string): { day: number; month?: number; start: number; end: number } | undefined {
  const lower = text.toLowerCase().replaceAll('ё', 'е')
  const found = (m: RegExpMatchArray, day: string | undefined, month: number | undefined) => {
    const number = Number(day)
    if (!(number >= 1 && number <= 31)) return undefined
    const at = m.index ?? 0
    return { day: number, ...(month === undefined ? {} : { month }), start: at, end: at + m[0].length }
  }
  for (const m of lower.matchAll(DAY_THEN_WORD)) {
    const word = m[2] ?? ''
    const month = monthIn(word)
    if (month !== undefined || DAY_OF_MONTH.test(word)) return found(m, m[1], month)
  }
  for (const m of lower.matchAll(MONTH_THEN_DAY)) {
    const month = monthIn(m[1] ?? '')
    if (month !== undefined) return found(m, m[2], month)
  }
  const alone = ORDINAL_DAY.exec(lower)
  return alone ? found(alone, alone[1], undefined) : undefined
}
/** «5 января», «5-го числа», "5th of January": a number (an ordinal's ending with it), then a word. */
const DAY_THEN_WORD =
  /(?<![\p{L}\p{N}])(\d{1,2})(?:-?(?:го|ого|е|ое)|st|nd|rd|th)?(?:\s+of)?\s+(\p{L}+)(?![\p{L}\p{N}])/gu
/** "January 5th", "on December the 10th": a word, then a number. */
const MONTH_THEN_DAY = /(?<![\p{L}\p{N}])(\p{L}+)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?![\p{L}\p{N}])/gu
/** What is paid, counted by an ordinal before it: "the 2nd invoice", «2-й счёт» (the word, as `words` reads it). */
const COUNTED_THINGS = '(?:invoice|bill|payment|part|instal?l?ment|сч[её]т|счета|платеж|платёж|часть|транш)'
/** An ordinal that counts what is paid ("the 2nd invoice"): it names no day. */
const COUNTED = new RegExp(
  `(?<![\\p{L}\\p{N}])\\d{1,2}(?:-?(?:й|ий|ый|ой)|st|nd|rd|th)(?=\\s+${COUNTED_THINGS}(?![\\p{L}]))`,
  'giu',
)
/** A day as an ordinal alone: «до 5-го», "on the 5th" — not one that counts what is paid ("the 2nd invoice"). */
const ORDINAL_DAY = new RegExp(
  `(?<![\\p{L}\\p{N}])(\\d{1,2})(?:-?(?:го|ого)|st|nd|rd|th)(?![\\p{L}\\p{N}])(?!\\s+${COUNTED_THINGS}(?![\\p{L}]))`,
  'iu',
)
/** «Числа» after a number: a day of the month («10 числа»). */
const DAY_OF_MONTH = /^(?:числа|число)$/u

/**
 * The days from `today` (YYYY-MM-DD) to the day of the month `text` names (`dayOfMonthSaid`): with
 * its month the coming such day (`upcomingDate`); without, the coming such day of this month or
 * of the next one that has it (the 10th on the 23rd is next month's). Today's counts.
 */
function daysToDayOfMonth(text: string, today: string): number | undefined {
  const said = dayOfMonthSaid(text)
  if (said === undefined) return undefined
  const [year, month] = today.split('-').map(Number) as [number, number]
  const dates =
    said.month !== undefined
      ? [upcomingDate(said.month, said.day, today)]
      : [0, 1, 2].map((ahead) => {
          const at = new Date(Date.UTC(year, month - 1 + ahead, said.day))
          return at.getUTCDate() === said.day ? at.toISOString().slice(0, 10) : undefined
        })
  const date = dates.find((d) => d !== undefined && d >= today)
  return date === undefined ? undefined : Math.round((Date.parse(date) - Date.parse(today)) / DAY_MS)
}

/**
 * How many days from `today` (YYYY-MM-DD; 0: today) a promise to pay (`promisesToPay`) gives
 * itself, by the day its words name: "сегодня", "через час", «после обеда» today; "завтра" 1,
 * "послезавтра" 2; "в пятницу" the coming Friday (today when it is Friday); a day of the month
 * («5 января», «10 числа», "the 5th") the coming such day; "на выходных", "на
 * этой неделе", "до конца недели" the coming Sunday, "next week" the Sunday after; «после нового
 * года» the coming 1 January (in January the new year has come: it names no day); several
 * named, the latest. Money still to come ("после зарплаты", «как аванс получу», "after payday") names no day:
 * PAYDAY_DAYS. Undefined when nothing says when ("оплачу", "позже", "утром"): the caller's default.
 */
export function promisedPayDays(text: string, today: string): number | undefined {
  const said = words(text)
  const has = (set: ReadonlySet<string>) => said.some((w) => set.has(w))
  const weekday = weekdayOf(today)
  const sunday = daysToWeekday(7, weekday)
  const named: number[] = said.flatMap((w) => {
    const day = weekdayWord(w)
    return day === undefined ? [] : [daysToWeekday(day, weekday)]
  })
  const dayOfMonth = daysToDayOfMonth(text, today)
  if (dayOfMonth !== undefined) named.push(dayOfMonth)
  if (said.includes('послезавтра')) named.push(2)
  else if (said.includes('завтра') || said.includes('tomorrow')) named.push(1)
  if (has(WEEKEND)) named.push(sunday)
  if (has(WEEK)) named.push(said.includes('следующей') || said.includes('next') ? sunday + 7 : sunday)
  // The coming 1 January; said in January, the new year has come and names no day
  const newYear = `${Number(today.slice(0, 4)) + 1}-01-01`
  if (today.slice(5, 7) !== '01' && said.some((_, i) => NEW_YEAR.some((p) => phraseAt(said, i, p)))) {
    named.push(Math.round((Date.parse(newYear) - Date.parse(today)) / DAY_MS))
  }
  if (named.length > 0) return Math.max(...named)
  if (has(PAYDAY) || moneyToCome(said).includes(true)) return PAYDAY_DAYS
  if (has(TODAY)) return 0
  return undefined
}
/**
 * "После зарплаты", "after payday": the next payday is unknown; in Russia pay comes twice a month,
 * so within about two weeks, half of it on average — a week's grace before the reminder.
 */
export const PAYDAY_DAYS = 7
const WEEKEND = new Set(['выходных', 'выходные', 'weekend'])
const WEEK = new Set(['неделе', 'недели', 'week'])
const PAYDAY = new Set(['зарплаты', 'зп', 'аванса', 'получки', 'payday', 'paycheck', 'paid'])
const TODAY = new Set([
  ...['сегодня', 'сейчас', 'вечером', 'днем', 'дня', 'час', 'часов', 'минут', 'обеда', 'обед'],
  ...['today', 'tonight', 'now', 'asap', 'hour', 'minutes', 'shortly', 'evening', 'afternoon', 'day', 'lunch'],
])

/**
 * Words a person must answer: a question, a number to call back, or a sentence of four words
 * or more ("нужен сайт для салона"). They open a request at once: the team sees them, and the
 * client is told who answers and by when. Waiting for a tap on "Ask a manager" lost such
 * messages (a lead who typed their question and number at night and never pressed it was never
 * seen). A greeting or a few words ("Добрый день, я вернулся", "ок", an answer typed after the
 * question was cancelled) get the offer of a manager instead: a request nobody needs keeps a
 * manager busy. (Words: runs of two letters or digits or more.)
 */
export function asksForAPerson(text: string): boolean {
  // "？" and "¿" too: a Chinese or Spanish question is one
  if (QUESTION_MARK.test(text) || /\d[\d\s().+-]{5,}\d/.test(text)) return true
  // A call asked for is one whatever words come with it ("Да, позвоните мне", "Ок, перезвони")
  if (asksForACall(text)) return true
  // "Нет, спасибо, не надо", "Да, конечно, присылайте" typed under a question with buttons (the
  // news consent): an answer to the bot, not a question for a person
  if (answersTheBot(text)) return false
  return saysASentence(text)
}

/** Four words or more: a sentence, not a few words typed for a button ("нужен сайт для салона"). */
export function saysASentence(text: string): boolean {
  // Chinese, Japanese or Thai put no spaces between words: a whole sentence read as one "word"
  // never reached four, and a lead's request in Chinese waited for a tap nobody made. Their words
  // are told apart by the language's own rules (a thanks, "谢谢你的帮助", is three: no request)
  if (UNSPACED_LETTER.test(text)) {
    return [...WORDS.segment(text)].filter((s) => s.isWordLike).length >= 4
  }
  return (text.match(/[\p{L}\p{N}]{2,}/gu) ?? []).length >= 4
}

/**
 * A call wanted, said as a wish rather than a request to a person: "хочу звонок", "можно звонок
 * заказать", "нужен созвон", "I'd like to book a call" — what the menu's booking does. A
 * question, a "не" or a "not" ("звонок не нужен") is none.
 */
const CALL_WORD = /^(звонок|звонка|созвон|созвониться|созвонимся|call|callback)$/
const WANTING =
  /^(хочу|хотел|хотела|хотелось|нужен|нужно|можно|закажите|заказать|запишите|записаться|давайте|want|need|like|book|schedule|get)$/
export function wantsACall(text: string): boolean {
  if (text.includes('?')) return false
  const said = words(text)
  if (said.length > 6 || said.some((w) => /^(не|нет|not|don|t|no)$/.test(w))) return false
  return said.some((w) => CALL_WORD.test(w)) && said.some((w) => WANTING.test(w))
}

/**
 * "Позвоните мне", "перезвоните", "наберите меня", "call me back": a call asked for, however
 * short — a person's to make. Asking, not telling or refusing: "позвоню позже", "не звоните",
 * "don't call me", "I'll call back", "call me Anna" ask for nothing.
 */
export function asksForACall(text: string): boolean {
  const said = words(text)
  // "не", and English's "not", "never", the "t" of "don't", or a subject before the verb ("I'll call")
  const refused = (i: number) =>
    said.slice(Math.max(0, i - 2), i).some((w) => /^(не|not|never|t|i|ll|will|we|you)$/.test(w))
  return said.some((w, i) => {
    if (refused(i)) return false
    if (/^(по|пере)звони(те)?$/.test(w)) return true
    if (/^набери(те)?$/.test(w)) return /^(мне|меня)$/.test(said[i + 1] ?? '')
    // "call me", "call me back", "ring me now" — not "call me Anna", a name to use
    return (
      /^(call|ring)$/.test(w) &&
      said[i + 1] === 'me' &&
      /^(|back|now|asap|please|pls|today|tomorrow|later|soon|when|at|on|in|after|before|right|urgently)$/.test(
        said[i + 2] ?? '',
      )
    )
  })
}

/** A call asked for taken back, in words split and lowercased (`words`), with a space at each end. */
const CALL_TAKEN_BACK: readonly RegExp[] = [
  // "не надо звонить", "не нужно мне перезванивать", "не стоит звонить"
  / не (?:надо|нужно|стоит) (?:мне |нам )?(?:по|пере)?звонить /,
  // "звонить не надо", "перезванивать уже не нужно"
  / (?:по|пере)?звонить (?:мне |нам )?(?:уже |пока )?не (?:надо|нужно|стоит) /,
  // "не звоните", "не перезванивайте"
  / не (?:(?:по|пере)?звоните|перезванивайте) /,
  // "отмените звонок", "отменяю свой звонок", "звонок не нужен"
  / отмен\p{L}* (?:мой |свой |наш |этот )?звонок /u,
  / звонок (?:уже |пока |мне )?не (?:нужен|надо|нужно) /,
  // "don't call", "do not call me", "no need to call", "cancel the call", "no call needed"
  / (?:don t|dont|do not|no need to) (?:call|ring|phone) /,
  / cancel (?:the |my |that )?call /,
  / no (?:call|calls) (?:needed|please) /,
]

/**
 * A call asked for taken back: "не надо звонить", "звонить не нужно, лучше напишите", "не
 * перезванивайте", "отмените звонок", "don't call", "no need to call", "cancel the call". Not a
 * question ("вы не позвоните?"), nor "вы так и не позвонили" (nobody called: a complaint).
 */
export function takesBackACall(text: string): boolean {
  if (text.includes('?')) return false
  const said = ` ${words(text).join(' ')} `
  return CALL_TAKEN_BACK.some((pattern) => pattern.test(said))
}

/** A letter of a script written without spaces between words. */
const UNSPACED_LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u
/** Words as each language writes them (a dictionary for Chinese, Japanese, Thai). */
const WORDS = new Intl.Segmenter(undefined, { granularity: 'word' })

/** Words that begin as an answer to the bot's own question ("нет, спасибо", "да, конечно"). */
export function answersTheBot(text: string): boolean {
  // (Or a yes as said to the news, "ну можно, только не часто": under another message now)
  if (isYesToNews(text)) return true
  return ANSWER_WORDS.has(
    noSetApart(text)
      .toLowerCase()
      .match(/[\p{L}\p{N}]{2,}/u)?.[0] ?? '',
  )
}

/** First words of an answer to the bot's own question rather than a question of the client's. */
const ANSWER_WORDS = new Set([
  'да',
  'нет',
  'ага',
  'неа',
  'конечно',
  'yes',
  'no',
  'sure',
  'ok',
  'ок',
  'иә',
  'жоқ',
  'жок',
])

/**
 * Words that ask what things cost: "сколько стоит сайт?", "скок стоит лендос?", "сколько стоят
 * услуги", "какие цены", "прайс", "почём", "по чём", "чё по деньгам", "тарифы", "how much for a
 * website", "prices?", the Ukrainian "скільки це коштує?", the Kazakh «бағасы қанша?», «қанша
 * тұрады?», «қанша болады?», «неше теңге?». Whole words: not "почему", "ценю", "центр", "стоит ли"
 * (whether, not how much), "скок дней", "по чём-то", "how much time", «қанша күн» (how many days),
 * «қанша күн болады?» (how many days will it be).
 */
export function asksAboutPrice(text: string): boolean {
  const said = words(text)
  if (said.some((w) => PRICE_WORD.test(w))) return true
  // "How much" in one of the languages, and a word of its that makes it the price's ("сколько стоит")
  const much = said.find((w) => HOW_MUCH.test(w))
  if (much !== undefined) {
    const costs = HOW_MUCH_COSTS.find(([asks]) => asks.test(much))?.[1]
    if (costs !== undefined && said.some((w) => costs.test(w))) return true
  }
  // The Kazakh «қанша болады?» ("how much will it be?"), «болады» right after it: with a word
  // between, it asks how long or how many («қанша күн болады?»)
  if (said.some((w, i) => (w === 'қанша' || w === 'канша') && said[i + 1] === 'болады')) return true
  // "По чём" written apart (not "по чём-то"), "чё по деньгам"
  const priced = (w: string, i: number) =>
    (w === 'по' && said[i + 1] === 'чем' && !/^(то|либо|нибудь)$/.test(said[i + 2] ?? '')) ||
    (/^(че|чо|что|шо)$/.test(w) && said[i + 1] === 'по' && MONEY_SPOKEN.test(said[i + 2] ?? ''))
  if (said.some(priced)) return true
  const howMuch = said.findIndex((w, i) => w === 'how' && said[i + 1] === 'much')
  return howMuch >= 0 && !/^(time|long|longer|work|effort)$/.test(said[howMuch + 2] ?? '')
}

/**
 * "How much" in each language, and what makes it ask a price there: the Russian «сколько» (as it is
 * said and typed in a hurry: "скок", "скока", "скоко") with «стоит», «стоят», «обойдётся»; the
 * Ukrainian «скільки» with «коштує»; the Kazakh «қанша» (typed on a Russian keyboard «канша») or
 * «неше» with «тұрады» (costs), «теңге», «тг», «ақша» (money) — «қанша» alone asks how many or how
 * long («қанша күн»), and «сколько … в тг» may be Telegram.
 */
const HOW_MUCH_COSTS: readonly (readonly [RegExp, RegExp])[] = [
  [/^(сколько|скок|скока|скоко)$/u, /^(стои|стоя|обойд)/u],
  [/^(скільки|скiльки)$/u, /^кошту/u],
  [/^(қанша|канша|неше)$/u, /^(тұрады|турады|теңге|тенге|тг|ақша|акша)$/u],
]
/** Any language's "how much" (`HOW_MUCH_COSTS`): one pass over the words finds whether one is said. */
const HOW_MUCH = new RegExp(HOW_MUCH_COSTS.map(([asks]) => asks.source).join('|'), 'u')
/** Money in everyday words, after "чё по …": "чё по деньгам?", "что по бабкам". */
const MONEY_SPOKEN = /^(деньгам|бабкам|баблу)$/
/**
 * A word that speaks of prices by itself (`words` has turned "ё" into "е": "почём" is "почем"); the
 * Kazakh «баға» (price), «бағасы» (its price), typed on a Russian keyboard «багасы» too — not «бага»,
 * Russian slang for a bug.
 */
const PRICE_WORD =
  /^(цен[аыуеойи]?|ценам|ценах|ценник\p{L}*|стоимост\p{L}*|прайс\p{L}*|почем|расценк\p{L}*|тариф\p{L}*|ціна|ціни|ціну|вартіст\p{L}*|баға|бағасы|бағасын|бағалар|бағалары|багасы|багасын|багалары|price[sd]?|pricing|prices|cost|costs|rates)$/u

/**
 * A client's word that they paid, and nothing more: "я оплатил", «я оплатил вчера переводом,
 * проверьте», "I've paid", "paid it", «перевела 1250,50 по реквизитам», "я оплатил, вы получили?".
 * Under an unpaid invoice it is the "I've paid" button in words (`claimedPayment`), which owes no
 * answer — so every word must be of such a claim: one that asks or says anything more ("оплатил,
 * хочу отменить запись", "paid the wrong invoice", "оплатила частично", "who paid for this?", "меня
 * перевели на другую смену", "позовите руководителя") is the team's to read and answer. A
 * "перевела" is a payment only with money in it (a sum, "по реквизитам", "на карту").
 */
export function claimsPaid(text: string): boolean {
  if (promisesToPay(text)) return false
  const said = words(text)
  if (said.length > 14 || !said.some((w) => PAID.test(w))) return false
  const money = /\d/.test(text) || said.some((w) => MONEY.test(w))
  if (!said.some((w) => PAID_ITSELF.test(w)) && !money) return false
  // A question only as "did it come?"
  if (/[?？]/.test(text) && !said.some((w) => RECEIVED.test(w))) return false
  return said.every((w) => PAID.test(w) || MONEY.test(w) || RECEIVED.test(w) || CLAIM_WORDS.has(w))
}
/** A payment made, said in the past: "оплатила", "перевели", "paid", "transferred". */
export const PAID = /^(?:оплатил[аи]?|оплачено|заплатил[аи]?|перевел[аи]?|перечислил[аи]?|paid|transferred)$/u
/** Of those, the ones that speak of paying by themselves ("перевела" may be a document, a shift). */
const PAID_ITSELF = /^(?:оплатил[аи]?|оплачено|заплатил[аи]?|paid)$/u
/** Money named: what makes a transfer a payment. */
const MONEY =
  /^(?:деньги|денег|оплат[уаы]|сумм[уа]|реквизит\p{L}*|карт[уеы]|картой|сбп|переводом|счет|счету|счета|money|payment|invoice|bill|transfer|bank|card)$/u
/** "Did it come?" — the one question a claim asks. */
const RECEIVED = /^(?:получили|пришло|пришла|пришли|дошло|дошла|дошли|видите|received|get|got|see)$/u
/** The other words a bare claim is said with: who, when, how, please check, thanks. */
const CLAIM_WORDS = new Set([
  ...['я', 'мы', 'уже', 'только', 'что', 'вчера', 'сегодня', 'утром', 'днем', 'вечером', 'сейчас', 'все'],
  ...['по', 'через', 'на', 'в', 'с', 'банк', 'онлайн', 'вам', 'вы', 'ваш', 'ваши', 'номер', 'вот', 'ок'],
  ...['проверьте', 'посмотрите', 'пожалуйста', 'руб', 'рублей', 'р'],
  ...THANKS_WORDS,
  ...['i', 've', 'we', 'have', 'just', 'already', 'it', 'the', 'this', 'my', 'your', 'via', 'by', 'online'],
  ...['today', 'yesterday', 'please', 'check', 'thanks', 'thank', 'you', 'did', 'done', 'for', 'ok', 'now'],
])

/**
 * A payment made, said and nothing asked of it: "Оплатила!", "оплатил, спасибо", "I've paid,
 * thanks" (`claimsPaid`, without its "did it come?", "проверьте", "please check"): news, where the
 * bot has the payment confirmed already (the caller's to know). "Оплатила, проверьте" asks.
 */
export function saysPaid(text: string): boolean {
  return (
    claimsPaid(text) && !QUESTION_MARK.test(text) && !words(text).some((w) => RECEIVED.test(w) || ASKS_A_CHECK.test(w))
  )
}
/** A claim's words that ask the team to look: "проверьте", "please check". */
const ASKS_A_CHECK = /^(?:проверьте|посмотрите|пожалуйста|check|please)$/u

/**
 * Something the client will send, said and nothing else: "тексты пришлю вечером", "скину завтра",
 * «фото отправлю в понедельник», «остальное дошлю после обеда», "I'll send the texts tonight",
 * "will email the photos tomorrow", "I'm sending the logo now". A verb of their own sending — in
 * English after an "I'll", a "we will", an "I'm" ("send me the brief" asks for it; "you'll send"
 * is someone else's) — what they send, when, and a thanks or an "ok" with it: a word of anything
 * else ("пришлю, если успею", "скину, посмотрите", "не пришлю", "пришлю, но вы опять…") makes it
 * the team's to read.
 */
export function promisesToSend(text: string): boolean {
  if (QUESTION_MARK.test(text)) return false
  const said = words(text)
  if (said.length > 12) return false
  const sends = said.some((w, i) => OWN_SENDING.test(w) || (SENDING_EN.test(w) && ownSending(said, i)))
  return (
    sends &&
    said.every(
      (w) =>
        OWN_SENDING.test(w) ||
        SENDING_EN.test(w) ||
        AROUND_SENDING.has(w) ||
        SENT_THING.test(w) ||
        weekdayWord(w) !== undefined,
    )
  )
}
/** "Пришлю", "скину", "отправлю", "дошлём", "отправляю", "напишу": the client's own, by the verb's form. */
const OWN_SENDING =
  /^(?:пришлю|пришлем|скину|скинем|кину|закину|закинем|отправлю|отправим|вышлю|вышлем|перешлю|перешлем|дошлю|дошлем|передам|передадим|загружу|загрузим|сброшу|сбросим|напишу|напишем|отправляю|скидываю|высылаю|пересылаю|загружаю)$/u
/** The English verbs of sending: the client's only with their "I'll", "I'm" (`ownSending`). */
const SENDING_EN = /^(?:send|sending|email|emailing|upload|uploading|forward|forwarding|share|sharing)$/u
/**
 * Whether the English verb at `at` is the client's own sending: after "I'll", "we will", "I'm",
 * "I'm going to", "gonna" (or "will", "sending" with no one named: "will send tonight", "sending
 * now"); not an order ("send me the brief") or someone else's ("you'll send", "can you send").
 */
function ownSending(said: readonly string[], at: number): boolean {
  const verb = said[at] as string
  let k = at - 1
  // The helpers before it: "ll", "will", "gonna", "m", "re", "be", "going to"
  const helpers: string[] = []
  while (k >= 0 && /^(?:ll|will|gonna|m|re|be|going|to)$/.test(said[k] as string)) helpers.push(said[k--] as string)
  const who = said[k]
  const mine = who === undefined || who === 'i' || who === 'we' || !PERSON.test(who)
  if (!mine) return false
  if (verb.endsWith('ing')) return helpers.length === 0 || helpers.some((h) => h === 'm' || h === 're' || h === 'be')
  // The bare verb is an order unless a future is said with it
  return helpers.some((h) => h === 'll' || h === 'will' || h === 'gonna' || h === 'to')
}
/** Who may be said to do something: one not "I" or "we" sends nothing of the client's. */
const PERSON = /^(?:i|we|you|they|he|she|it|u|someone|somebody|can|could|would|please|pls|plz|and)$/u
/** What a client sends: texts, photos, the logo, files, the brief; the rest, it, them. */
const SENT_THING =
  /^(?:текст[ыа]?|фото|фотк[иу]|фотографи[июя]|картинк[иу]|изображени[яе]|логотип|лого|материал[ыа]?|файл[ыа]?|файлик[и]?|документ[ыа]?|доки|договор|макет[ыа]?|правки|комментари[ия]|бриф|тз|анкет[уа]|ссылк[уи]|доступ[ыа]?|видео|чек|чеки|квитанци[июя]|скрин|скрины|скриншот[ыа]?|пример[ыа]?|отзыв[ыа]?|описани[ея]|контент|инфу|информацию|данные|остальное|остальные|оставшиеся|его|ее|их|это|список|прайс|презентаци[юя]|каталог|texts?|copy|photos?|pics?|pictures?|images?|logo|files?|documents?|docs?|contract|brief|content|details|info|information|links?|access|logins?|receipts?|screenshots?|feedback|comments|edits|notes|examples?|samples?|materials|assets|menu|it|them|everything|rest)$/u
/** The words a sending is said with: who, to whom, when, what part, a thanks, an "ok". */
const AROUND_SENDING = new Set([
  ...['я', 'мы', 'а', 'и', 'еще', 'тоже', 'также', 'ок', 'окей', 'хорошо', 'ладно', 'да', 'тогда', 'вам'],
  ...THANKS_WORDS,
  ...['сама', 'сам', 'мои', 'свои', 'наши', 'все', 'весь', 'вечером', 'утром', 'днем', 'ночью', 'сегодня', 'завтра'],
  ...['послезавтра', 'позже', 'попозже', 'потом', 'чуть', 'скоро', 'сейчас', 'на', 'этой', 'неделе', 'следующей'],
  ...['в', 'во', 'до', 'конца', 'дня', 'недели', 'через', 'час', 'пару', 'часов', 'минут', 'выходных', 'после'],
  ...['обеда', 'полчаса', 'часа', 'обязательно', 'почту', 'почте', 'сюда', 'здесь', 'чат', 'телеграм'],
  ...['i', 'll', 'will', 'we', 'gonna', 'going', 'to', 'm', 're', 'be', 'also', 'too', 'and', 'ok', 'okay', 'sure'],
  ...['yes', 'yeah', 'thanks', 'then', 'you', 'the', 'my', 'our', 'all', 'over', 'across', 'tonight', 'today'],
  ...['tomorrow', 'later', 'soon', 'shortly', 'this', 'evening', 'morning', 'afternoon', 'in', 'an', 'a', 'hour'],
  ...['hours', 'couple', 'of', 'on', 'by', 'end', 'day', 'week', 'next', 'weekend', 'after', 'lunch', 'asap', 'now'],
  ...['right', 'away', 'first', 'thing', 'here', 'email', 'rest'],
])

/**
 * Something the client received, said and nothing else: «получила посылку», «посылка пришла», «всё
 * дошло, спасибо», «заказ забрала», "got the parcel", "the package arrived today". A verb of it
 * arriving, what came, when, and the words it is said with: a "не" («не получила»), a "but", a
 * word of anything else («получила, но коробка мятая», «пришла не та посылка») or a "?" is the
 * team's to read.
 */
export function saysReceived(text: string): boolean {
  if (QUESTION_MARK.test(text)) return false
  const said = words(text)
  if (said.length > 10 || !said.some((w) => RECEIVED_NEWS.test(w))) return false
  return said.every((w) => RECEIVED_NEWS.test(w) || RECEIVED_THING.test(w) || AROUND_RECEIVING.has(w))
}
/** It came: "получила", "пришла", "дошло", "доставили", "забрала", "привёз", "received", "arrived". */
const RECEIVED_NEWS =
  /^(?:получил[аи]?|получено|пришл[аио]|пришел|дошл[аио]|дошел|доставили|доставлен[аоы]?|забрал[аи]?|привезли|привез(?:ла)?|received|arrived|came|got|delivered|picked)$/u
/** What comes to a client: the parcel, the order, the goods, a box, the delivery, it, all of it. */
const RECEIVED_THING =
  /^(?:посылк[уаи]|заказ[ы]?|товар[ы]?|коробк[уаи]|пакет|доставк[уа]|покупк[уи]|все|его|ее|их|это|parcel|package|order|delivery|box|goods|items?|it|everything)$/u
/** The words a receipt is said with: who, when, a thanks, an "ok", "in one piece". */
const AROUND_RECEIVING = new Set([
  ...['я', 'мы', 'уже', 'сегодня', 'вчера', 'только', 'что', 'наконец', 'ок', 'окей', 'все', 'вот'],
  ...THANKS_WORDS,
  ...['в', 'целости', 'сохранности', 'курьер', 'ваш', 'ваша', 'вашу', 'ваши', 'мой', 'моя', 'мою', 'мои', 'и'],
  ...['i', 've', 'we', 'have', 'just', 'the', 'my', 'your', 'today', 'yesterday', 'finally', 'thanks', 'thank'],
  ...['you', 'ok', 'okay', 'up', 'safely', 'all', 'in', 'one', 'piece', 'has', 'and'],
])

/**
 * A review the client says they left, and nothing else: «оставила отзыв», «Оставил отзыв на
 * Яндексе», «написал отзыв, как просили», "left you a review", "posted a review on Google". A verb
 * of it done, the review, where, and the words it is said with: a "не" («не получается оставить
 * отзыв»), a "?" or a word of anything else is the team's to read.
 */
export function saysReviewLeft(text: string): boolean {
  if (QUESTION_MARK.test(text)) return false
  const said = words(text)
  if (said.length > 10 || !said.some((w) => REVIEW_LEFT.test(w)) || !said.some((w) => REVIEW.test(w))) return false
  return said.every((w) => REVIEW_LEFT.test(w) || REVIEW.test(w) || REVIEW_SITE.test(w) || AROUND_REVIEW.has(w))
}
/** It is done: "оставила", "написал", "опубликовали", "left", "posted". */
const REVIEW_LEFT = /^(?:оставил[аи]?|написал[аи]?|опубликовал[аи]?|left|wrote|posted|written)$/u
const REVIEW = /^(?:отзыв|отзывы|отзывчик|review|reviews|feedback)$/u
/** Where a review is left: the maps and sites clients name (2ГИС is read as its letters). */
const REVIEW_SITE =
  /^(?:яндекс\p{L}*|гугл\p{L}*|google|yandex|карт\p{L}*|maps?|гис|gis|авито|avito|отзовик\p{L}*|сайте|site|trustpilot|tripadvisor|facebook)$/u
const AROUND_REVIEW = new Set([
  ...['я', 'мы', 'уже', 'вам', 'вас', 'на', 'в', 'о', 'об', 'про', 'вот', 'только', 'что', 'ок', 'все', 'и', 'тоже'],
  ...['как', 'просили', 'хороший', 'отличный', ...THANKS_WORDS, ...THANKS_SAID_WITH],
  ...['i', 've', 'we', 'have', 'just', 'already', 'you', 'a', 'an', 'the', 'on', 'for', 'your', 'ok', 'thanks'],
  ...['thank', 'as', 'asked', 'and', 'also', 'too', 'great', 'good', 'nice'],
])

/**
 * The client asking the bot to write no more ("хватит уже писать", «больше такое не присылайте»,
 * «не пишите мне больше», "please stop sending these"), alone or with parts (as `onlyTells` divides
 * them) that only acknowledge (`acknowledges`: a thanks, an "ok"), say all is well («всё
 * нормально»: `isSolvedYes`) or decline the review («отзывы не пишу», "I don't do reviews"). A stop
 * is read as /stop reads one (`isPlainStop`), "such" and "these" («такое», "these") being what it is
 * of. Under a follow-up it is one of those the client wants no more of. A "?" or a part of anything
 * else («хватит писать, лучше перезвоните») is the team's to read.
 */
export function asksToStopWriting(
  text: string,
  { acknowledges }: { acknowledges: (part: string) => boolean },
): boolean {
  if (QUESTION_MARK.test(text)) return false
  const parts = toldParts(text)
  if (parts.length === 0 || parts.length > 5) return false
  let stops = false
  for (const part of parts) {
    const said = splitWords(part)
    if (isPlainStop(said.filter((w) => !THESE.test(w)).join(' '))) stops = true
    else if (!acknowledges(part) && !isSolvedYes(part) && !declinesReview(said)) return false
  }
  return stops
}
/** What a stop is of, said with it: «такое», «подобное», "these", "such messages". */
const THESE = /^(?:такое|такие|такого|таких|подобное|подобного|это|эти|этого|этих|these|this|those|such|them|that)$/u
/** Words a review is declined with: «отзывы не пишу», «отзыв оставлять не буду», "I don't do reviews". */
const DECLINING_REVIEW = new Set([
  ...['я', 'мы', 'пишу', 'пишем', 'писать', 'оставляю', 'оставляем', 'оставлять', 'буду', 'будем', 'вообще'],
  ...['i', 'we', 'do', 'write', 'leave', 'don', 'won', 'really'],
])
function declinesReview(said: readonly string[]): boolean {
  return (
    said.length <= 6 &&
    said.some((w) => REVIEW.test(w)) &&
    said.some((w) => REFUSING.test(w)) &&
    said.every((w) => REVIEW.test(w) || REFUSING.test(w) || DECLINING_REVIEW.has(w))
  )
}

/**
 * A message that only tells the team something, and asks nothing: each of its parts (between
 * sentence marks, commas and emoji) a sending promised (`promisesToSend`: "тексты пришлю вечером"),
 * something received (`saysReceived`: «получила посылку»), a review said left (`saysReviewLeft`:
 * «оставила отзыв на Яндексе»), a payment said done (`saysPaid`) where
 * `paidKnown` says the bot has it confirmed already, or a part that `acknowledges` (a thanks, an
 * "ok", a 👍) — at least one of them news: "Оплатила! Тексты пришлю вечером", "скину завтра,
 * спасибо", "I'll send the texts tonight 🙏". Anything with a "?", or a part of anything else (a
 * request, a complaint, a question typed without its mark), waits for the team's answer: a missed
 * question costs more than an apology nobody needed.
 */
export function onlyTells(
  text: string,
  { acknowledges, paidKnown }: { acknowledges: (part: string) => boolean; paidKnown: () => boolean },
): boolean {
  if (QUESTION_MARK.test(text)) return false
  // No word of sending, of a payment made or of something come: most messages end here (a relay's every text is asked)
  if (
    !words(text).some(
      (w) => OWN_SENDING.test(w) || SENDING_EN.test(w) || PAID.test(w) || RECEIVED_NEWS.test(w) || REVIEW_LEFT.test(w),
    )
  ) {
    return false
  }
  // (A part the emoji's group did not take is undefined: `split` gives each group's capture)
  const parts = (text.split(TOLD_APART) as (string | undefined)[])
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '' && !/^[,.;!…]+$/u.test(part))
  if (parts.length === 0 || parts.length > 6) return false
  let news = false
  for (const part of parts) {
    if (promisesToSend(part) || saysReceived(part) || saysReviewLeft(part) || (saysPaid(part) && paidKnown()))
      news = true
    else if (!acknowledges(part)) return false
  }
  return news
}
/** Where a message's parts divide: a sentence's mark or a comma before a space or the end, a line, emoji (kept as a part). */
const TOLD_APART = /[,.;!…]+(?=\s|$)|\n+|((?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D})+)/u

/** A message's parts as `onlyTells` reads them (between sentence marks, commas, lines and emoji), the empty ones left out. */
function toldParts(text: string): string[] {
  // (A part the emoji's group did not take is undefined: `split` gives each group's capture)
  return (text.split(TOLD_APART) as (string | undefined)[])
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '' && !/^[,.;!…]+$/u.test(part))
}

/**
 * The client's word that what they asked is settled, by themselves: «разобрался», «всё, разобралась,
 * спасибо», «сама нашла», «нашёл, спасибо», «уже не нужно», «уже не актуально», «вопрос снят»,
 * «забейте», "never mind, found it", "figured it out, thanks", "sorted it myself", "no longer
 * needed". Each part (as `onlyTells` divides them) such words or one that `acknowledges` (a thanks,
 * an "ok", a 🙏), at least one of them settling. A "не" of their own («не разобралась», «не нашла»),
 * a "?", or a word of anything else («разобралась, а доставка когда?», «нашла ошибку на сайте»,
 * «уже не нужно звонить») is the team's to read: a wait ended wrongly leaves a question unseen.
 */
export function settlesItself(text: string, { acknowledges }: { acknowledges: (part: string) => boolean }): boolean {
  if (QUESTION_MARK.test(text)) return false
  const parts = toldParts(text)
  if (parts.length === 0 || parts.length > 4) return false
  let settles = false
  for (const part of parts) {
    if (settlingPart(part)) settles = true
    else if (!acknowledges(part)) return false
  }
  return settles
}
/** The phrases that settle it, among a part's words joined by single spaces (`words`: "ё" read as "е"). */
const SETTLING =
  / (?:разобрал(?:ся|ась|ись)|нашел|нашла|нашли|нашлось|уже не (?:нужно|надо|актуально)|(?:уже )?не ?актуально|вопрос снят|вопрос отпал|вопрос закрыт|отбой|забейте|неважно|never ?mind|nvm|figured it out|worked it out|found it|sorted it|all sorted|got it sorted|no longer needed|not needed anymore|don t need it anymore) /u
/** The words settling is said with: who, "already", "all", "myself", "now", "ok", a thanks. */
const AROUND_SETTLING = new Set([
  ...['я', 'мы', 'уже', 'все', 'сам', 'сама', 'сами', 'ой', 'а', 'ок', 'окей', 'хорошо', 'ладно'],
  ...THANKS_WORDS,
  ...['тогда', 'извините', 'простите', 'вопрос', 'сорри', 'нормально', 'ответ', 'так', 'вот'],
  ...['i', 'we', 've', 'already', 'myself', 'ourselves', 'now', 'ok', 'okay', 'oh', 'sorry', 'thanks', 'thank'],
  ...['you', 'all', 'good', 'so', 'out', 'it', 'actually', 'anyway', 'then'],
])
function settlingPart(part: string): boolean {
  const said = words(part)
  if (said.length === 0 || said.length > 8) return false
  const joined = ` ${said.join(' ')} `
  const match = SETTLING.exec(joined)
  if (!match) return false
  // Their own "не" before it ("не разобралась", "я так и не нашла"): nothing settled
  if (
    joined
      .slice(0, match.index + 1)
      .trim()
      .split(' ')
      .includes('не')
  )
    return false
  const rest = `${joined.slice(0, match.index)} ${joined.slice(match.index + match[0].length)}`.trim()
  return rest === '' || rest.split(/\s+/).every((w) => AROUND_SETTLING.has(w))
}

/**
 * What the client may do themselves that answers `text`, a message of theirs to the team
 * (docs/managers.md, "What makes a client waiting"): `call` when it asks about a call — when, at
 * what time, to call them back, on which clock («а время звонка по Москве?», «когда позвоните?»,
 * «перезвоните мне завтра после 15», "what time will you call?") — which their booking or moving
 * one answers; `zone` when it asks about the time zone alone («время по Москве?», «какой у вас
 * часовой пояс?», "is that Moscow time?"), or a call's time on a clock («а время звонка по Москве?»:
 * both) — which their setting their zone answers (not a call asked for on a clock, «позвоните
 * завтра в 15 по Москве»: only a call answers that). Nothing for anything else: every word of it
 * must be of a call, a time, a zone or how such a question is asked — «а время звонка по Москве и
 * сколько стоит сайт?» asks more than either answers. Conservative on purpose: a wait ended wrongly
 * leaves a question nobody sees.
 */
export function settledBy(text: string): ('call' | 'zone')[] {
  const said = words(text)
  if (said.length === 0 || said.length > 14) return []
  const joined = ` ${said.join(' ')} `
  const zone = said.some((w) => ZONE_WORD.test(w)) || ZONE_SAID.test(joined)
  const call = said.some((w) => CALL_WORD_ANY.test(w))
  if (!zone && !call) return []
  const known = said.every(
    (w) =>
      CALL_WORD_ANY.test(w) ||
      ZONE_WORD.test(w) ||
      ABOUT_A_CALL.has(w) ||
      weekdayWord(w) !== undefined ||
      monthIn(w) !== undefined,
  )
  if (!known) return []
  // A call asked for, or wanted, on some clock: only a call answers it
  const wantsOne = asksForACall(text) || said.some((w) => WANTING_WORD.test(w))
  return [...(call ? (['call'] as const) : []), ...(zone && !(call && wantsOne) ? (['zone'] as const) : [])]
}
/** A call: "звонок", "позвоните", "перезвоните", "созвон", "наберите", "call", "ring". */
const CALL_WORD_ANY =
  /^(?:(?:по|пере|со)?звон\p{L}*|набер\p{L}*|набрать|звякн\p{L}*|call|calls|calling|callback|ring|phone)$/u
/** A time zone named: Moscow's, "мск", "пояс", UTC, "local". */
const ZONE_WORD =
  /^(?:москв\p{L}*|московск\p{L}*|мск|msk|moscow|пояс\p{L}*|часов(?:ой|ого|ому|ым)|utc|gmt|zone|zones|timezone|местн\p{L}*|local)$/u
/** A clock said as whose: «по вашему времени», «по какому времени», "your time", "my time". */
const ZONE_SAID = / (?:по (?:вашему|моему|нашему|какому|чьему|своему) времени|(?:your|my|our|whose) time) /u
/** How a question about a call's time is asked, and when: the rest of such a question's words. */
const ABOUT_A_CALL = new Set([
  ...['а', 'и', 'или', 'ли', 'же', 'то', 'это', 'вот', 'так', 'уже', 'еще', 'в', 'во', 'на', 'по', 'с', 'к', 'у'],
  ...['до', 'после', 'через', 'около', 'примерно', 'когда', 'сколько', 'какое', 'какой', 'каком', 'какому'],
  ...['время', 'времени', 'час', 'часа', 'часов', 'минут', 'утром', 'утра', 'днем', 'дня', 'вечером', 'вечера'],
  ...['сегодня', 'завтра', 'послезавтра', 'вы', 'вас', 'вам', 'я', 'мне', 'меня', 'мы', 'нам', 'нас', 'мой'],
  ...['моему', 'ваш', 'вашему', 'наш', 'нашему', 'будет', 'будете', 'будут', 'можно', 'подскажите', 'скажите'],
  ...['уточните', 'пожалуйста', 'здравствуйте', 'добрый', 'день', 'привет', 'указано', 'указан', 'написано'],
  ...['точно', 'назначен', 'назначено', 'записан', 'записана', 'запись', 'записаться', 'запишите', 'удобно'],
  ...['удобнее', 'лучше', 'обеда', 'числа', 'число', 'хочу', 'хотела', 'хотел', 'нужно', 'надо', 'мне', 'давайте'],
  ...['what', 'when', 'which', 'time', 'times', 'is', 'are', 'the', 'a', 'an', 'at', 'in', 'on', 'by', 'it'],
  ...['will', 'you', 'be', 'your', 'my', 'our', 'we', 'i', 'me', 'us', 'can', 'could', 'would', 'please'],
  ...['today', 'tomorrow', 'am', 'pm', 'morning', 'afternoon', 'evening', 'o', 'clock', 'hi', 'hello', 'so'],
  ...['then', 'that', 'this', 'for', 'to', 'of', 'do', 'does', 'back', 'me', 'book', 'schedule', 'want', 'like'],
  ...['after', 'before', 'around', 'about'],
])
/** Words that want something done (a call), not ask when: «можно», «хочу», «запишите», "can you", "please". */
const WANTING_WORD =
  /^(?:можно|хочу|хотела|хотел|нужно|надо|давайте|запишите|записаться|can|could|would|please|book|schedule|want|like)$/u

/**
 * The invoice number a client's message names ("оплатил счёт №3", "paid invoice #3", «по счёту
 * 3 перевела»), undefined when none: a bare sum ("перевела 1250,50") names none.
 */
export function invoiceNumberNamed(text: string): number | undefined {
  const named = /(?:№|#|сч[её]т\p{L}*\s*(?:№|#|n|no\.?)?|invoice\s*(?:№|#|no\.?)?)\s*(\d{1,7})(?![\d.,]?\d)/iu.exec(
    text,
  )
  return named?.[1] === undefined ? undefined : Number(named[1])
}

/**
 * Where a refund is named among `said` (words): "refund", the money "back" ("my money back", "the
 * deposit back"), money returned ("return the payment"), «вернуть деньги», «верните оплату»,
 * «вернёте предоплату», «возврат»: the index of its first word; -1 when nowhere.
 */
function refundAt(said: readonly string[]): number {
  return said.findIndex(
    (w, i) =>
      REFUND_WORD.test(w) ||
      (RETURNING.test(w) && said.slice(i + 1, i + 4).some((next) => MONEY_PAID.test(next))) ||
      (MONEY_PAID.test(w) && said[i + 1] === 'back'),
  )
}
const REFUND_WORD = /^(?:refund|refunds|refunded|возврат|возврата|возвратом)$/u
const RETURNING = /^(?:return|returned|вернуть|верните|вернете|вернешь|возвратить|возвратите)$/u
const MONEY_PAID =
  /^(?:money|payment|deposit|prepayment|cash|деньги|денег|оплату|оплата|предоплату|предоплата|аванс|платеж|средства|средств)$/u

/** Words that name a refund, and nothing else of a complaint: "refund", "money back", «верните деньги». */
export function namesARefund(text: string): boolean {
  return refundAt(words(text)) >= 0
}

/**
 * The money asked back politely: a refund named (`namesARefund`) with a word that asks for it — a
 * may-I, a wish to, a please, a question ("can I get my money back?", "could we get a refund",
 * "I'd like a refund, please", «можно вернуть деньги?», «хочу вернуть оплату», «верните,
 * пожалуйста, предоплату»). Not one refused ("I don't want a refund", «не нужен возврат»), nor
 * one demanded ("I want my money back", «верните деньги»): those stay the content's trigger words.
 * Whether the message also complains is the caller's to read (`refundAsked`).
 */
export function asksForRefund(text: string): boolean {
  const said = words(text)
  const at = refundAt(said)
  if (at < 0) return false
  // "не могли бы вы вернуть…" asks; "не нужен возврат", "don't want a refund" refuse
  const from = Math.max(0, at - 3)
  const refused = said.slice(from, at).some((w, k) => REFUSING.test(w) && !MAY.test(said[from + k + 1] ?? ''))
  if (refused) return false
  const wishTo = said.some((w, i) => (w === 'want' || w === 'like') && said[i + 1] === 'to')
  // A question naming only a refund asks about one: «Какие у вас условия возврата?», "Do you offer
  // refunds?", "Did the refund go through?" — the money asked back ("…my money back?") asks for it,
  // in the question itself: beside another («Это развод? Верните деньги!») it is demanded
  const moneyBack = said.some((w, i) => RETURNING.test(w) || (w === 'back' && MONEY_PAID.test(said[i - 1] ?? '')))
  const askedBack = text.split(SENTENCES).some((s) => /[?？]/u.test(s) && refundAt(splitWords(s)) >= 0)
  return (moneyBack && askedBack) || wishTo || said.some((w) => ASKING_BACK.test(w))
}
const MAY = /^(?:могли|можете|could)$/u
/** Where a text's sentences part: after a sentence's mark and a space, or at a line break. */
const SENTENCES = /(?<=[.!?？¿])\s+|\n+/u
/** Words that ask for a refund: may I, I would like, please, how; «можно», «хочу», «пожалуйста». */
const ASKING_BACK =
  /^(?:can|could|may|possible|would|d|please|pls|plz|how|можно|могу|могли|можете|возможно|хочу|хотел\p{L}*|хотим|пожалуйста|подскажите|как|оформить)$/u

/**
 * The client asking about their own call: when it is ("когда мой звонок?", "вы мне когда звоните
 * сегодня или в четверг", "во сколько вы позвоните", "when is my call?", "what time are you calling
 * me"), their calls named alone ("мои звонки", "my call"), or whether it took place ("вы мне звонили
 * или нет", "did you call me?": `past`). `only` when nothing else is said beside it — a greeting, an
 * "I forgot", the days they think it is on, a please ("доброе утро я что то забыла вы мне когда
 * звоните…"): with more ("когда мой звонок? и сколько стоит доставка") the rest is the team's. Not a
 * time asked for a call of their own making ("когда можно позвонить?", "when can I call you?"), nor
 * a why or an if ("почему вы не позвонили?", "if you call when I'm out").
 */
export function asksAboutOwnCall(text: string): { past: boolean; only: boolean } | undefined {
  let asked: { past: boolean } | undefined
  let only = true
  for (const sentence of text.split(SENTENCES)) {
    const said = withoutKisses(splitWords(sentence))
    if (said.length === 0) continue
    const here = ownCallAsked(said, QUESTION_MARK.test(sentence))
    if (here !== undefined && (asked === undefined || here.past)) asked = here
    // A sentence of its own that asks nothing more: a greeting, a thanks, an "I forgot"
    if (!said.every((w) => AROUND_OWN_CALL.has(w) || OWN_CALL_WORD.test(w) || weekdayWord(w) !== undefined)) {
      only = false
    }
  }
  return asked === undefined ? undefined : { ...asked, only }
}
/** The call named: "звонок", "созвон", "call", "booking". */
const CALL_NOUN = /^(?:звонок|звонка|звонку|звонки|звонков|созвон|созвона|call|calls|callback|booking|bookings)$/
/** The team calling, said of them ("вы позвоните", "позвонят", "наберёте"). */
const THEY_CALL = /^(?:звоните|позвоните|перезвоните|позвонят|позвонит|перезвонят|перезвонит|звонят|наберете)$/
/** Calling, said without who ("звонить", "call"): the team's only with "вы" or "you" ("когда вы будете звонить"). */
const CALLING = /^(?:звонить|позвонить|перезвонить|call|calling|ring)$/
/** The call that was to be, asked of in the past ("звонили", "called"). */
const CALLED = /^(?:звонили|позвонили|перезванивали|перезвонили|звонил|звонила|called|rang)$/
/** Every word that names the call, in the tables above: what `only` lets a question be made of. */
const OWN_CALL_WORD = new RegExp(`${CALL_NOUN.source}|${THEY_CALL.source}|${CALLING.source}|${CALLED.source}`)
/** A time of their own to call asked for: "когда можно позвонить", "when can I call". */
const MAY_I = /^(?:можно|могу|удобно|удобнее|i)$/
const NOT_OF_THE_CALL = /^(?:почему|зачем|отчего|why|если|if)$/
/** The words a question about one's call is made of beside the call itself. */
const AROUND_OWN_CALL = new Set([
  ...['когда', 'во', 'сколько', 'в', 'на', 'какое', 'какой', 'какого', 'время', 'день', 'числа', 'число'],
  ...['вы', 'вам', 'мне', 'меня', 'мой', 'моя', 'мои', 'моего', 'у', 'нас', 'будет', 'будете', 'будут', 'это'],
  ...['сегодня', 'завтра', 'послезавтра', 'утром', 'днем', 'вечером', 'или', 'нет', 'ли', 'а', 'так', 'же'],
  ...['подскажите', 'скажите', 'напомните', 'уточните', 'пожалуйста', 'я', 'что', 'то', 'забыла', 'забыл'],
  ...['не', 'помню', 'запамятовала', 'уточнить', 'хотела', 'хотел', 'мы', 'договаривались', 'все', 'таки'],
  ...['доброе', 'добрый', 'утро', 'день', 'вечер', 'здравствуйте', 'привет', 'извините', 'ой'],
  ...THANKS_WORDS,
  ...['when', 'what', 'time', 'day', 'is', 's', 'my', 'the', 'are', 'you', 'going', 'to', 'me', 'will', 'be'],
  ...['please', 'remind', 'again', 'do', 'does', 'did', 'have', 'has', 'i', 'a', 'for', 'at', 'on', 'it'],
  ...['today', 'tomorrow', 'or', 'not', 'was', 'sorry', 'forgot', 'hi', 'hello', 'good', 'morning', 'thanks'],
])
function ownCallAsked(said: readonly string[], mark: boolean): { past: boolean } | undefined {
  if (said.some((w) => NOT_OF_THE_CALL.test(w))) return undefined
  if (said.some((w, i) => MAY_I.test(w) && CALLING.test(said[i + 1] ?? ''))) return undefined
  const has = (w: string) => said.includes(w)
  const after = (w: string, before: string) => said.some((x, i) => x === w && said[i - 1] === before)
  // Whether it took place: asked so ("?", "ли", "или нет", "did you")
  if (said.some((w) => CALLED.test(w)) || (has('did') && said.some((w) => CALLING.test(w)))) {
    const asking = mark || has('ли') || after('нет', 'или') || has('did') || has('have') || has('has')
    return asking ? { past: true } : undefined
  }
  // When: its first word's place ("во" of "во сколько")
  const when = said.findIndex(
    (w, i) =>
      w === 'когда' ||
      w === 'when' ||
      (w === 'во' && said[i + 1] === 'сколько') ||
      (w === 'какое' && said[i + 1] === 'время') ||
      (w === 'what' && /^(?:time|day)$/.test(said[i + 1] ?? '')) ||
      (w === 'какого' && said[i + 1] === 'числа'),
  )
  const theirs = has('вы') || has('you')
  // The call named anywhere ("звонок когда?"); the team's calling after the "when" only: "позвоните,
  // когда сможете" asks to be called when they can
  const call = said.some(
    (w, i) => CALL_NOUN.test(w) || (i > when && (THEY_CALL.test(w) || (CALLING.test(w) && theirs))),
  )
  if (when >= 0 && call) return { past: false }
  // "мои звонки", "my call": alone (a "please" aside), or asked
  const mine = said.some((w, i) => /^(?:мой|мои|my)$/.test(w) && CALL_NOUN.test(said[i + 1] ?? ''))
  const alone = said.every((w) => AROUND_OWN_CALL.has(w) || CALL_NOUN.test(w))
  return mine && (mark || alone) ? { past: false } : undefined
}
