import type { Conversation } from '@grammyjs/conversations'
import type { Message } from 'grammy/types'
import type { BaseContext, BotContext } from '../src/bot/context.ts'
import { isAcknowledgement } from '../src/bot/handoff/message-entry.ts'
import {
  asksAboutPrice,
  asksForACall,
  asksForAPerson,
  asksWithoutMark,
  callsForAPerson,
  namesAPerson,
  saysASentence,
  solvedAnswer,
} from '../src/bot/typed-answers.ts'
import { phonesInText } from '../src/phone.ts'

/**
 * While the client has an open request, a manager reads what they write. A message a flow's
 * step cannot take as its answer ("Are you there?" where buttons are expected, a question or a
 * photo where a phone number is) is then theirs to the manager: it is passed on to the relay as
 * if no question were asked, and left out of this run (skip), so the step waits as it was. The
 * relay answers it as any message of the request; when nothing else does, it tells the client
 * once that it went on and that the step's question still waits (`tellStepWaits` in the relay).
 *
 * Call it before anything is sent for the message: it returns only when nobody reads the
 * client's messages, or the message is a try at the step's answer, and the step answers as usual. `withManager` runs as `external`; `paste`
 * is the step's long-paste guard, if it has one; `options.told`, what the client is told as it goes
 * to the manager (a booking's confirmation says nothing is booked yet), sent before it is passed on;
 * `options.questionsLeave`, see below.
 */
export async function passToManager(
  conversation: Conversation<BotContext, BaseContext>,
  request: () => RequestState,
  message: Pick<Message, 'text' | 'sticker'> | undefined,
  paste?: { expectsRest(): boolean },
  options: { questionsLeave?: boolean; told?: () => Promise<unknown> } = {},
): Promise<void> {
  const state = await conversation.external(() => request())
  // "Вопрос решён?" waits below the step: a yes or a no typed now answers it (the relay's), not the step
  const text = message?.text
  if (state === 'closing' && text !== undefined && solvedAnswer(text) !== undefined) {
    await conversation.skip({ next: true })
  }
  if (state === undefined) {
    // A person asked for by name ("позовите менеджера", "можно с человеком поговорить?") with nobody
    // reading yet: the chat's last handler opens the request, as for the same words anywhere, and
    // leaves the flow as /manager does (what was answered so far is kept). The step's "use the
    // buttons" answered it, again and again
    // At a questionnaire's or quiz's step (`questionsLeave`), a question it could not read is the
    // same ("сколько времени займёт разработка?"): only a person answers it, and "use the buttons"
    // again and again lost the lead. (Booking's steps read their own questions — "any time next
    // week?" is about its days — and name the manager's button when they cannot)
    const leaves =
      text !== undefined && (namesAPerson(text) || (options.questionsLeave === true && asksAQuestion(text)))
    if (leaves) await conversation.skip({ next: true })
    return
  }
  // A refused long paste (Telegram cuts one in parts) is the manager's to read whole, whatever its
  // words: a skipped message is forgotten, so the rest of it would be taken as the answer — the
  // run ends instead, and all of the paste reaches the manager
  if (paste?.expectsRest()) await conversation.halt({ next: true })
  // A few words with no question in them ("3", "пока думаю", "после обеда", "тысяч 100 наверное",
  // "da") are a try at the step's answer, typed instead of a tap: the step answers them as it would
  // anyone's. Passed on, the client heard nothing back from the bot they were answering, and the
  // manager got a bare "3". So is a sentence with nothing in it for a person («ну чтоб записывались
  // ко мне на стрижку и маникюр» under "what should the site do?") while the bot's words are the
  // last the client read: passed on at night, it met silence, and she waited for a reply to her
  // answer. (The manager reads each try all the same, with the step's answer under it: the
  // recorder passes on what a flow took.) What is for a person goes on: a question (with its "?"
  // or without: "сколько стоит", "а зачем вам почта"), a number to call or a call asked for, a
  // price asked, a manager called for ("позовите менеджера", "вы тут"), a thanks or an "ок" (to
  // the manager's last words) — and, while the team talks with the client (a person wrote last),
  // any sentence: the step's "use the buttons" under a manager's question would be the bot
  // nagging in their conversation
  if (message?.text !== undefined && !forAPerson(message, message.text, state === 'talking')) return
  await options.told?.()
  await conversation.skip({ next: true })
}

/**
 * A question put to the business, with its mark ("？" and "¿" too). Its words without one are no
 * sure sign at a step: «где-то 100 тысяч» at a budget question is an answer, not "где?".
 */
function asksAQuestion(text: string): boolean {
  return /[?？¿]/.test(text)
}

/**
 * The client's request, as a step reads it: open (a manager reads), open with a person of the
 * team the last to write to the client (`talking`), closing ("Вопрос решён?" asked), or none.
 */
export type RequestState = 'open' | 'talking' | 'closing' | undefined

/** The state of `clientId`'s request, read from the handoff service (run it as `external`). */
export function requestState(
  handoff: { current(clientId: number): { status: string } | undefined; personWroteLast(clientId: number): boolean },
  clientId: number,
): RequestState {
  const status = handoff.current(clientId)?.status
  if (status === 'open') return handoff.personWroteLast(clientId) ? 'talking' : 'open'
  return status === 'closing' ? status : undefined
}

/**
 * Whether `message` replies to one of the bot's messages that came after the step asked its
 * question (the first of `own`, what the step itself sent) and is none of the step's own: a
 * broadcast's "reply to book", a reminder, a manager's answer the bot carried while the question
 * waited. It answers that message, not the step's question, and is the relay's to hand to the
 * team. One from before the question (an earlier question of the same flow, its intro) is
 * still a try at this one, as any message is.
 */
export function repliesToAnother(ctx: BaseContext, message: Message, own: ReadonlySet<number>): boolean {
  const replied = message.reply_to_message
  if (replied === undefined || replied.from?.id !== ctx.me.id || own.has(replied.message_id) || own.size === 0) {
    return false
  }
  return replied.message_id > Math.min(...own)
}

/**
 * Words at a step that are for the manager reading the chat, not a try at the step's answer (the
 * step could not read them): a question, with its mark or without, a number to call ("+7 916…",
 * "8 916 …" among any words) or a call asked for, a price asked, a person called for, a thanks.
 * While the team talks with the client (`talking`: a person wrote last), a sentence of four words
 * or more too, also one that begins as an answer ("нет же, в четверг в 11 надо"; an unprompted
 * "Нет, спасибо, не надо" is no request: asksForAPerson) — it answers them, most likely.
 */
function forAPerson(message: Pick<Message, 'text' | 'sticker'>, text: string, talking: boolean): boolean {
  if (talking && (saysASentence(text) || asksForAPerson(text))) return true
  return (
    asksAQuestion(text) ||
    phonesInText(text, { anyLength: true }).length > 0 ||
    asksForACall(text) ||
    asksWithoutMark(text) ||
    asksAboutPrice(text) ||
    callsForAPerson(text) ||
    isAcknowledgement(message)
  )
}
