/**
 * The transcript is written here, for every client, handoff or not, so a
 * manager who takes over sees the whole conversation:
 * - what the client sends (messages, edits, the buttons they press), by a
 *   middleware early in the chain — once per update, before any flow;
 * - what the bot says to them, at the API client's `fetch`: it sees every call,
 *   from handlers, jobs and conversations alike, and a conversation's replayed
 *   calls never reach it, so nothing is recorded twice. What its replies say during the
 *   client's update is kept for that update, for their topic while their request is open
 *   (`showBotWords`).
 * Rude or distrustful wording (content `handoff.trigger_words`) opens a handoff here.
 *
 * A team member's chat with the bot (owners and managers have client rows too) is not a
 * client's and is not recorded: their commands name clients (`/export @vera_k`), the bot's
 * answers list them, its files (/export, /backup) hold them, and a transcript row would keep
 * all that in the database, in /find and in every backup after the client's /forget. The one
 * exception is a team member trying the bot as a client with a request of their own open: what
 * they write goes to the topic, which is copied from the transcript. Writing again after it
 * closed reopens it as a client's message would; that message is recorded by the relay, last in
 * the chain (`recordTeamMemberWritingAgain`), since an owner's prompt takes such a message first.
 */
import { createRequire } from 'node:module'
import type { ApiClientOptions, MiddlewareFn } from 'grammy'
import type { Message } from 'grammy/types'
import type { ClientRow, MessageRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import type { BotContext } from '../context.ts'
import { noteEtaTold } from '../desk/night.ts'
import { clientIdInFlight } from '../middlewares/client.ts'
import { answerOf } from '../outbound.ts'
import { pressedLabel } from '../questions.ts'
import { settledBy } from '../typed-answers.ts'
import { chatOf, describeEdit, describeMessage, forwardedFrom, isServiceMessage, realReplyTo } from './message-entry.ts'
import { refundAsked } from './refund.ts'
import { handoffOpenedText } from './texts.ts'

type Fetch = NonNullable<ApiClientOptions['fetch']>

/** The transcript row of the update's message, for the relay further down the chain. */
const recorded = new WeakMap<object, { row: MessageRow; duplicate: boolean }>()
export function recordedMessage(ctx: object): { row: MessageRow; duplicate: boolean } | undefined {
  return recorded.get(ctx)
}

/** The updates whose button press is in the transcript (the button found under the pressed message). */
const pressesRecorded = new WeakSet<object>()

/**
 * Whether the client's own part of this update — their message, or the button they pressed — is
 * in the transcript already: a request it opens passes on what came before it (`hasHistory`).
 */
export function updateRecorded(ctx: object): boolean {
  return recorded.has(ctx) || pressesRecorded.has(ctx)
}

/**
 * The private chats of team members whose update is being handled (one update per chat at a
 * time) and is not recorded: what the bot sends there meanwhile is not recorded either, without
 * asking the database who they are again.
 */
const teamChatsInFlight = new Set<number>()

/**
 * The clients' chats whose update is being handled, each with what the bot's replies said there
 * meanwhile (its transcript rows, in order) and no feature has passed to the topic yet
 * (`showBotWords`). Replies only: a job or a broadcast writing to the chat at that moment is
 * none of the update's answers. Forgotten as the update ends: what nobody passed on (a quiz's
 * question, the menu) was no answer in a request, and stays in the transcript alone.
 */
const saidInUpdate = new Map<number, number[]>()

/**
 * What the bot has said to the client of this update so far, by its replies (a feature's answer,
 * a flow's step, the relay's own), not shown yet: for their topic, after what is queued there,
 * while their request is open (`handoff.botToTopic`: a manager reading the topic sees what the
 * client was told). Called where such words come to an end: under the client's message the relay
 * passed on, after "passing you to a manager".
 */
export function showBotWords(deps: Deps, ctx: BotContext): void {
  const client = ctx.client
  const said = ctx.chat === undefined ? undefined : saidInUpdate.get(ctx.chat.id)
  if (!client || !said?.length) return
  deps.services.handoff.botToTopic(client.id, said.splice(0))
}

/**
 * Whether the bot has answered the client's update so far by its replies (a flow's step, a
 * feature's answer) that are not shown in the topic yet: read before `showBotWords` shows them.
 */
export function botAnsweredUpdate(ctx: BotContext): boolean {
  return ctx.chat !== undefined && (saidInUpdate.get(ctx.chat.id)?.length ?? 0) > 0
}

/**
 * What the bot has said to the client of this update so far is in their topic another way: a
 * notice of what it did says what they were told (an unsubscribe's "the bot answered them
 * itself"). Not shown again.
 */
export function botWordsToldOtherwise(ctx: BotContext): void {
  if (ctx.chat !== undefined) saidInUpdate.get(ctx.chat.id)?.splice(0)
}

/** Whether a team member's chat with the bot is recorded: while a request of their own is open. */
function teamMemberRecorded(deps: Deps, clientId: number): boolean {
  return deps.services.handoff.isOpen(clientId)
}

/** Writes the client's message to their transcript, and keeps its row for the relay. */
function recordMessage(
  deps: Deps,
  ctx: object,
  clientId: number,
  msg: Message,
): { row: MessageRow; duplicate: boolean } {
  const entry = describeMessage(msg) ?? { type: 'other', text: null, fileId: null }
  const result = deps.services.handoff.recordIncoming(clientId, entry, msg.message_id, chatOf(msg))
  recorded.set(ctx, result)
  return result
}

/**
 * A team member's message that nothing else took, after a request of their own closed: recorded
 * now, by the relay, so that it reopens the request from its row as a client's message would.
 * Not at the update's start: an owner's prompt takes such a message first (the text of a
 * /broadcast, the message /staff is given to add someone), and that is no client's.
 */
export function recordTeamMemberWritingAgain(
  deps: Deps,
  ctx: BotContext,
): { row: MessageRow; duplicate: boolean } | undefined {
  const client = ctx.client
  const msg = ctx.message
  if (!client || !msg || ctx.chat?.type !== 'private' || ctx.staffRole === undefined) return undefined
  if (!deps.services.handoff.wasClosed(client.id)) return undefined
  return recordMessage(deps, ctx, client.id, msg)
}

export function createTranscriptRecorder(deps: Deps): MiddlewareFn<BotContext> {
  const { handoff } = deps.services
  return async (ctx, next) => {
    const client = ctx.client
    if (ctx.chat?.type !== 'private' || !client) return next()
    // The role the client middleware read for this update: no statement more per update
    if (ctx.staffRole !== undefined && !teamMemberRecorded(deps, client.id)) {
      const chatId = ctx.chat.id
      teamChatsInFlight.add(chatId)
      try {
        return await next()
      } finally {
        teamChatsInFlight.delete(chatId)
      }
    }

    const chatId = ctx.chat.id
    saidInUpdate.set(chatId, [])
    try {
      const known = await recordUpdate(ctx, client)
      // Read before any flow runs: a request opened by this update itself posts a history that
      // ends at the message, or relays it (a trigger word's, opened above, is open already).
      // A command is never passed on, so it reads nothing; a text's openness was read above
      const msg = ctx.message
      const openBefore = msg !== undefined && !msg.text?.startsWith('/') && (known ?? handoff.isOpen(client.id))
      await next()
      if (openBefore) passOnWhatWasTaken(ctx, client)
    } finally {
      saidInUpdate.delete(chatId)
    }
  }

  /**
   * The client's message in an open request that a flow or a feature took as its own and that so
   * never reached the relay (the chain's last handler): a booking's number, a day typed at its
   * confirmation, a questionnaire's answer, a try at a step answered by the step. Everything the
   * client writes while a manager reads the chat reaches the topic, with what the bot answered it
   * under it (`showBotWords`): the manager had asked for the number that the booking took, and
   * saw silence until the booking's notice. One place for every flow, after all of them: none
   * can keep a message from the topic. No answer is owed for one the bot answered; a command is
   * not relayed, as the relay relays none; a re-delivered update was passed on the first time.
   */
  function passOnWhatWasTaken(ctx: BotContext, client: ClientRow): void {
    const msg = ctx.message
    const written = recorded.get(ctx)
    if (!msg || !written || written.duplicate || msg.text?.startsWith('/')) return
    // (Relayed, the common case, is known without a statement: `isRelayed` remembers its rows)
    if (handoff.isRelayed(written.row) || !handoff.isOpen(client.id)) return
    // (A question passed on from a step — «а время звонка по Москве?» at the booking's days — is
    // answered by the call the client then books: what settles it goes with it)
    const settles = msg.text === undefined ? [] : settledBy(msg.text)
    handoff.relayFromClient(
      client.id,
      written.row,
      botAnsweredUpdate(ctx),
      realReplyTo(msg),
      forwardedFrom(msg),
      settles,
    )
    showBotWords(deps, ctx)
  }

  /** The client's side of the update, in their transcript: their message, its edit, or the button they pressed. */
  /**
   * Whether the client's request is open once their message is recorded, where that was read
   * (a text, not a command): the caller reads it no second time.
   */
  async function recordUpdate(ctx: BotContext, client: ClientRow): Promise<boolean | undefined> {
    const msg = ctx.message
    let open: boolean | undefined
    if (msg) {
      const text = msg.text ?? msg.caption
      const command = text?.startsWith('/') === true
      open = text && !command ? handoff.isOpen(client.id) : undefined
      if (open === false && text) {
        // The money asked back politely is a refund request, not a complaint's trigger word
        const refund = refundAsked(deps, text)
        const word = refund ? undefined : handoff.matchTrigger(text)
        if (refund || word) {
          // Opened before this message is stored: it goes to the topic as itself, not in the
          // transcript (and what the bot answered it, under it: the relay's `showBotWords`)
          const result = refund ? handoff.open(client.id, 'refund') : handoff.open(client.id, 'trigger', word)
          ctx.log.info({ clientId: client.id, refund }, 'trigger word or a refund asked: handoff opened')
          open = undefined
          if (result) {
            const locale = await ctx.i18n.getLocale()
            const messageStored = updateRecorded(ctx)
            await ctx.reply(handoffOpenedText(deps, ctx.t, locale, client, result, { messageStored }))
            noteEtaTold(deps, client.id, result)
          }
        }
      }
      // A pin or a payment is Telegram's word, not the client's
      if (!isServiceMessage(msg)) recordMessage(deps, ctx, client.id, msg)
    } else if (ctx.editedMessage) {
      const edit = describeEdit(ctx.editedMessage)
      if (edit) handoff.editIncoming(client.id, chatOf(ctx.editedMessage), ctx.editedMessage.message_id, edit)
    } else if (ctx.callbackQuery?.data) {
      const data = ctx.callbackQuery.data
      const button = ctx.callbackQuery.message?.reply_markup?.inline_keyboard
        .flat()
        .find((b) => 'callback_data' in b && b.callback_data === data)
      const chat = ctx.callbackQuery.message?.business_connection_id ?? null
      if (button) {
        handoff.recordButton(client.id, pressedLabel(data, button.text), chat)
        pressesRecorded.add(ctx)
      }
    }
    return open
  }
}

/** grammY's own default `fetch` (node-fetch, resolved from grammY itself), for when no custom one is given. */
export function defaultFetch(): Fetch {
  const require = createRequire(import.meta.url)
  const fromGrammy = createRequire(require.resolve('grammy'))
  const nodeFetch = fromGrammy('node-fetch') as Fetch | { default: Fetch }
  return typeof nodeFetch === 'function' ? nodeFetch : nodeFetch.default
}

const RECORDED_METHODS = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendVoice',
  'sendVideo',
  'sendVideoNote',
  'sendAudio',
  'sendAnimation',
  'sendSticker',
  'sendLocation',
  'sendVenue',
  'sendContact',
  'sendPoll',
  'sendDice',
  'sendMediaGroup',
  'sendInvoice',
  'copyMessage',
  'forwardMessage',
  'editMessageText',
  'editMessageCaption',
])

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'message_id' in value && 'chat' in value
}

