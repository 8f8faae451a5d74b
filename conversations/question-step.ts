import type { Conversation } from '@grammyjs/conversations'
import type { Message } from 'grammy/types'
import type { AnswerMessage } from '../db/repositories/answers.ts'
import { chatKind, onBehalfOf, replyKeyboardsAllowed } from '../src/bot/client-chat.ts'
import { leavesFlow } from '../src/bot/commands.ts'
import type { BaseContext, BotContext } from '../src/bot/context.ts'
import { logCourtesyFailure, replaceButtons, setButtons } from '../src/bot/courtesy.ts'
import { languageCallback } from '../src/bot/keyboards/language.ts'
import { clientMarkup } from '../src/bot/keyboards/main-menu.ts'
import {
  answeredText,
  helpKeyboard,
  noAnswerText,
  problemText,
  questionCallbacks,
  questionKeyboard,
  sendQuestion,
  tickedOnScreen,
} from '../src/bot/questions.ts'
import { TEXT_ANSWER_LIMIT } from '../src/content/schema.ts'
import { pickText } from '../src/content/text.ts'
import type { LocaleKey } from '../src/locales/keys.ts'
import { mistypesAPhone, parsePhone } from '../src/phone.ts'
import {
  type AnswerValue,
  describeAnswer,
  type ParsedAnswer,
  parseTypedAnswer,
  type QuestionOption,
  type QuestionSnapshot,
  toggledTicks,
} from '../src/services/questions.ts'
import { localDate } from '../src/services/time.ts'
import { waitForAnswer } from './continuation.ts'
import { createLongPasteGuard } from './long-paste.ts'
import { passToManager, type RequestState, repliesToAnother } from './to-manager.ts'
import {
  LIST_SEPARATOR,
  labelAlike,
  labelByHead,
  labelForSpan,
  labelInRange,
  labelWithin,
  matchLabel,
  matchLabels,
  numbered,
  plainLabel,
} from './typed-label.ts'

export type StepOutcome =
  /** `from`: the client's message a typed answer came in (an edit of it is told it changes nothing). */
  | { kind: 'answer'; value: AnswerValue; from?: AnswerMessage }
  | { kind: 'back' }
  | { kind: 'skip' }
  | { kind: 'keep' }
  /** The question changed (or went away) in the content file while the client was answering. */
  | { kind: 'changed' }
  /** Ask it again in a fresh run: too many updates for one question (the replay log stays short), or a new language. */
  | { kind: 'again' }

/**
 * Whether a typed answer the question refused was surely meant as its answer — a number out of
 * its range or read two ways, a date read two ways, a phone number mistyped (among a few words
 * too), an address with an "@" — and not words for the manager who reads the client's messages.
 * Anything else refused is `passToManager`'s to tell apart (a text over its limit too: a paste
 * Telegram cut in parts reaches the topic whole).
 */
function triedToAnswer(q: QuestionSnapshot, text: string | undefined, problem: { code: string } | undefined): boolean {
  if (text === undefined || problem === undefined) return false
  if (['out-of-range', 'ambiguous-number', 'ambiguous-date'].includes(problem.code)) return true
  if (q.type === 'phone') return mistypesAPhone(text)
  // An address mistyped is one word with its @ ("anna@", "anna@mail"); "пишите в телеграм @anna" is words
  return q.type === 'email' && /^[^\s@]*@\S*$/.test(text.trim())
}

/** Updates one run takes for one question (toggles, retries) before it starts afresh. */
const MAX_UPDATES = 25
/** Failed typed answers after which a manager is offered. */
const FAILURES_BEFORE_HELP = 3

/** What a question reads from outside the conversation (each run as `external`). */
export interface QuestionChecks {
  /** The question's fingerprint in the content as it is now; undefined when it was removed. */
  fingerprint(): string | undefined
  /** The client's request: open or closing, a manager reads what they write. */
  request(): RequestState
  /**
   * The chat's copy of the flow's question still to answer with its buttons, sent by an earlier
   * run (one a command or the menu ended: /menu, then /quiz again): see `quietEarlierCopy`.
   */
  copy(): number | undefined
  /** Records message `id` as the chat's one copy to answer; returns the copy it replaces. */
  newCopy(id: number): number | undefined
  /** Copy `id` was answered or left: no copy of the flow's question waits in the chat. */
  copyDone(id: number): void
  /** The bot's clock: a question left a day ends its flow (`waitForAnswer`). */
  now(): number
}

