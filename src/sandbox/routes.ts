/**
 * The page's HTTP API under /sandbox/: what the page shows (state, a chat's
 * messages, a person's command menu, files), what people do (write, send a
 * photo, a document, a sticker, a voice message, a location, a contact or a
 * forwarded message, edit, press a button, block the bot), the clock, the flood-limit switch and reset — and a stream of server
 * events (SSE), so every pane follows the world live. Inputs are checked;
 * anything a Telegram app would not allow gets a short 400 answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Message } from 'grammy/types'
import { z } from 'zod'
import type { App } from '../app.ts'
import { pickText } from '../content/text.ts'
import type { CallLog } from './calls.ts'
import { ClockError, type SandboxClock } from './clock.ts'
import {
  type ChatState,
  type ForwardSource,
  type StoredMessage,
  type TelegramEmulator,
  UserActionError,
  withoutReply,
} from './telegram/emulator.ts'
import { mimeOf } from './telegram/files.ts'
import { decoded, readAll } from './telegram/request.ts'
import { OWNER, OWNER_BUSINESS, phoneOf, STAFF_GROUP } from './world.ts'

export type BotStatus = 'starting' | 'running' | 'error' | 'stopped'

/** What the routes need from the running sandbox. */
export interface SandboxControl {
  world(): TelegramEmulator | undefined
  app(): App | undefined
  clock(): SandboxClock
  calls: CallLog
  events: EventHub
  status(): { status: BotStatus; problem?: string; apiRoot?: string }
  rateLimits(): boolean
  setRateLimits(on: boolean): void
  /** `settled`: everything that became due has run and gone out before the answer. */
  moveClock(input: string): Promise<{ settled: boolean }>
  addManager(name: string): Promise<number>
  reset(): Promise<void>
}

/** Server-sent events to every open page. */
export class EventHub {
  private readonly clients = new Set<ServerResponse>()
  private readonly keepAlive: NodeJS.Timeout

  constructor() {
    this.keepAlive = setInterval(() => {
      for (const res of this.clients) res.write(': keep-alive\n\n')
    }, 15_000)
    this.keepAlive.unref()
  }

  add(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    res.write(': connected\n\n')
    this.clients.add(res)
    res.on('close', () => this.clients.delete(res))
  }

  send(type: string, data: unknown = {}): void {
    const frame = `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`
    for (const res of this.clients) res.write(frame)
  }

  close(): void {
    clearInterval(this.keepAlive)
    for (const res of this.clients) res.end()
    this.clients.clear()
  }
}

/**
 * A message as the page draws it: Telegram's object, plus who sent it and the bot's reaction.
 * A pin's service message shows the pinned message as it is now, as Telegram shows it (an
 * edit shows; a deleted one is an inaccessible message, date 0): never an old copy of it.
 */
export function messageView(
  stored: StoredMessage,
  chat?: Pick<ChatState, 'messages'>,
): Message & { sandbox: Record<string, unknown> } {
  const pinned = stored.message.pinned_message
  const pinnedNow = pinned && chat ? chat.messages.get(pinned.message_id) : undefined
  return {
    ...stored.message,
    ...(pinned && chat
      ? {
          pinned_message:
            pinnedNow && !pinnedNow.deleted
              ? withoutReply(pinnedNow.message)
              : { chat: pinned.chat, message_id: pinned.message_id, date: 0 },
        }
      : {}),
    sandbox: {
      fromBot: stored.fromBot,
      ...(stored.service ? { service: true } : {}),
      ...(stored.reactions?.length ? { reactions: stored.reactions } : {}),
    },
  }
}

/**
 * How the page names a chat: the person's id for their chat with the bot (or a group's
 * id), `business:<id>` for the owner's own account's chat with them (Telegram Business).
 */
export function pageChatId(event: { chatId: number; business?: string }): number | string {
  return event.business ? `business:${event.chatId}` : event.chatId
}

