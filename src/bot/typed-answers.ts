/** A client's typed yes or no, where the bot asked a question with buttons. */
import { words } from '../text.ts'
import { typedScore } from './questions.ts'

/**
 * A yes typed instead of pressing a question's _Yes_ ("Вопрос решён?", the newsletter's): a
 * plain yes, its words all of a yes and thanks ("да", "ага, всё отлично", "yes, thanks"), and
 * no "?". Anything more ("да, но ещё вопрос", "Решено?", "да, вопрос") is words of its own.
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
  'yeah',
  'correct',
  'solved',
])
const YES_MORE = new Set([
  ...YES_FIRST,
  'пожалуйста',
  'please',
  'pls',
  'спасибо',
  'большое',
  'все',
  'хорошо',
  'отлично',
  'супер',
  'ок',
  'thanks',
  'thank',
  'you',
  'it',
  'is',
  'all',
  'good',
  'great',
  'ok',
])
export function isPlainYes(text: string): boolean {
  return plainAnswer(text, YES_FIRST, YES_MORE)
}

/** A no typed instead of pressed, as plain as `isPlainYes` ("нет", "нет, спасибо", "no thanks"). */
const NO_FIRST = new Set(['нет', 'неа', 'no', 'nope'])
const NO_MORE = new Set([...NO_FIRST, 'спасибо', 'не', 'надо', 'нужно', 'пока', 'thanks', 'thank', 'you', 'not', 'now'])
export function isPlainNo(text: string): boolean {
  return plainAnswer(text, NO_FIRST, NO_MORE)
}

/**
 * Words that begin with a no ("нет, ещё вопрос: …", "нет, не решён", "no, it still fails"): under
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
export function startsWithNo(text: string): boolean {
  const [head, next, ...more] = words(text)
  if (head === undefined || !NO_FIRST.has(head)) return false
  if (next === undefined) return true
  const rest = [next, ...more]
  const allWell = rest.some((w, i) => ALL_WELL.test(w) && rest[i - 1] !== 'не' && rest[i - 1] !== 'not')
  return !NO_THEN_NOTHING.has(next) && !allWell
}

/** No "?", the first word one of `first` and every other one of `more`. */
function plainAnswer(text: string, first: ReadonlySet<string>, more: ReadonlySet<string>): boolean {
  if (text.includes('?')) return false
  const [head, ...rest] = words(text)
  return head !== undefined && first.has(head) && rest.every((w) => more.has(w))
}

/**
 * "stop", «стоп», «отписаться», "unsubscribe", alone (with "please" or «меня» at most): the word
 * people answer an unwanted message with, typed instead of /stop. Not "stop the quiz" or
 * «стоп, я передумал»: those say more.
 */
const UNSUBSCRIBE_FIRST = new Set(['stop', 'стоп', 'unsubscribe', 'отписаться', 'отпишите', 'отписка'])
const UNSUBSCRIBE_MORE = new Set(['меня', 'пожалуйста', 'please', 'me'])
export function isPlainStop(text: string): boolean {
  return plainAnswer(text, UNSUBSCRIBE_FIRST, UNSUBSCRIBE_MORE)
}

/** A short answer that speaks of erasing ("yes delete everything", "удаляйте"), a question aside: under /forget's question. */
export function aboutErasing(text: string): boolean {
  const said = words(text)
  return !text.includes('?') && said.length <= 6 && said.some((w) => /^(удал|стер|стир|delet|eras|remov)/.test(w))
}

/**
 * Words that may answer one of the bot's questions instead of its buttons: a plain yes or no,
 * a score, or a word of erasing. Which question they answer, if any, is the handlers' to say.
 */
export function typedAnswerShaped(text: string): boolean {
  return isPlainYes(text) || isPlainNo(text) || typedScore(text) !== undefined || aboutErasing(text)
}
