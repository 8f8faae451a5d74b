import type { MiddlewareFn } from 'grammy'
import type { BusinessConnection, Message, Update } from 'grammy/types'
import { flowRunning } from '../../../conversations/continuation.ts'
import type { BusinessConnectionRow, ClientRow, MessageRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { dayAndTime, personLocale } from '../../format.ts'
import type { LocaleKey } from '../../locales/keys.ts'
import { accountName, type BusinessRefusal, type BusinessRoute } from '../../services/business.ts'
import type { HandoffService } from '../../services/handoff/index.ts'
import { TYPED_SCORE_MS } from '../../services/time.ts'
import { CALLBACK_ANSWER_MAX, clip } from '../../text.ts'
import { commandOf } from '../commands.ts'
import type { BotContext, Translate } from '../context.ts'
import { logCourtesyFailure } from '../courtesy.ts'
import {
  describeEdit,
  describeMessage,
  forwardedFrom,
  isAcknowledgement,
  personName,
  realReplyTo,
  thanksForClosedRequest,
} from '../handoff/message-entry.ts'
import { recordedMessage } from '../handoff/recorder.ts'
import { excerpt } from '../handoff/texts.ts'
import type { AnsweredQueries } from '../outbound.ts'
import { ownerOnly } from '../owner-guard.ts'
import { pressedLabel } from '../questions.ts'
import type { BotScopes } from '../scopes.ts'
import { classifyTelegramError } from '../telegram-errors.ts'
import { asksForAPerson, settledBy, typedAnswerShaped, wantsACall } from '../typed-answers.ts'
import {
  claimedPayment,
  closeAnsweredInWords,
  notePaymentClaim,
  notePaymentPromise,
  onlyInforms,
  promisedPayment,
  settlesInWords,
} from './handoff-relay.ts'
import { sendHeldConfirmations } from './orders.ts'

/**
 * A client's message of a business chat already in their topic or on its way there: relayed
 * or queued, or in a transcript posted there (the one that opened the request). Telegram
 * delivering its update again must not show it twice; one whose relay failed may go again.
 */
function shownInTopic(handoff: HandoffService, row: MessageRow): boolean {
  return handoff.isRelayed(row) || row.id <= handoff.transcript.postedUpTo(row.clientId)
}

/** Updates from a client in a served business chat, handled as messages in their chat: the connection's id. */
const fromBusinessChat = new WeakMap<object, string>()

/**
 * Telegram Business, the chats: a client who writes to the owner's account is served like
 * one in the bot's chat. Their `business_message` (and its edits) becomes the update's
 * `message` (`edited_message`), keeping `business_connection_id` on it, so every feature,
 * flow and button works unchanged and every `ctx.reply` goes out on the account's behalf;
 * the transcript knows the message by its id in that chat (see `chatOf`).
 * Handled here and not passed on:
 * - the owner's own messages (typed on their phone): a staff answer to the client — in
 *   the transcript, shown in the topic, and the request's first response; with no request
 *   open, one opens led by the owner, so the bot leaves the chat to them; their edits
 *   follow into the topic;
 * - deletions there (Telegram does not say by whom): marked in the transcript, and staff
 *   are told of those they saw in the topic;
 * - what the bot itself sent for the account, chats of an account it does not serve, and
 *   chats with someone on the team (owners and managers are never clients): left alone;
 * - a button there pressed by anyone but the client (the owner sees it too), or in a chat the bot
 *   no longer serves or one with someone on the team: answered, ignored.
 * Installed before the client upsert.
 */
export function createBusinessRouter(deps: Deps): MiddlewareFn<BotContext> {
  const { services } = deps
  const { handoff } = services

  /** The owner wrote to the client from their own account, or edited what they wrote. */
  function fromOwner(ctx: BotContext, msg: Message, connection: BusinessConnectionRow, edited: boolean): void {
    // Someone who has not written yet (a lead the owner writes to first) becomes a client here,
    // as by writing: otherwise their answer would be their first message, greeted by the bot
    // under the owner's words, and the owner's opening words would be missing from the topic
    // (looked up first: the upsert is the client's own coming back, and would unblock one who
    // blocked the bot)
    const chat = msg.chat
    const known = deps.services.clients.byTelegramId(chat.id)
    const client =
      known ??
      (edited
        ? undefined
        : deps.services.clients.touch({
            telegramId: chat.id,
            firstName: chat.first_name ?? null,
            lastName: chat.last_name ?? null,
            username: chat.username ?? null,
            languageCode: null,
          }).client)
    if (!client) return // an edit of what the owner wrote before the chat was the bot's to see
    // Their chat is this one (not the bot's, which they never opened), closed to the bot until
    // they write: what staff send them is refused with the reason, never sent where it is lost
    if (!known) services.business.noteClient(client, connection.id, { message: false })
    if (edited) {
      const edit = describeEdit(msg)
      if (edit) handoff.editIncoming(client.id, connection.id, msg.message_id, edit)
      return
    }
    const entry = describeMessage(msg)
    if (entry) {
      const { row, duplicate } = handoff.recordOwner(client.id, connection.userId, entry, msg.message_id, connection.id)
      // Named by their account wherever they lead or answer (a mention, the card), as a manager
      // is by their messages in the topic
      if (connection.name) services.staff.rememberName(connection.userId, connection.name)
      // The owner took the chat, as a manager takes a request: one opens, led by them (named on
      // the card by their account), so the client's answers go to them and the topic until it is
      // closed, never to the bot's own replies under the owner's words (docs/business.md)
      if (!duplicate && !handoff.isOpen(client.id)) {
        handoff.open(client.id, 'business_owner', undefined, { transcriptBefore: row.id, lead: connection.userId })
        ctx.log.info({ clientId: client.id }, 'the owner wrote to a client themselves: request opened, led by them')
      }
      if (handoff.isOpen(client.id) && !(duplicate && handoff.isRelayed(row)))
        handoff.relayToTopic(client.id, row, undefined, forwardedFrom(msg))
    }
    // Also tonight's "we are closed": the owner is here (noteStaffReply)
    handoff.noteStaffReply(client.id, connection.userId)
    ctx.log.info({ clientId: client.id }, "the owner's own answer in a business chat")
  }

  return async (ctx, next) => {
    // Rewritten in place below; Telegram's types keep the two kinds apart, the bot does not
    const update = ctx.update as Omit<Update, 'message' | 'edited_message'> & {
      message?: Message
      edited_message?: Message
    }
    const msg = update.business_message ?? update.edited_business_message
    const deleted = update.deleted_business_messages
    // A button under a message the bot sent for the account: an ordinary callback query
    const query = ctx.callbackQuery
    const pressed = query?.message?.business_connection_id
    if (query && pressed !== undefined) {
      // A press acted on nowhere is still answered (the spinner stops), in the presser's language:
      // only they see the pop-up, and the chat is not one the bot speaks in as the business
      const refuse = (key: LocaleKey) =>
        ctx.answerCallbackQuery({ text: deps.i18n.t(personLocale(deps, query.from.id), key) })
      // An account no longer served (disconnected, or no longer an owner's: checked on every press)
      if (!services.business.served(pressed)) {
        ctx.log.info({ connection: pressed }, 'a button in a chat of a business account the bot does not serve')
        return refuse('business-press-stale')
      }
      const chatWith = query.message?.chat.id
      if (chatWith !== undefined && services.staff.isStaff(chatWith)) {
        ctx.log.info({ connection: pressed }, 'a button in a business chat with someone on the team: left alone')
        return refuse('business-press-stale')
      }
      // The owner sees the buttons of the chat on their phone too: a press is the client's
      // answer only when the client pressed it, else it would act on the presser's own data
      if (query.from.id !== chatWith) {
        ctx.log.info({ connection: pressed }, "a button in a business chat pressed by the account's owner: ignored")
        return refuse('business-press-not-yours')
      }
      fromBusinessChat.set(ctx, pressed)
      return next()
    }
    if (!msg && !deleted) return next()
    const connectionId = msg?.business_connection_id ?? deleted?.business_connection_id ?? ''
    const connection = services.business.served(connectionId)
    if (!connection) {
      ctx.log.info({ connection: connectionId }, 'a chat of a business account the bot does not serve: ignored')
      return
    }
    // The other side of the chat: someone on the team writing to the owner (or the owner to
    // them) is not a client and is not served there, whoever wrote
    const chatId = msg?.chat.id ?? deleted?.chat.id
    if (chatId !== undefined && services.staff.isStaff(chatId)) {
      ctx.log.info({ connection: connectionId }, 'a business chat with someone on the team: left alone')
      return
    }
    if (deleted) {
      const client = deps.services.clients.byTelegramId(deleted.chat.id)
      const seen = client ? handoff.deletedInChat(client.id, connectionId, deleted.message_ids) : []
      if (client && seen.length > 0) {
        handoff.notifyTopic(
          client.id,
          seen.map((row) => ({ key: 'business-topic-deleted', args: { excerpt: excerpt(deps, row) } })),
        )
      }
      ctx.log.info({ clientId: client?.id, count: deleted.message_ids.length }, 'messages deleted in a business chat')
      return
    }
    if (!msg) return
    if (msg.sender_business_bot?.id === ctx.me.id) return // what the bot itself sent for the account
    if (msg.from?.id === connection.userId) return fromOwner(ctx, msg, connection, !update.business_message)
    if (update.business_message) {
      update.message = update.business_message
      delete update.business_message
    } else {
      update.edited_message = update.edited_business_message
      delete update.edited_business_message
    }
    fromBusinessChat.set(ctx, connectionId)
    return next()
  }
}

/** What the card says of where a client's answers go (`handoff-card-via-business*`): it changes when this does. */
function reachShown(route: BusinessRoute): string {
  return route.via === 'blocked' ? `blocked:${route.reason}` : route.via
}

/**
 * Right after the client upsert, before their message is recorded or their chat with the
 * account noted: when their update changes where their answers can go — they write to the
 * bot's chat after the account's, or to the account's again (its chat open to the bot anew) —
 * the card in their topic follows. It kept saying "an answer from here would not reach them"
 * after they wrote to the bot, until something else on it changed.
 */
export function createReachWatch(deps: Deps): MiddlewareFn<BotContext> {
  const { business, clients, handoff } = deps.services
  return async (ctx, next) => {
    const client = ctx.client
    // No topic, no card
    if (!client || client.topicId === null) return next()
    const before = reachShown(business.route(client))
    // Only a chat with the account takes answers off the bot's chat
    if (before === 'bot' && ctx.businessConnectionId === undefined) return next()
    try {
      await next()
    } finally {
      const now = clients.get(client.id)
      if (now && reachShown(business.route(now)) !== before) handoff.refreshCard(client.id, { editOnly: true })
    }
  }
}

/**
 * After the client upsert and the transcript: a client's message from a business chat
 * notes the chat (the bot may write there for 24 hours; a new client's source is
 * "business"), then either goes on to the flows — when the content file lets the bot
 * answer now and it has the right to reply (a first message is taken as /start) — or is
 * passed to the staff group only: the request is opened and the message goes to the topic
 * (still a flow's typed step, a privacy command, and a typed answer under the bot's own
 * question there go on to those who take them).
 * Either way the client's first message there is their start in the /stats funnel.
 */
export function createBusinessGate(deps: Deps, answered: AnsweredQueries): MiddlewareFn<BotContext> {
  const gate = businessGate(deps, answered)
  return async (ctx, next) => {
    await gate(ctx, next)
    // A client writing again may be told what was held back while their chat was closed to the
    // bot (here, after noteClient opened it, and after their message went where it goes)
    if (recordedMessage(ctx)?.duplicate !== true) sendHeldConfirmations(deps, ctx)
  }
}

function businessGate(deps: Deps, answered: AnsweredQueries): MiddlewareFn<BotContext> {
  const { services } = deps
  return async (ctx, next) => {
    const connectionId = fromBusinessChat.get(ctx)
    const client = ctx.client
    if (connectionId === undefined || !client) return next()
    const msg = ctx.message
    services.business.noteClient(client, connectionId, { message: msg !== undefined })
    // A button: handled as in the bot's chat, its answer perhaps undeliverable there; an edit: as there
    if (ctx.callbackQuery) return pressInBusinessChat(ctx, deps, answered, client, connectionId, next)
    if (!msg) return next()
    const connection = services.business.served(connectionId)
    // A client the team knows (their topic) who wrote to the bot until now: staff learn that
    // their answers go from the owner's account from here on, before the message itself
    const written = recordedMessage(ctx)
    const moved =
      client.topicId !== null &&
      written !== undefined &&
      !written.duplicate &&
      services.business.movedFromBot(client.id, written.row.id)
    // (The card says where the answers go now: createReachWatch)
    if (moved && connection && services.business.route(client).via === 'business') {
      ctx.log.info({ clientId: client.id }, "a client moved to the owner's own chat")
      services.handoff.notifyTopic(client.id, [
        { key: 'business-topic-moved-in', args: { account: accountName(connection) } },
      ])
    }
    const answers = services.business.answersNow() && connection?.rights.can_reply === true
    const open = services.handoff.isOpen(client.id)
    const command = commandOf(msg.text ?? '')?.name
    if (!services.clients.hasStarted(client)) {
      const asIs = (text: string) => text.startsWith('/') || asksForAPerson(text) || wantsACall(text)
      if (answers && !open && msg.text !== undefined && !asIs(msg.text)) {
        // A first "hello" in the owner's chat is the client's /start. A first question ("Есть
        // окошко на завтра?") goes on as it is: it reaches the team as in the bot's own chat,
        // where a greeting and the menu in its place lost it. So does a photo or a file, and a
        // call wished for ("заказать звонок": booking's button, the greeting had taken its place)
        Object.assign(msg, { text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] })
      } else if (!(answers && command === 'start')) {
        // Whatever path their first message takes (/start records it where the bot answers)
        services.clients.recordStart(client)
      }
    }
    // The flows answer; with a request open the relay takes it, as in the bot's chat
    if (answers) return next()
    const recorded = recordedMessage(ctx)
    // A yes, a no or a score typed under the bot's own question there, the last thing in that chat
    // (its rating questions, "Is your question solved?", /forget's): that answer, as in the bot's
    // chat, where the bot asked it. Else "5" under the rating opened the request it rated again,
    // and "да" under the close question kept it waiting. Let on below to the typed answers; what
    // they do not take goes on to the team (createBusinessTeamOnly). Before the thanks: "отлично"
    // under the rating is a five, not only a thanks
    const typedAnswer =
      msg.text !== undefined &&
      command === undefined &&
      connection?.rights.can_reply === true &&
      typedAnswerShaped(msg.text) &&
      services.handoff.openQuestion(client.id, connectionId, TYPED_SCORE_MS) !== undefined
    // A flow the bot runs in this chat (booking begun from its buttons, the brief) is waiting for
    // the client's typed step: it takes it whoever answers the chat now — a number, or a mistyped
    // one to fix — and passes what is no answer on to the relay, as in the bot's chat. Otherwise the
    // step would never get its answer there in working hours. A command is not a step: as below.
    // (A flow left longer than a day ends by itself at this message and passes it on: the request
    // opened below then takes it, as any message here)
    const flowWaiting = command === undefined && connection?.rights.can_reply === true && flowRunning(ctx)
    // A thanks after a closed request opens none, whatever waits for it (a flow's step included;
    // a mark in a word under the bot's own question goes on to the typed answers, unless a flow waits)
    const answering = typedAnswer && !flowWaiting
    if (!open && !answering && thanksForClosedRequest(services.handoff, client.id, msg)) return
    // …nor does a payment promised ("оплачу завтра"): the topic is told (no reaction here: it
    // would land in the bot's own chat)
    const promise = {
      order: promisedPayment(deps, client.id, msg),
      duplicate: recorded?.duplicate === true,
      reacts: false,
    }
    if (!open && !answering && (await notePaymentPromise(ctx, deps, client.id, msg, promise))) return
    // …nor a payment claimed ("я оплатил"): the "I've paid" button in words, the words with its staff line
    const claimed = open || answering || promise.order ? undefined : claimedPayment(deps, client.id, msg)
    const claim = { duplicate: promise.duplicate, relayed: false }
    if (claimed && (await notePaymentClaim(ctx, deps, client, msg, { ...claim, order: claimed }))) return
    if (flowWaiting) {
      // People answer this chat now, so a request is open for whatever the client writes, as for
      // any message here: the flow passes what is no answer to its step on to the open request
      // (relayed as itself, so the transcript stops before it), instead of answering it in the
      // owner's name with no one on the team to read it
      if (!open) services.handoff.open(client.id, 'business', undefined, { transcriptBefore: recorded?.row.id })
      ctx.log.info({ clientId: client.id }, 'business chat: a step of a flow the bot runs there')
      return next()
    }
    const privacy = command !== undefined && PRIVACY_COMMANDS.has(command)
    if (privacy && connection?.rights.can_reply === true) {
      // The client's rights over their data do not wait for the team: handled as in the bot's chat
      ctx.log.info({ clientId: client.id }, 'business chat: a privacy command, handled by the bot')
      return next()
    }
    if (answering) {
      typedAnswerOnly.add(ctx)
      return next()
    }
    return passToTeam(ctx, deps, client, msg, connectionId)
  }
}