function stateView(ctl: SandboxControl) {
  const em = ctl.world()
  const app = ctl.app()
  const content = app?.deps.content.get()
  const zone = content?.business.timezone ?? 'UTC'
  const group = em?.chats.get(STAFF_GROUP.id)
  const roleOf = (id: number) => app?.deps.services.staff.roleOf(id) ?? (id === OWNER.id ? 'owner' : undefined)
  return {
    ...ctl.status(),
    mode: em ? 'embedded' : 'external',
    // In the team's language, as the bot names the business in the group (--locale)
    business: content && app ? pickText(content.business.name, app.deps.config.DEFAULT_LOCALE) : undefined,
    clock: { now: ctl.clock().now(), offset: ctl.clock().offset(), zone },
    rateLimits: ctl.rateLimits(),
    /** The owner's own account has connected the bot (Telegram Business): clients can write there. */
    ownerBusiness: em?.business.connections.get(OWNER_BUSINESS)?.connection.is_enabled ?? false,
    bot: em ? { id: em.bot.id, name: em.bot.first_name, username: em.bot.username } : undefined,
    people: em
      ? [...em.people.values()].map(({ user, started }) => ({
          id: user.id,
          name: [user.first_name, user.last_name].filter(Boolean).join(' '),
          username: user.username,
          language: user.language_code,
          started,
          blocked: em.blockedBy.has(user.id),
          role: roleOf(user.id) ?? 'client',
          member: group?.members.get(user.id),
        }))
      : [],
    group: group
      ? {
          id: group.id,
          title: group.title,
          topics: [...group.topics]
            .filter(([, t]) => !t.deleted)
            .map(([id, t]) => ({ id, name: t.name, closed: !!t.closed })),
          pinned: group.pinned,
        }
      : undefined,
    keyboards: em
      ? Object.fromEntries([...em.chats.values()].filter((c) => c.keyboard).map((c) => [c.id, c.keyboard]))
      : {},
    calls: ctl.calls.list(),
  }
}

// ------------------------------------------------------------ inputs

const id = z.coerce.number().int()
const clientInput = z.object({
  name: z.string().trim().min(1, 'a name, please').max(64),
  language: z
    .string()
    .trim()
    // As Telegram's language_code: a language, with its region when the app has one ("en-GB", "pt-br")
    .regex(/^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$/i, 'a language code such as ru, en or en-GB'),
  username: z
    .string()
    .trim()
    .regex(/^@?[A-Za-z][A-Za-z0-9_]{4,31}$/, 'a username is 5–32 letters, digits and _')
    .optional()
    .or(z.literal('')),
})
const sendInput = z.object({
  from: id,
  chat: id,
  thread: id.optional(),
  text: z.string(),
  replyTo: id.optional(),
})
const editInput = z.object({ from: id, chat: id, message: id, text: z.string() })
const pressInput = z.object({ from: id, chat: id, message: id, data: z.string() })
const blockInput = z.object({ user: id, blocked: z.boolean() })
const topicInput = z.object({ from: id, chat: id, thread: id, closed: z.boolean() })
const payInput = z.object({ from: id, message: id })
/** In the owner's account's chat with the client `chat`: from the client, or from the owner. */
const businessSendInput = z.object({ from: id, chat: id, text: z.string() })
const uploadInput = z.object({
  from: id,
  chat: id,
  thread: id.optional(),
  name: z.string().trim().min(1).max(255),
  caption: z.string().optional(),
  width: id.optional(),
  height: id.optional(),
})

/** Where a person sends something other than text: their chat with the bot, or a topic. */
const placeInput = { from: id, chat: id, thread: id.optional() }
const stickerInput = z.object({ ...placeInput, emoji: z.string() })
const locationInput = z.object({
  ...placeInput,
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
})
/** Without `phone`, the person's own number; with it, someone else's card. */
const contactInput = z.object({
  from: id,
  chat: id.optional(),
  thread: id.optional(),
  phone: z.string().trim().min(1).max(64).optional(),
  first_name: z.string().trim().min(1).max(64).optional(),
  last_name: z.string().trim().max(64).optional(),
  user_id: id.optional(),
})
const forwardInput = z.object({
  ...placeInput,
  text: z.string(),
  origin: z.union([
    z.object({ user: id }).strict(),
    z.object({ hidden_user: z.string().trim().min(1).max(128) }).strict(),
    z
      .object({
        channel: z.string().trim().min(1).max(128),
        username: z.string().trim().max(32).optional(),
        signature: z.string().trim().max(128).optional(),
      })
      .strict(),
  ]),
})
const voiceInput = z.object({ ...placeInput, caption: z.string().optional() })

