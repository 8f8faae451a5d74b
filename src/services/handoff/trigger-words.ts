/**
 * The content's trigger words (`handoff.trigger_words`: distrust, a complaint, rudeness) in a
 * client's message — those said as one. The same word said of what is not so («вы ведь не
 * мошенники?», «жалоб нет», "I was not ignored") or of what the client fears meeting («боюсь
 * мошенников», «как не нарваться на обман?», "worried about scams") is a worry or a remark, not a
 * complaint: «вы не мошенники?» brought the owners "📣 the client complains" and the request opened
 * as a complaint of fraud, for a client asking to be reassured before they order. Said of the
 * business ("вы мошенники!"), demanded ("не игнорируйте меня!", "please don't be rude") or feared
 * of what happened already ("боюсь, что меня обманули") it is one still. A question whether this
 * is so («это развод?», "is this a scam?") is a worry asked too, not an accusation: the client is
 * answered as any question asks, and a complaint beside it («это развод? верните деньги!», "is this
 * a scam? I want a refund") still is one by its own words — as is the question from a client who
 * says they paid already («Я оплатил, а сайта нет. Это обман?»). So is the word naming a policy asked
 * about ("what is your refund policy?", «какие условия возврата?»): the rule, not a grievance.
 */
import { splitWords } from '../../text.ts'

/** Escapes a word for a RegExp; spaces inside a phrase match any whitespace. */
function phrasePattern(phrase: string): string {
  // A trailing * takes any ending ("игнорир*": "игнорируете", "игнорировали"): Russian changes a
  // word's ending with its person and case, and a list of every form was never complete
  const trimmed = phrase.trim()
  const stem = trimmed.endsWith('*') ? trimmed.slice(0, -1).trimEnd() : trimmed
  const pattern = stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')
  return stem === trimmed ? pattern : `${pattern}[\\p{L}\\p{N}_]*`
}