/** The message a typed answer came in, and its chat (the owner's, in Telegram Business). */
function sentIn(update: BaseContext, message: { message_id: number }): AnswerMessage {
  return { messageId: message.message_id, chat: update.businessConnectionId ?? null }
}

/** Takes the buttons off a copy of the question that is no longer the one to answer. */
function quietCopy(at: BaseContext, id: number): Promise<void> {
  return setButtons(at, id, null, "taking the buttons off the question's other copy")
}

/**
 * A run about to ask its question again (the menu or a command ended the run that asked it, or
 * the content changed): the copy that run left with its buttons goes quiet first, before any
 * intro, so only the copy sent below answers and the question stays the chat's last message.
 */
export async function quietEarlierCopy(
  conversation: Conversation<BotContext, BaseContext>,
  ctx: BaseContext,
  checks: Pick<QuestionChecks, 'copy' | 'copyDone'>,
): Promise<void> {
  const earlier = await conversation.external(() => {
    const copy = checks.copy()
    if (copy !== undefined) checks.copyDone(copy)
    return copy ?? null
  })
  if (earlier !== null) await quietCopy(ctx, earlier)
}

/**
 * Asks one question and waits until it is answered, skipped, kept or left.
 * Bad input gets a clear answer and the question stays; a button of an older
 * question of this flow is answered as old, and so is one of an older copy of
 * this question (only the newest copy answers); any other button (the other
 * flow's question included) or a command ends the
 * conversation and is handled outside (the client is never trapped). While
 * the client has an open request, a message that is no answer and is for a person
 * (`passToManager`: a question, a thanks; any sentence while the team talks with them)
 * goes on to the relay and the question keeps waiting.
 */