/**
 * Wraps the API client's `fetch` above the outbound path (src/bot/outbound.ts) so
 * that every message the bot sends to a client's private chat lands in their
 * transcript (direction 'bot'); not one to a team member's (see the file's comment). It looks at the answer that path read and hands
 * the response to grammY unread. `replies`: the client handlers and conversations answer with,
 * whose messages to a chat whose update is being handled are that update's answers
 * (`showBotWords`).
 */
export function recordingFetch(deps: Deps, base: Fetch, { replies = false }: { replies?: boolean } = {}): Fetch {
  const { handoff, clients, staff } = deps.services
  /** The client whose transcript gets what the bot sent to this private chat; undefined for a team member's. */
  const clientIdOf = (chatId: number) => {
    if (teamChatsInFlight.has(chatId)) return undefined
    const inFlight = clientIdInFlight(chatId, clients.writes())
    if (inFlight !== undefined) return inFlight
    // Outside the chat's own update (a job, a broadcast, a notice from another chat's update)
    const clientId = clients.idByTelegramId(chatId)
    return clientId === undefined || (staff.isStaff(chatId) && !teamMemberRecorded(deps, clientId))
      ? undefined
      : clientId
  }
  const record = (method: string, body: unknown, result: unknown) => {
    const messages = Array.isArray(result) ? result : [result]
    for (const message of messages) {
      if (isMessage(message)) {
        if (message.chat.type !== 'private') continue
        const clientId = clientIdOf(message.chat.id)
        if (clientId === undefined) continue
        if (method.startsWith('editMessage')) {
          const edit = describeEdit(message)
          if (edit) handoff.recordBotEdit(clientId, chatOf(message), message.message_id, edit.text)
        } else {
          const row = handoff.recordBot(
            clientId,
            describeMessage(message) ?? { type: 'other', text: null, fileId: null },
            message.message_id,
            chatOf(message),
          )
          if (row && replies) saidInUpdate.get(message.chat.id)?.push(row.id)
        }
      } else if (method === 'copyMessage' && typeof body === 'object' && body !== null) {
        // A copy returns only its id: the chat comes from the request
        const chatId = Number((body as { chat_id?: unknown }).chat_id)
        const messageId = (message as { message_id?: number } | undefined)?.message_id
        const clientId = chatId > 0 ? clientIdOf(chatId) : undefined
        if (clientId !== undefined && messageId) {
          const row = handoff.recordBot(clientId, { type: 'copy', text: null, fileId: null }, messageId)
          if (row && replies) saidInUpdate.get(chatId)?.push(row.id)
        }
      }
    }
  }
  const wrapped = async (url: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const res = await base(url, init)
    const method = String(url).split('/').pop() ?? ''
    if (!RECORDED_METHODS.has(method)) return res
    // As the outbound path below read it: the body stays unread for grammY
    const answer = answerOf(res)
    if (!answer) {
      // Only an answer that was not JSON (a proxy's page), or a fetch not below the outbound path
      if (res.ok) deps.logger.warn({ method }, 'could not record a bot message: its answer was not read')
      return res
    }
    if (!answer.ok) return res
    try {
      // Only a copy needs the request (its answer has no chat)
      const body = method === 'copyMessage' && typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
      record(method, body, answer.result)
    } catch (err) {
      deps.logger.warn({ err, method }, 'could not record a bot message in the transcript')
    }
    return res
  }
  return wrapped as Fetch
}