/** Whole-word, case-insensitive matcher over every language's trigger words. */
export function compileTriggers(words: Record<string, string[]>): RegExp | undefined {
  const all = [...new Set(Object.values(words).flat())].filter((w) => w.trim() !== '')
  if (all.length === 0) return undefined
  // Longest first, so "верните деньги" wins over a shorter word inside it
  const alternatives = all.sort((a, b) => b.length - a.length).map(phrasePattern)
  return new RegExp(`(?<![\\p{L}\\p{N}_])(${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'giu')
}

/** Every trigger word (`re`: `compileTriggers`) `text` says as one, in order (`notMeant`: not those). */
export function triggerWordsIn(re: RegExp, text: string): string[] {
  return [...text.matchAll(re)].flatMap((m) => {
    const word = m[1]
    return word === undefined || notMeant(text, m.index, m.index + m[0].length) ? [] : [word]
  })
}

/** Where a clause ends: a sentence's mark, a comma, a dash between words, a bracket, a line break. */
const CLAUSE_MARK = /[.!?…？！,;:()\n]|\s[-–—]\s|[–—]/gu
/** The marks that end a sentence. */
const SENTENCE_END = /[.!?…？！\n]+/u

/**
 * Words that may stand between a trigger word and what says it is not so or feared: articles,
 * prepositions, particles, "be", the client themselves ("не обманете меня?", "afraid of being
 * ignored"). Not "just", "only" («не только обманули, но и…» says more, not less).
 */
const FILLER =
  /^(?:a|an|the|some|any|such|these|those|of|about|for|to|into|by|with|on|be|being|been|me|us|же|ведь|уж|ли|какие|какой|какая|какое|каких|каким|какими|то|всяких|всякие|разных|таких|этих|на|от|с|со|о|об|из|за|в|во|к|у|для|будете|будет|будут|быть|меня|нас|мне|нам)$/u
/** Verbs of running into it: "не нарваться на обман", "not to fall for a scam" — avoided, not met. */
const RUNNING_INTO =
  /^(?:нарваться|нарвусь|нарвемся|попасть|попасться|попадусь|попадемся|наткнуться|столкнуться|связаться|связываться|стать|жертвой|fall|falling|get|getting|victim|victims)$/u
/** What negates the word: «не», «нет», «без», «никаких», "not", "no", "never", the "t" of "n't". */
const NEGATION = /^(?:не|ни|нет|без|никаких|никакого|никакой|никакие|not|no|never|t)$/u
/** Fear of it, or keeping away from it: «боюсь мошенников», "worried about scams", "how do I avoid fraud". */
const FEARING =
  /^(?:боюсь|боимся|боится|боятся|опасаюсь|опасаемся|опасается|остерегаюсь|страшно|боязно|переживаю|переживаем|беспокоюсь|волнуюсь|избежать|избегать|уберечься|защититься|afraid|scared|worried|worry|worrying|fear|fearful|wary|avoid|avoiding|beware|careful|cautious)$/u
/**
 * What a question whether this is so is made of before the word: "this", "it", «это» — the one
 * word it needs — asked with "is", «а», a "really" or «точно», and FILLER («это развод?», «а это
 * точно развод?», "is it really a scam?"). Not "you" ("are you scammers?", "did you scam me?"), nor
 * «что» («это что, развод?» is said to the business's face).
 */
const ASKED_OF_THIS = /^(?:это|this|it|that)$/u
const ASKING_WHETHER =
  /^(?:is|was|а|и|но|так|точно|правда|реально|действительно|случайно|вообще|really|actually|just|so|and|but|then|hi|hello|hey|здравствуйте|привет)$/u
/** A policy's noun right after the word ("refund policy", "refund terms"), or before it («условия возврата»). */
const POLICY_AFTER = /^(?:policy|policies|terms|rules|conditions)$/u
const POLICY_BEFORE = /^(?:условия|условиях|условий|правила|правилах|правил|политика|политике|политику|порядок)$/u
/** What says it is not so after the word: «жалоб нет», «обмана не было». */
const NONE_AFTER = /^(?:нет|не)$/u
const WAS_AFTER_NONE = /^(?:было|будет|бывает|бывало|нет)$/u
/** A Russian verb of asking someone to do it, or not: «не обманывайте», «не игнорируй». */
const RU_IMPERATIVE = /(?:те|й)$/u
/** Words before an English "don't" that keep it an imperative: "please don't be rude". */
const BEFORE_IMPERATIVE = /^(?:please|pls|plz|so|and|just)$/u

/** Whether `marks` end a question: "?" does; "?!" or "!" an exclamation («вы не мошенники?» asks, «мошенники?!» says). */
const asking = (marks: string): boolean => /[?？]/u.test(marks) && !/[!！]/u.test(marks)

/**
 * The text of the clause around [start, end): before it, after it, whether its sentence asks, and
 * whether the clause itself is the question («это развод?»; not «это развод, можно вернуть деньги?»).
 */
function clauseAround(
  text: string,
  start: number,
  end: number,
): { before: string; after: string; asks: boolean; clauseAsks: boolean } {
  let from = 0
  for (const mark of text.slice(0, start).matchAll(CLAUSE_MARK)) from = mark.index + mark[0].length
  const rest = text.slice(end)
  const cut = rest.search(CLAUSE_MARK)
  const sentenceMarks = SENTENCE_END.exec(rest)?.[0] ?? ''
  return {
    before: text.slice(from, start),
    after: cut < 0 ? rest : rest.slice(0, cut),
    asks: asking(sentenceMarks),
    clauseAsks: cut >= 0 && asking(/^[.!?…？！]*/u.exec(rest.slice(cut))?.[0] ?? ''),
  }
}

/**
 * Whether the trigger word at [start, end) of `text` is said of what is not so, or of what the
 * client fears or keeps away from, not as a complaint: right before it (past FILLER words) a
 * negation that asks nothing to stop («вы не мошенники?», «без обмана», "not a scam"), a negated
 * running into it («как не нарваться на обман»), or a fear of it («боюсь мошенников»); or a
 * «нет» right after it («жалоб нет»). A negation that asks the business to stop («не игнорируйте
 * меня!», "please don't be rude") is a complaint. Nor is it one asked whether this is so
 * (`askedWhetherSo`), or naming a policy ("refund policy", «условия возврата»).
 */
function notMeant(text: string, start: number, end: number): boolean {
  const { before, after, asks, clauseAsks } = clauseAround(text, start, end)
  const said = splitWords(before)
  if (clauseAsks && askedWhetherSo(said) && !paidAlready(text)) return true
  const [following] = splitWords(after)
  const preceding = said.at(-1)
  if (
    (following !== undefined && POLICY_AFTER.test(following)) ||
    (preceding !== undefined && POLICY_BEFORE.test(preceding))
  )
    return true
  let at = said.length - 1
  let runsInto = false
  for (; at >= 0; at--) {
    const word = said[at] as string
    if (RUNNING_INTO.test(word)) runsInto = true
    else if (!FILLER.test(word)) break
  }
  const lead = said[at]
  if (lead !== undefined && FEARING.test(lead)) return true
  if (lead !== undefined && NEGATION.test(lead)) return runsInto || !demanded(said, at, text.slice(start, end), asks)
  const [next, then] = splitWords(after)
  return (
    next !== undefined && NONE_AFTER.test(next) && (next === 'нет' || (then !== undefined && WAS_AFTER_NONE.test(then)))
  )
}

/**
 * The words `said` before a trigger word, in a clause that ends with "?", ask whether this is so: «это»,
 * "this" or "it" with nothing but ASKING_WHETHER and FILLER words beside it («это развод?», «а это
 * точно развод?», "is this a scam?", "hi, is it really a scam?").
 */
function askedWhetherSo(said: readonly string[]): boolean {
  return (
    said.some((w) => ASKED_OF_THIS.test(w)) &&
    said.every((w) => ASKED_OF_THIS.test(w) || ASKING_WHETHER.test(w) || FILLER.test(w))
  )
}

/**
 * The client says they have paid already («Я оплатил, а сайта нет. Это обман?», "I paid a week ago
 * and still nothing. Is this a scam?"): a question whether this is so after money gone says what
 * they think happened to it, not a worry before ordering — the owners hear it. A payment to come
 * ("хочу оплатить", "about to pay") asks still.
 */
function paidAlready(text: string): boolean {
  const said = splitWords(text)
  // "Sent" is of money only with money named ("I sent the money", "sent the deposit"): "I sent my
  // brief. Is this a scam?" asks about something else sent
  return said.some((w) => PAID_ALREADY.test(w) || (w === 'sent' && said.some((m) => MONEY.test(m))))
}
const PAID_ALREADY =
  /^(?:оплатил[аи]?|заплатил[аи]?|перевел[аи]?|перечислил[аи]?|внес(?:ла|ли)?|paid|transferred|charged)$/u
/** Money named beside a "sent". */
const MONEY = /^(?:money|payment|deposit|prepayment|funds|transfer|cash|rubles|roubles|dollars|euros|pounds)$/u

/**
 * The negation at `said[at]` asks the business to stop doing what `word` says: a Russian
 * imperative not asked as a question («не обманывайте!»; «не обманете?» is a worry), or an
 * English "don't"/"do not" opening the clause, a please before it at most ("please don't be rude").
 */
function demanded(said: readonly string[], at: number, word: string, asks: boolean): boolean {
  if (/\p{Script=Cyrillic}/u.test(word)) return !asks && RU_IMPERATIVE.test(splitWords(word).at(-1) ?? '')
  const negation = said[at]
  const auxiliary = negation === 't' ? said[at - 1] === 'don' : negation === 'not' && said[at - 1] === 'do'
  if (!auxiliary) return false
  const opening = at - 2
  return opening < 0 || BEFORE_IMPERATIVE.test(said[opening] as string)
}