/**
 * The client's press of a button the bot left in the owner's chat, handled as in the bot's chat.
 * A button pressed does not open that chat to the bot as a message does (Telegram's 24 hours),
 * so where the chat is closed to it now (`closedChat`) the press's answer — the move's day
 * picker under 🔄 Перенести, a menu — cannot go there: the update failed, its apology too, and
 * the pop-up was spent empty by the handler, the client left with nothing and the topic with
 * "[кнопка] 🔄 Перенести". Here, for any button: the press's empty answer is held until the
 * handler is done (Telegram's pop-up is the one thing its 24 hours do not limit); should an
 * answer in the chat be refused so, the client reads in the pop-up what to do, and the team
 * (the topic, or General) what they pressed, why the bot could not answer and who can.
 * A handler that needs no message there ("I paid", thanked in the pop-up) goes as it went.
 */
async function pressInBusinessChat(
  ctx: BotContext,
  deps: Deps,
  answered: AnsweredQueries,
  client: ClientRow,
  connectionId: string,
  next: () => Promise<void>,
): Promise<void> {
  const query = ctx.callbackQuery
  if (!query) return next()
  const closed = deps.services.business.closedChat(client.id, connectionId)
  let held = false
  let releasing = false
  if (closed !== undefined) {
    // This update's own Api (grammY makes one per update): the other updates' presses are not held
    ctx.api.config.use((prev, method, payload, signal) => {
      const empty = !('text' in payload) || !payload.text
      if (releasing || method !== 'answerCallbackQuery' || !empty) return prev(method, payload, signal)
      if ((payload as { callback_query_id?: string }).callback_query_id !== query.id)
        return prev(method, payload, signal)
      held = true
      return Promise.resolve({ ok: true, result: true } as Awaited<ReturnType<typeof prev>>)
    })
  }
  try {
    await next()
  } catch (err) {
    const failure = classifyTelegramError(err)
    if (failure.kind !== 'business-closed') throw err
    ctx.log.info(
      { clientId: client.id, reason: closed ?? failure.reason },
      "a press in the owner's chat whose answer the chat did not take: the client and the team are told",
    )
    await undeliveredPress(ctx, deps, answered, client, connectionId, closed)
    return
  }
  if (held && !answered.has(query.id)) {
    releasing = true
    await ctx.answerCallbackQuery()
  }
}