export async function askQuestion(
  conversation: Conversation<BotContext, BaseContext>,
  ctx: BaseContext,
  q: QuestionSnapshot,
  checks: QuestionChecks,
  /** The question is the message `ctx`'s tap is on (FlowStep's `onScreen`): that tap is the first update. */
  onScreen = false,
): Promise<StepOutcome> {
  const cb = questionCallbacks[q.flow]
  const shown = onScreen ? ctx.callbackQuery?.message : undefined
  let selected: string[] = shown?.reply_markup
    ? tickedOnScreen(q, shown.reply_markup)
    : Array.isArray(q.current)
      ? [...q.current]
      : []
  /** The copy of the question to answer: the one on screen that was tapped, or the one sent below. */
  let messageId = shown ? shown.message_id : 0
  let failures = 0
  /** Messages that were no answer where buttons answer (text, a photo), at this question. */
  let typedAtButtons = 0
  /** Messages whose Skip (offered after several failed tries) is this question's, though no copy of it. */
  const helpMessages = new Set<number>()
  /** What this question said (its copies, its "that is no phone number"s): a reply to one of them is a try at it. */
  const said = new Set<number>()
  const paste = createLongPasteGuard(TEXT_ANSWER_LIMIT)

  // The answer counts only if the question is still the same in the content file
  const stillSame = async () => (await conversation.external(() => checks.fingerprint() ?? null)) === q.fingerprint
  /** A message that is no answer goes to the manager while one reads the client's messages. */
  const toManager = (message: Message) =>
    passToManager(conversation, () => checks.request(), message, paste, { questionsLeave: true })
  /** A typed answer to a question that changed meanwhile: say so (a removed one is explained by the next run). */
  const typedChanged = async (at: BaseContext): Promise<StepOutcome> => {
    const now = await conversation.external(() => checks.fingerprint() ?? null)
    if (now !== null) await at.reply(at.t('question-changed'))
    return { kind: 'changed' }
  }
  /**
   * Copy `id` was just sent or taken over: the one to answer. The copy it replaces (`above`, this
   * run's; or an earlier run's, left on screen when a command or the menu ended that run) loses
   * its buttons, so an old copy cannot answer a question asked again below it.
   */
  const newCopy = async (at: BaseContext, id: number, above?: number) => {
    // A copy without buttons (a text question with no Back or Skip) has nothing to take off later
    const locale = await at.i18n.getLocale()
    const hasButtons = questionKeyboard(at, q, selected, locale).inline_keyboard.length > 0
    const recorded = hasButtons ? await conversation.external(() => checks.newCopy(id) ?? null) : null
    for (const old of new Set([above, recorded ?? undefined])) {
      if (old !== undefined && old !== id) await quietCopy(at, old)
    }
  }
  /**
   * The question's buttons go: with the answer shown (a button's), the question alone (left with
   * Back), or the message as it is (a typed answer follows it in the chat). Only this run's
   * copy answers (older ones are refused), so it is the one that shows the answer.
   */
  const close = async (at: BaseContext, answer?: string | { left: true }) => {
    const chatId = at.chat?.id
    if (chatId === undefined) return
    const onBehalf = onBehalfOf(at)
    const shown = typeof answer === 'string' ? answer : undefined
    const edit =
      answer === undefined
        ? at.api.editMessageReplyMarkup(chatId, messageId, onBehalf)
        : at.api.editMessageText(chatId, messageId, await answeredText(at, q, shown), {
            parse_mode: 'HTML',
            ...onBehalf,
          })
    await edit.catch((err) => logCourtesyFailure(at.log, err, 'showing the chosen answer'))
    const closed = messageId
    await conversation.external(() => checks.copyDone(closed))
    // Takes the "share my number" keyboard away (none is shown in the owner's own chats)
    if (q.type === 'phone' && replyKeyboardsAllowed(at)) {
      await at.reply(at.t('question-phone-thanks'), { reply_markup: { remove_keyboard: true } })
    }
  }
  /** The ticks on the question's own keyboard, for a label typed at a several-answers question. */
  const showTicks = (at: BaseContext, locale: string) =>
    setButtons(at, messageId, questionKeyboard(at, q, selected, locale), 'updating the choices')
  const changed = async (at: BaseContext): Promise<StepOutcome> => {
    await at.answerCallbackQuery({ text: at.t('question-changed') })
    return { kind: 'changed' }
  }
  const label = async (at: BaseContext, value: AnswerValue) =>
    describeAnswer(q, value, await at.i18n.getLocale()) ?? at.t('question-skipped')
  /** "Done" of a several-answers question, pressed or typed: the ticks are the answer (none: skipped). */
  const finishTicks = async (at: BaseContext, from?: AnswerMessage): Promise<StepOutcome> => {
    // Stored in the question's option order, whatever the order of the taps
    const value = q.options.map((o) => o.value).filter((v) => selected.includes(v))
    await close(at, await label(at, value.length > 0 ? value : ''))
    if (value.length === 0) return { kind: 'skip' }
    return from ? { kind: 'answer', value, from } : { kind: 'answer', value }
  }

  if (!shown) messageId = await sendQuestion(ctx, q, selected)
  said.add(messageId)
  await newCopy(ctx, messageId)

  for (let i = 0; i < MAX_UPDATES; i++) {
    const update = i === 0 && shown ? ctx : await waitForAnswer(conversation, checks.now)
    const query = update.callbackQuery
    if (query) {
      // /language's choice, stored and answered outside (a choice refused there keeps the old
      // language, and is another button): this question again, in the new language
      const [chosen] = languageCallback.unpack(query.data) ?? []
      if (chosen && chosen === (await update.i18n.getLocale())) {
        await quietCopy(update, messageId)
        const left = messageId
        await conversation.external(() => checks.copyDone(left))
        return { kind: 'again' }
      }
      const parts = cb.unpack(query.data)
      if (!parts) {
        // A malformed button of this flow is old; the other flow's question (still in the chat)
        // is that flow's to take, as any other button is handled outside
        if (cb.filter.test(query.data ?? '')) {
          await update.answerCallbackQuery({ text: update.t('question-button-old') })
          continue
        }
        await conversation.halt({ next: true })
      }
      const [key, fingerprint, action, index] = parts as NonNullable<typeof parts>
      if (key !== q.key) {
        await update.answerCallbackQuery({ text: update.t('question-button-old') })
        continue
      }
      // A copy above the one to answer (its buttons went when the question came again, or the
      // tap was on its way): it answers nothing, so ticks or an answer never land on two copies
      const tapped = query.message?.message_id
      if (tapped !== undefined && tapped !== messageId && !helpMessages.has(tapped)) {
        await update.answerCallbackQuery({ text: update.t('question-asked-again') })
        if (query.message?.reply_markup) await quietCopy(update, tapped)
        continue
      }
      if (fingerprint !== q.fingerprint) return changed(update)
      if (action === 'o') {
        const option = q.options[index]
        if (!option) {
          await update.answerCallbackQuery({ text: update.t('question-button-old') })
          continue
        }
        if (q.type === 'multi') {
          selected = toggledTicks(q.options, selected, option.value)
          await update.answerCallbackQuery()
          const locale = await update.i18n.getLocale()
          await replaceButtons(update, questionKeyboard(update, q, selected, locale))
          continue
        }
        if (q.type !== 'choice') {
          await update.answerCallbackQuery({ text: update.t('question-button-old') })
          continue
        }
        if (!(await stillSame())) return changed(update)
        await update.answerCallbackQuery()
        await close(update, pickText(option.label, await update.i18n.getLocale()))
        return { kind: 'answer', value: option.value }
      }
      if (action === 'd' && q.type === 'multi') {
        if (selected.length === 0 && q.required) {
          await update.answerCallbackQuery({ text: update.t('question-pick-one') })
          continue
        }
        if (!(await stillSame())) return changed(update)
        await update.answerCallbackQuery()
        return finishTicks(update)
      }
      const allowed =
        (action === 'b' && q.canBack) || (action === 's' && !q.required) || (action === 'k' && q.current !== undefined)
      if (!allowed) {
        await update.answerCallbackQuery({ text: update.t('question-button-old') })
        continue
      }
      await update.answerCallbackQuery()
      if (action === 'b') {
        await close(update, { left: true })
        return { kind: 'back' }
      }
      if (action === 's') {
        await close(update, update.t('question-skipped'))
        return { kind: 'skip' }
      }
      await close(update, await label(update, q.current as AnswerValue))
      return { kind: 'keep' }
    }

    const message = update.message
    if (!message) {
      // A sent answer corrected with Telegram's Edit: the run cannot tell which question it
      // answered (most often the one before), so the stored answer stays and the client is
      // told so, and where an answer is changed; with a manager reading, the edit is theirs
      if (update.editedMessage && (await conversation.external(() => checks.request())) === undefined) {
        await update.reply(update.t('question-edit-ignored', { flow: q.flow }))
      }
      continue // another update kind: nothing to answer
    }
    if (message.text?.startsWith('/')) {
      // One of the bot's commands leaves the flow; anything else after a slash is said to be no
      // command, and the question waits (it ended the flow, the step's progress lost, in silence)
      if (leavesFlow(message.text)) await conversation.halt({ next: true })
      said.add((await update.reply(update.t('flow-unknown-command'))).message_id)
      continue
    }
    // A reply to another of the bot's messages (a broadcast's "reply to book", a reminder) answers
    // that, not this question: it goes on to the relay, which hands it to the team with what it
    // answers; the question keeps waiting
    if (repliesToAnother(update, message, said)) await conversation.skip({ next: true })
    // The client's own number, from a "share my number" keyboard another step left under the chat
    // (a booking walked away from): kept by the handler outside the flow, which also takes that
    // keyboard away; this question still waits
    if (q.type !== 'phone' && message.contact && message.contact.user_id === update.from?.id) {
      await conversation.skip({ next: true })
    }

    // The word of a button under the question ("готово" for «Готово ✔️») does what the button does
    const words = plainLabel(message.text ?? '')
    const says = (button: LocaleKey) => words !== '' && words === plainLabel(update.t(button))
    /** Back's or Skip's word typed ("назад", "пропустить"): what that button under the question does. */
    const typedButton = async (): Promise<StepOutcome | undefined> => {
      if (q.canBack && says('question-back-button')) {
        await close(update, { left: true })
        return { kind: 'back' }
      }
      if (!q.required && says('question-skip-button')) {
        await close(update, update.t('question-skipped'))
        return { kind: 'skip' }
      }
      return undefined
    }

    if (q.type === 'choice' || q.type === 'multi') {
      // A typed answer that is one of the labels is as good as the button (its words will do:
      // case, emoji and punctuation aside); at a several-answers question, so are labels listed
      // with commas
      const typed = message.text?.trim() ?? ''
      const locale = await update.i18n.getLocale()
      const labelOf = (o: QuestionOption) => pickText(o.label, locale)
      // …and so are its words among a few of the client's own ("within a month pls"), but not in
      // a list ("цена, доставка"), which names options only when every part is one
      const within = (text: string) => (LIST_SEPARATOR.test(text) ? undefined : labelWithin(text, q.options, labelOf))
      // …and so are its words as people type them ("не знаю", "в течении месяца", "заявки собирать")
      const alike = (text: string) => (LIST_SEPARATOR.test(text) ? undefined : labelAlike(text, q.options, labelOf))
      // …and so is a span of time in a label's ("ну через месяц наверно" for «В течение месяца»), or
      // a date it is wanted by, counted from the day it was said («к новому году»)
      const today = localDate(message.date * 1000, q.timeZone ?? 'UTC')
      const span = (text: string) =>
        LIST_SEPARATOR.test(text) ? undefined : labelForSpan(text, q.options, labelOf, today)
      // …and so is its place on the buttons ("2"). At a several-answers question a list comes
      // before a label among words: "windows and oven" ticked Windows alone
      const exact = typed ? matchLabel(typed, q.options, labelOf) : undefined
      const listed = q.type === 'multi' && typed && !exact ? matchLabels(typed, q.options, labelOf) : undefined
      // …and so is an amount in a label's range ("около 100 тысяч" for «60–150 тыс. ₽»)
      const option =
        typed && !listed
          ? (exact ??
            within(typed) ??
            alike(typed) ??
            // …and so is a label's head and its rest in other words, asked as the label asks it ("no
            // could you help with that?" for "No — can you help write one?"): an answer, though a
            // question; one that asks a price or more than the label says is a person's
            labelByHead(typed, q.options, labelOf) ??
            numbered(typed, q.options, labelOf) ??
            labelInRange(typed, q.options, labelOf) ??
            span(typed))
          : undefined
      if (q.type === 'multi' && (option || listed)) {
        // Ticked as a tap would tick it (typing it again does not untick it); "Done" still ends the question
        let ticks = selected
        for (const o of option ? [option] : (listed ?? [])) {
          if (!ticks.includes(o.value)) ticks = toggledTicks(q.options, ticks, o.value)
        }
        if (ticks !== selected) {
          selected = ticks
          await showTicks(update, locale)
        }
        continue
      }
      if (option) {
        if (!(await stillSame())) return typedChanged(update)
        await close(update, pickText(option.label, locale))
        return { kind: 'answer', value: option.value, from: sentIn(update, message) }
      }
      if (q.type === 'multi' && says('question-done-button')) {
        if (selected.length === 0 && q.required) {
          await update.reply(update.t('question-pick-one'))
          continue
        }
        if (!(await stillSame())) return typedChanged(update)
        return finishTicks(update, sentIn(update, message))
      }
      const pressed = await typedButton()
      if (pressed) return pressed
      await toManager(message)
      // Asked again below the client's message; the copy above keeps no buttons: one copy to answer.
      // Typed again and again: none of the options may fit, so the way out is named
      typedAtButtons++
      const above = messageId
      const why = noAnswerText(
        update.t,
        message,
        update.t(typedAtButtons > 1 ? 'question-use-buttons-again' : 'question-use-buttons'),
      )
      messageId = await sendQuestion(update, q, selected, why)
      said.add(messageId)
      await newCopy(update, messageId, above)
      continue
    }

    let parsed: ParsedAnswer | undefined
    let problem: Parameters<typeof problemText>[2] | undefined
    if (q.type === 'phone' && message.contact) {
      // Telegram's contact button shares the sender's own number; someone else's contact is not an answer
      const phone =
        message.contact.user_id === update.from?.id
          ? parsePhone(message.contact.phone_number, { shared: true })
          : undefined
      if (phone) parsed = { ok: true, value: phone }
      else problem = { code: 'own-contact' }
    } else if (message.text !== undefined) {
      if (paste.isRest(message)) continue
      // «Пропустить» or «назад» typed is the button's, not the answer to keep
      const pressed = await typedButton()
      if (pressed) return pressed
      parsed = parseTypedAnswer(q, message.text, message.date * 1000)
      if (!parsed.ok) problem = parsed.problem
      paste.judged(message, parsed.ok)
    } else problem = { code: message.contact ? 'contact' : 'text-only' }

    if (parsed?.ok) {
      if (!(await stillSame())) return typedChanged(update)
      await close(update)
      return { kind: 'answer', value: parsed.value, from: sentIn(update, message) }
    }
    // A try at the question is answered as such while a manager reads the client's messages too
    // (as booking's phone step): anything else refused is theirs
    if (!triedToAnswer(q, message.text, problem)) await toManager(message)
    failures++
    const text = noAnswerText(update.t, message, await problemText(update, q, problem ?? { code: 'empty' }))
    if (failures < FAILURES_BEFORE_HELP) said.add((await update.reply(text)).message_id)
    else {
      const help = await update.reply(
        `${text}\n\n${update.t('question-offer-manager', { chat: chatKind(update) })}`,
        clientMarkup(update, helpKeyboard(update, q)),
      )
      helpMessages.add(help.message_id)
      said.add(help.message_id)
    }
  }
  return { kind: 'again' }
}