/** Uploads from the page: Telegram's 20 MB is plenty for a sandbox. */
const UPLOAD_MAX = 20 * 1024 * 1024

class BadInput extends Error {}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

async function body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const raw = (await readAll(req)).toString('utf8')
  let parsed: unknown
  try {
    parsed = raw ? JSON.parse(raw) : {}
  } catch {
    throw new BadInput('the request body is not JSON')
  }
  const result = schema.safeParse(parsed)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new BadInput(`${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}`)
  }
  return result.data
}

function threadOf(input: { thread?: number | undefined }): { threadId?: number } {
  return input.thread !== undefined ? { threadId: input.thread } : {}
}

function worldOf(ctl: SandboxControl): TelegramEmulator {
  const em = ctl.world()
  if (!em) throw new BadInput('the chats live in the other Bot API server (--api-root): only the clock works here')
  return em
}

// ------------------------------------------------------------ the routes

/** `url`: the request's address as the server read it (once, for every check and route). */
export async function handleSandboxRequest(ctl: SandboxControl, req: IncomingMessage, res: ServerResponse, url: URL) {
  const route = `${req.method} ${url.pathname}`
  const q = (name: string) => url.searchParams.get(name) ?? undefined
  try {
    switch (route) {
      case 'GET /sandbox/state':
        return json(res, 200, stateView(ctl))
      case 'GET /sandbox/events':
        return ctl.events.add(res)
      case 'GET /sandbox/messages': {
        const chat = worldOf(ctl).chats.get(Number(q('chat')))
        const messages = chat
          ? [...chat.messages.values()].filter((m) => !m.deleted).map((m) => messageView(m, chat))
          : []
        return json(res, 200, messages)
      }
      case 'GET /sandbox/commands':
        return json(res, 200, worldOf(ctl).commandsFor(Number(q('chat')), Number(q('user'))))
      case 'POST /sandbox/clients': {
        const input = await body(req, clientInput)
        const [first, ...rest] = input.name.split(/\s+/)
        const username = input.username?.replace(/^@/, '')
        const user = worldOf(ctl).addUser({
          first_name: first ?? input.name,
          ...(rest.length ? { last_name: rest.join(' ') } : {}),
          ...(username ? { username } : {}),
          language_code: input.language,
        })
        ctl.events.send('state')
        return json(res, 200, { id: user.id })
      }
      case 'POST /sandbox/managers': {
        const input = await body(req, clientInput.pick({ name: true }))
        return json(res, 200, { id: await ctl.addManager(input.name) })
      }
      case 'POST /sandbox/group/add': {
        // Into the staff group, by an admin (the owner): someone /staff put on the team joins it
        const input = await body(req, z.object({ from: id, user: id }))
        const sent = worldOf(ctl).userAddMember(input.from, STAFF_GROUP.id, input.user)
        ctl.events.send('state')
        return json(res, 200, { message_id: sent.message_id })
      }
      case 'POST /sandbox/send': {
        const input = await body(req, sendInput)
        const sent = worldOf(ctl).userMessage(
          input.from,
          input.chat,
          { text: input.text },
          {
            ...(input.thread !== undefined ? { threadId: input.thread } : {}),
            ...(input.replyTo !== undefined ? { replyTo: input.replyTo } : {}),
          },
        )
        return json(res, 200, { message_id: sent.message_id })
      }
      case 'POST /sandbox/upload': {
        const input = uploadInput.safeParse(Object.fromEntries(url.searchParams))
        if (!input.success) throw new BadInput('from, chat and name are needed')
        const data = await readAll(req)
        if (data.length === 0) throw new BadInput('the file is empty')
        if (data.length > UPLOAD_MAX) throw new BadInput('a file can be at most 20 MB')
        const { from, chat, thread, name, caption, width, height } = input.data
        const isImage = /^image\/(png|jpeg|gif|webp)$/.test(mimeOf(name) ?? '')
        const content = isImage
          ? { photo: { data, filename: name, ...(width ? { width } : {}), ...(height ? { height } : {}) }, caption }
          : { document: { data, filename: name }, caption }
        const sent = worldOf(ctl).userMessage(from, chat, content, thread !== undefined ? { threadId: thread } : {})
        return json(res, 200, { message_id: sent.message_id })
      }
      case 'POST /sandbox/contact': {
        const input = await body(req, contactInput)
        if (input.phone === undefined && (input.first_name ?? input.last_name ?? input.user_id) !== undefined) {
          throw new BadInput('phone: someone else’s contact card needs their number')
        }
        if (input.phone !== undefined && input.first_name === undefined) {
          throw new BadInput('first_name: someone else’s contact card needs their name')
        }
        const content =
          input.phone === undefined
            ? { contact: { phone_number: phoneOf(input.from) } }
            : {
                contactCard: {
                  phone_number: input.phone,
                  first_name: input.first_name ?? '',
                  ...(input.last_name ? { last_name: input.last_name } : {}),
                  ...(input.user_id !== undefined ? { user_id: input.user_id } : {}),
                },
              }
        const sent = worldOf(ctl).userMessage(input.from, input.chat ?? input.from, content, threadOf(input))
        return json(res, 200, { message_id: sent.message_id })
      }
      case 'POST /sandbox/sticker': {
        const input = await body(req, stickerInput)
        const sent = worldOf(ctl).userMessage(
          input.from,
          input.chat,
          { sticker: { emoji: input.emoji } },
          threadOf(input),
        )
        return json(res, 200, { message_id: sent.message_id })
      }
      case 'POST /sandbox/voice': {
        // The recording's bytes (an Ogg Opus file), or nothing: a second of silence
        const input = voiceInput.safeParse(Object.fromEntries(url.searchParams))
        if (!input.success) throw new BadInput('from and chat are needed')
        const data = await readAll(req)
        if (data.length > UPLOAD_MAX) throw new BadInput('a file can be at most 20 MB')
        const { caption } = input.data
        const sent = worldOf(ctl).userMessage(
          input.data.from,
          input.data.chat,
          { voice: data.length > 0 ? { data } : {}, ...(caption ? { caption } : {}) },
          threadOf(input.data),
        )
        return json(res, 200, { message_id: sent.message_id })
      }
      case 'POST /sandbox/location': {
        const input = await body(req, locationInput)
        const { latitude, longitude } = input
        const sent = worldOf(ctl).userMessage(
          input.from,
          input.chat,
          { location: { latitude, longitude } },
          threadOf(input),
        )
        return json(res, 200, { message_id: sent.message_id })
      }
      case 'POST /sandbox/forward': {
        const input = await body(req, forwardInput)
        const { origin } = input
        const from: ForwardSource =
          'user' in origin
            ? { user: origin.user }
            : 'hidden_user' in origin
              ? { hiddenUser: origin.hidden_user }
              : {
                  channel: origin.channel,
                  ...(origin.username ? { username: origin.username } : {}),
                  ...(origin.signature ? { signature: origin.signature } : {}),
                }
        const sent = worldOf(ctl).userMessage(
          input.from,
          input.chat,
          { forwarded: { text: input.text, from } },
          threadOf(input),
        )
        return json(res, 200, { message_id: sent.message_id })
      }
      case 'POST /sandbox/edit': {
        const input = await body(req, editInput)
        worldOf(ctl).userEdit(input.from, input.chat, input.message, input.text)
        return json(res, 200, { ok: true })
      }
      case 'POST /sandbox/topic': {
        const input = await body(req, topicInput)
        worldOf(ctl).userSetTopicClosed(input.from, input.chat, input.thread, input.closed)
        return json(res, 200, { ok: true })
      }
      case 'POST /sandbox/press': {
        const input = await body(req, pressInput)
        const query = worldOf(ctl).pressButton(input.from, input.chat, input.message, input.data)
        return json(res, 200, { id: query.id })
      }
      case 'POST /sandbox/pay': {
        // Pay under an invoice, then confirm: Telegram asks the bot, and the money moves on its "ok"
        const input = await body(req, payInput)
        const checkout = worldOf(ctl).payments.pay(input.from, input.message)
        return json(res, 200, { id: checkout.id })
      }
      case 'POST /sandbox/business/connect': {
        const input = await body(req, z.object({ on: z.boolean() }))
        worldOf(ctl).business.connectAndTell(OWNER.id, { id: OWNER_BUSINESS, enabled: input.on })
        ctl.events.send('state')
        return json(res, 200, { on: input.on })
      }
      case 'GET /sandbox/business/messages': {
        const em = worldOf(ctl)
        if (!em.business.connections.has(OWNER_BUSINESS)) return json(res, 200, [])
        const chat = em.business.chat(OWNER_BUSINESS, Number(q('chat')))
        return json(
          res,
          200,
          [...chat.messages.values()].filter((m) => !m.deleted).map((m) => messageView(m, chat)),
        )
      }
      case 'POST /sandbox/business/send': {
        const input = await body(req, businessSendInput)
        if (!input.text.trim()) throw new BadInput('text: write something')
        const em = worldOf(ctl)
        if (input.from !== OWNER.id && input.from !== input.chat) throw new BadInput('from: the client or the owner')
        const sent = em.business.message(OWNER_BUSINESS, input.from, input.chat, input.text)
        return json(res, 200, { message_id: sent.message_id })
      }
      case 'POST /sandbox/business/press': {
        const input = await body(req, pressInput)
        const query = worldOf(ctl).business.pressButton(OWNER_BUSINESS, input.from, input.message, input.data)
        return json(res, 200, { id: query.id })
      }
      case 'POST /sandbox/block': {
        const input = await body(req, blockInput)
        worldOf(ctl).setBlocked(input.user, input.blocked)
        return json(res, 200, { ok: true })
      }
      case 'POST /sandbox/clock': {
        // A plain body ("+3d", "2026-12-01T10:00") or JSON {"to": …}
        const raw = (await readAll(req)).toString('utf8').trim()
        const to: unknown = raw.startsWith('{') ? JSON.parse(raw)?.to : raw
        if (typeof to !== 'string' || !to) throw new BadInput('say where to: "+1h", "+3d" or a date and time')
        const { settled } = await ctl.moveClock(to)
        const clock = ctl.clock()
        return json(res, 200, { now: new Date(clock.now()).toISOString(), offset: clock.offset(), settled })
      }
      case 'POST /sandbox/rate-limits': {
        const input = await body(req, z.object({ on: z.boolean() }))
        ctl.setRateLimits(input.on)
        return json(res, 200, { on: ctl.rateLimits() })
      }
      case 'POST /sandbox/reset':
        await ctl.reset()
        return json(res, 200, { ok: true })
    }
    // HEAD too: node leaves the body out of a HEAD's answer itself
    if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith('/sandbox/files/')) {
      // A path that is not valid encoding names no file
      return serveFile(worldOf(ctl), decoded(url.pathname.slice('/sandbox/files/'.length)) ?? '', res)
    }
    return json(res, 404, { error: `no such sandbox route: ${route}` })
  } catch (err) {
    if (err instanceof BadInput || err instanceof UserActionError || err instanceof ClockError) {
      return json(res, 400, { error: err.message })
    }
    if (err instanceof SyntaxError) return json(res, 400, { error: 'the request body is not JSON' })
    throw err
  }
}

/** Picture types a browser shows and never runs (SVG can carry script, so it is not one). */
const SAFE_IMAGE = /^image\/(png|jpeg|gif|webp)$/

function serveFile(em: TelegramEmulator, fileId: string, res: ServerResponse): void {
  const record = em.files.get(fileId)
  const data = em.files.data.get(fileId)
  if (!record || !data) {
    json(res, 404, { error: 'no such file' })
    return
  }
  const png = data.subarray(1, 4).toString('latin1') === 'PNG'
  const type =
    record.mime_type ?? (record.kind === 'photo' ? (png ? 'image/png' : 'image/jpeg') : 'application/octet-stream')
  const name = record.file_name ?? `${record.kind}-${record.file_unique_id}`
  // Only a picture opens in the page: anything else someone sent (an .html, an .svg) is a
  // download, never a page running on the sandbox's own address
  const inline = record.kind === 'photo' && SAFE_IMAGE.test(type)
  res.writeHead(200, {
    'content-type': type,
    'content-length': data.length,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`,
    'x-content-type-options': 'nosniff',
  })
  res.end(data)
}