/** A press in the owner's chat whose answer the chat did not take (`pressInBusinessChat`): the client and the team are told. */
async function undeliveredPress(
  ctx: BotContext,
  deps: Deps,
  answered: AnsweredQueries,
  client: ClientRow,
  connectionId: string,
  closed: BusinessRefusal | undefined,
): Promise<void> {
  const query = ctx.callbackQuery
  if (!query) return
  const button = query.message?.reply_markup?.inline_keyboard
    .flat()
    .find((b) => 'callback_data' in b && b.callback_data === query.data)
  const label = button ? pressedLabel(query.data ?? '', button.text) : '—'
  const connection = deps.services.business.connection(connectionId)
  // What the button was under, as the client sees it: which call, which invoice
  const under = query.message && 'text' in query.message ? query.message.text : undefined
  deps.services.handoff.postToStaff(client.id, {
    lines: [
      {
        key: 'business-topic-press-unanswered',
        args: {
          button: label,
          account: connection ? accountName(connection) : '—',
          under: under ? excerpt(deps, { type: 'text', text: under }) : 'none',
        },
      },
      ...(closed === undefined ? [] : [{ key: `business-refusal-${closed}` as const }]),
    ],
    general: true,
  })
  // The pop-up, unless the handler spent it on words of its own already
  if (answered.has(query.id)) return
  // Written first: a message there opens the chat; otherwise the owner is the one who can answer
  const reason = closed === 'window' || closed === 'not-written' ? 'write' : 'wait'
  try {
    await ctx.answerCallbackQuery({
      text: clip(ctx.t('business-press-unanswered', { reason, button: label }), CALLBACK_ANSWER_MAX),
      show_alert: true,
    })
  } catch (err) {
    logCourtesyFailure(ctx.log, err, "answering a press in the owner's chat")
  }
}

/** A business message let on to the typed answers only (see the gate): what none of them takes goes to the team. */
const typedAnswerOnly = new WeakSet<object>()

/**
 * Right before the relay: a business chat's message let on to the typed answers that none of
 * them took goes to the team only, as any other there while the bot does not answer by itself.
 */
export function createBusinessTeamOnly(deps: Deps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const connectionId = fromBusinessChat.get(ctx)
    const { client, message } = ctx
    if (!typedAnswerOnly.has(ctx) || connectionId === undefined || !client || !message) return next()
    // Not an answer after all: a thanks after a closed request still opens none, as at the gate
    if (!deps.services.handoff.isOpen(client.id) && thanksForClosedRequest(deps.services.handoff, client.id, message)) {
      return
    }
    const order = promisedPayment(deps, client.id, message)
    const promise = { order, duplicate: recordedMessage(ctx)?.duplicate === true, reacts: false }
    if (
      !deps.services.handoff.isOpen(client.id) &&
      (await notePaymentPromise(ctx, deps, client.id, message, promise))
    ) {
      return
    }
    // A payment claimed in words ("я оплатил") is the team's to act on here: the bot may not
    // thank the client in the owner's name where it does not answer by itself
    return passToTeam(ctx, deps, client, message, connectionId)
  }
}

/**
 * A client's message in a business chat where the bot does not answer by itself now: to the
 * staff group only. It opens a request (carried in its transcript) or goes to the open one as
 * itself — where a typed yes under "Is your question solved?" still closes it; a privacy
 * command the bot may not answer there is made (an opt-out) or left to a person, and the
 * topic told.
 */
async function passToTeam(
  ctx: BotContext,
  deps: Deps,
  client: ClientRow,
  msg: Message,
  connectionId: string,
): Promise<void> {
  const { services } = deps
  const connection = services.business.served(connectionId)
  const recorded = recordedMessage(ctx)
  const command = commandOf(msg.text ?? '')?.name
  const request = services.handoff.current(client.id)
  ctx.log.info({ clientId: client.id }, 'business chat: passed to the staff group only')
  const again = recorded?.duplicate === true && shownInTopic(services.handoff, recorded.row)
  // A new request carries this message in its transcript; an open one gets it as itself
  if (!request) services.handoff.open(client.id, 'business')
  else if (recorded && describeMessage(msg) && !again) {
    // Thanks alone, a payment promised ("счёт получил, оплачу завтра") or news alone ("скину
    // завтра") owe no answer. (A payment claimed in words is the team's to act on here: the bot
    // may not answer it by itself)
    const promised = promisedPayment(deps, client.id, msg) !== undefined
    // …nor the question settled in words («разобралась, спасибо»), which ends the wait going on
    const settles = !promised && settlesInWords(deps, msg)
    const ack = isAcknowledgement(msg) || promised || settles || onlyInforms(deps, client.id, msg)
    services.handoff.relayFromClient(
      client.id,
      recorded.row,
      ack,
      realReplyTo(msg),
      forwardedFrom(msg),
      msg.text === undefined ? [] : settledBy(msg.text),
    )
    if (settles) services.handoff.settle(client.id, 'words')
    // Instead of answering "Is your question solved?": its yes or no in words (when the bot may
    // write there to ask the ratings), or anything else, which keeps the request open
    const answered =
      request.status === 'closing' &&
      connection?.rights.can_reply === true &&
      (await closeAnsweredInWords(ctx, deps, client, request, msg))
    // A payment promised keeps the question and its closing by itself, as in the bot's chat
    if (!answered && !promised) services.closing.clientWrote(client.id)
  }
  const notice = command === undefined ? undefined : PRIVACY_COMMANDS.get(command)
  if (notice === undefined || recorded?.duplicate) return
  // The bot may not answer there: a person has to act on it (an opt-out needs no answer, so it is made)
  if (command === 'stop') services.clients.optOut(client.id)
  ctx.log.info({ clientId: client.id, command }, 'business chat: a privacy command the bot cannot answer')
  // Named, as the move into it is: the managers reading it answer in that account's name
  // (the connection the command came through, served or not: the client wrote there)
  const through = connection ?? services.business.connection(connectionId)
  const account = through ? accountName(through) : '—'
  services.handoff.notifyTopic(client.id, [{ key: notice, args: { bot: ctx.me.username, account } }])
}

/**
 * The client's commands about their data (src/bot/features/privacy.ts, data.ts) that a
 * business chat's client gets answered whether or not the bot answers there by itself,
 * and what staff are told when the bot may not reply there at all (none for /privacy:
 * nothing to act on, it goes to the topic as any message).
 */
const PRIVACY_COMMANDS = new Map<string, LocaleKey | undefined>([
  ['forget', 'business-topic-forget'],
  ['stop', 'business-topic-stop'],
  ['mydata', 'business-topic-mydata'],
  ['privacy', undefined],
])

/** A stranger's account with its Telegram id, which /staff takes to make them an owner: "Виссарион (@vissarion_b) (id 7318500004)". */
function strangerName(connection: Pick<BusinessConnectionRow, 'name' | 'username' | 'userId'>): string {
  return connection.name === null ? accountName(connection) : `${accountName(connection)} (id ${connection.userId})`
}

/** What a topic is told when its client's chat with the account opened or closed by the connection itself. */
function connectionNotice(route: BusinessRoute): LocaleKey | undefined {
  if (route.via === 'business') return 'business-topic-back'
  if (route.via !== 'blocked') return undefined
  if (route.reason === 'disabled') return 'business-topic-disabled'
  if (route.reason === 'no-reply-right') return 'business-topic-no-reply-right'
  return undefined
}

/**
 * Telegram Business, the connection side: `business_connection` updates are stored and
 * every change is told to the owners (connected, disconnected, the right to reply given
 * or taken; an account that is not an owner's is refused); `/business` shows the state.
 */
export function registerBusinessFeature(deps: Deps, scopes: BotScopes): void {
  const { services, i18n, content } = deps
  const yesNo = (t: Translate, value: boolean | undefined) => t(value ? 'business-yes' : 'business-no')

  // A connection update comes from no chat
  scopes.all.on('business_connection', async (ctx) => {
    const c: BusinessConnection = ctx.businessConnection
    const { connection, change } = services.business.record({
      id: c.id,
      userId: c.user.id,
      userChatId: c.user_chat_id,
      name: personName(c.user) || null,
      username: c.user.username ?? null,
      enabled: c.is_enabled,
      rights: { ...(c.rights ?? {}) },
      date: c.date * 1000,
    })
    // By the connection's id: the account's Telegram id is a person's (one who may erase their data)
    ctx.log.info({ connection: connection.id, change }, 'business connection')
    if (change === 'unchanged') return
    const account = accountName(connection)
    const reply = connection.rights.can_reply ? 'yes' : 'no'
    const stranger = !services.business.ownedByOwner(connection)
    if (stranger && change !== 'connected') return
    // In each owner's own language, as every text in their chat with the bot. A stranger is not
    // named: the message stays in the owners' chats after the person's /forget, which deletes
    // their connection and with it what /business shows of them
    const textFor = (t: Translate): string => {
      if (stranger) return t('business-stranger')
      if (change === 'connected') {
        const mode = t(`business-mode-${content.get().telegram_business.auto_reply}` as const)
        return t('business-connected', { account, reply, mode })
      }
      if (change === 'disconnected') return t('business-disconnected', { account })
      return t('business-rights', { account, reply })
    }
    for (const ownerId of services.staff.owners()) {
      const locale = personLocale(deps, ownerId)
      const text = textFor((key, vars) => i18n.t(locale, key, vars))
      try {
        await ctx.api.sendMessage(ownerId, text)
      } catch (err) {
        ctx.log.warn({ err }, 'could not tell an owner about the business connection')
      }
    }
    if (stranger) return
    // The managers answering through the account learn it where they answer, before a reply of
    // theirs fails: each open request in its chats (a disconnected account's clients' new
    // messages do not reach the bot at all, so nothing else would show it). Told only what the
    // change decides: a chat out of Telegram's 24 hours stays closed whatever the connection
    for (const { clientId, route } of services.business.answeredThrough(connection.id)) {
      const notice = connectionNotice(route)
      if (notice) services.handoff.notifyTopic(clientId, [{ key: notice, args: { account } }])
      // …and the card, which says whether an answer from the topic reaches them now
      services.handoff.refreshCard(clientId, { editOnly: true })
    }
  })

  scopes.private.command(
    'business',
    ownerOnly(async (ctx) => {
      const connections = services.business.connections()
      const locale = await ctx.i18n.getLocale()
      const t: Translate = (key, vars) => ctx.t(key, vars)
      const tz = content.get().business.timezone
      const lines = [ctx.t('business-status-title')]
      if (connections.length === 0) lines.push(ctx.t('business-status-none'))
      for (const connection of connections) {
        const stranger = !services.business.ownedByOwner(connection)
        const state = stranger ? 'stranger' : connection.enabled ? 'on' : 'off'
        lines.push(
          ctx.t('business-status-item', {
            account: stranger ? strangerName(connection) : accountName(connection),
            state: ctx.t(`business-state-${state}` as const),
            since: dayAndTime(connection.connectedAt, tz, locale, deps.clock.now()),
            reply: yesNo(t, connection.rights.can_reply),
          }),
        )
      }
      lines.push(
        ctx.t('business-status-mode', {
          mode: ctx.t(`business-mode-${content.get().telegram_business.auto_reply}` as const),
        }),
      )
      return ctx.reply(lines.join('\n'))
    }),
  )
}
