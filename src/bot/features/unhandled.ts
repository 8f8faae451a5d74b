import { InlineKeyboard } from 'grammy'
import type { Message } from 'grammy/types'
import { conversationKey } from '../../../db/storage.ts'
import type { Deps } from '../../deps.ts'
import { formatPhone, parsePhone } from '../../phone.ts'
import { questionQuote } from '../../services/handoff/index.ts'
import { chatKind, replyKeyboardsAllowed } from '../client-chat.ts'
import { CLIENT_COMMANDS, commandForLog, commandOf, commandPlace, meantCommand } from '../commands.ts'
import type { BotContext, Translate } from '../context.ts'
import { takeNightReply } from '../desk/night.ts'
import { looksLikeYaml } from '../files.ts'
import { chatOf, describeMessage, isAcknowledgement, isClientFile, isThanks } from '../handoff/message-entry.ts'
import { mainMenuKeyboard, menuCallback } from '../keyboards/main-menu.ts'
import { priceList } from '../product-cards.ts'
import type { BotScopes, PrivateContext } from '../scopes.ts'
import { answerStaff } from '../staff-answer.ts'
import {
  answersTheBot,
  asksAboutPrice,
  asksForAPerson,
  asksForTheBoss,
  isPlainNo,
  isPlainYes,
  namesAPerson,
  onlyTells,
  settledBy,
  wantsNoMarketing,
} from '../typed-answers.ts'
import { passNewsToManager, talkToManager } from './handoff.ts'
import { stopNewsletters } from './privacy.ts'

/**
 * Whether a client with no request, open or closed, wrote news alone (`onlyTells`: «Оплатила! пришлю
 * чек вечером», «скину фото в понедельник, спасибо», «получила посылку, спасибо»), with no
 * complaint's words. A payment said made counts as news here whatever the bot knows of it: there is
 * no order of theirs to check it against, and a person reads it either way — with no answer time.
 */
function firstNews(deps: Deps, clientId: number, text: string): boolean {
  if (deps.services.handoff.current(clientId) !== undefined || deps.services.handoff.wasClosed(clientId)) return false
  const news = onlyTells(text, { acknowledges: (part) => isAcknowledgement({ text: part }), paidKnown: () => true })
  return news && deps.services.handoff.matchTrigger(text) === undefined
}

/**
 * How long the offer of a manager stands for what the client adds to what they wrote, while it is
 * still the last thing the bot said: a sticker, or a few words more ("срочно", "для салона") — the
 * offer right above still answers them (a photo, a file or a voice message opens the request
 * instead: the bot cannot read it, a person can), and a copy of it under
 * each reads as a bot not listening. Words are read together with those before them, so a need
 * typed in pieces opens a request as one sentence would. (After something else in between, words
 * are answered anew: they may be a new question.)
 */
const OFFER_STANDS_MS = 2 * 60_000

/**
 * "How much?" written outside any flow (what opens a request, a bare "цены" that opens none) or
 * as a closed request opens again: the prices the content file gives, at once — a manager still
 * answers the question itself (the exact price of what they need), but the client does not wait
 * for numbers the bot has; a product the words name that is not available now is said to be so.
 * Only in the bot's own chat: in the owner's account the team answers. Returns the message sent,
 * if any.
 */
export async function answerPriceQuestion(ctx: BotContext, deps: Deps, text: string): Promise<Message | undefined> {
  if (!ctx.client || !asksAboutPrice(text) || !replyKeyboardsAllowed(ctx)) return undefined
  const list = priceList(ctx, deps.content.get(), await ctx.i18n.getLocale(), text)
  return list === undefined ? undefined : await ctx.reply(ctx.t('price-list', { list }))
}

/**
 * Whether `text` is the bot's "I'm a bot and understand buttons best" (`offerManager`'s offer, by
 * day or by night): it asked for the buttons, and a question above it is still the open one.
 */
export function asksForTheButtons(text: string, t: Translate): boolean {
  return (
    text === t('free-text', { button: t('free-text-manager-button') }) || text.startsWith(`${t('free-text-night')}\n\n`)
  )
}

/**
 * Messages typed one after another, read as one: "Добрый день" then "Нужен сайт…" is quoted on the
 * card as «Добрый день / Нужен сайт…» — run together, «Добрый день Нужен сайт» read as a typo. A
 * piece that ends its sentence needs no mark.
 */
function joinPieces(before: string, next: string): string {
  if (before === '') return next
  return /[.!?…:;,)。！？，]$/u.test(before.trimEnd()) ? `${before} ${next}` : `${before} / ${next}`
}

/**
 * Last in the chain: whatever nobody handled gets a short, clear answer (in
 * private chats) or is ignored safely (groups), and is logged.
 */
export function registerUnhandledFeature(deps: Deps, scopes: BotScopes): void {
  // A button from an old message, another flow, or forged data
  scopes.all.on('callback_query', async (ctx) => {
    ctx.log.info({ data: ctx.callbackQuery.data?.slice(0, 64) }, 'stale or unknown button')
    // /menu is an answer only in the bot's own chat: not in the staff group, nor in the owner's
    // Business chat, where the bot may not be the one answering
    const own = ctx.chat?.type === 'private' && replyKeyboardsAllowed(ctx)
    await ctx.answerCallbackQuery({ text: ctx.t(own ? 'stale-button-menu' : 'stale-button'), show_alert: false })
  })

  const privateChat = scopes.private
  /**
   * The last offer of a manager in each chat, by the chat and the owner's account it is with
   * (the bot's chat and the owner's Business chat share an id): when, what it said, and the words
   * the client typed from the one it answered on. In memory: after a restart, one more offer at
   * most. Kept in the order made, so the expired ones are at the front.
   */
  const offeredAt = new Map<string, { at: number; text: string; words: string }>()
  /** Records an offer made in the chat now, answering `words`. */
  const offered = (key: string, now: number, text: string, words: string): void => {
    offeredAt.delete(key)
    for (const [chat, { at }] of offeredAt) {
      if (now - at < OFFER_STANDS_MS) break
      offeredAt.delete(chat)
    }
    offeredAt.set(key, { at: now, text, words })
  }
  /**
   * The offer standing in this chat — made within OFFER_STANDS_MS and still the last thing the
   * bot said there (nothing else in between, the menu say) — with the words typed since it began.
   */
  const offerStanding = (ctx: PrivateContext) => {
    const last = offeredAt.get(conversationKey(ctx.chat.id, ctx.msg?.business_connection_id))
    if (!ctx.msg || last === undefined || deps.clock.now() - last.at >= OFFER_STANDS_MS) return undefined
    // No client row (an update the bot could not tie to one): by time alone, as before words were read together
    if (!ctx.client) return last
    const said = deps.services.handoff.openQuestion(ctx.client.id, chatOf(ctx.msg), OFFER_STANDS_MS)
    return said?.text === last.text ? last : undefined
  }
  // No defined answer: a person can help; the manager sees this message in the transcript (a
  // sticker or a place too: it follows into the topic as itself). At night the client also learns,
  // once, when the team is back
  const offerManager = async (ctx: PrivateContext, standing = offerStanding(ctx)) => {
    const key = conversationKey(ctx.chat.id, ctx.msg?.business_connection_id)
    const now = deps.clock.now()
    if (standing !== undefined) {
      // Words typed on are kept with those before them (read together at the next)
      if (ctx.msg?.text !== undefined) standing.words = joinPieces(standing.words, ctx.msg.text)
      ctx.log.info('more right after the offer of a manager: the offer stands, not repeated')
      return
    }
    const button = ctx.t('free-text-manager-button')
    const locale = await ctx.i18n.getLocale()
    const night = ctx.client ? takeNightReply(deps, ctx.t, locale, ctx.client, { button }) : undefined
    // Nothing reaches a manager until the client taps: the text names the button rather than
    // promising an answer (at night the closing text does, with when the team is back)
    const text = night ? `${ctx.t('free-text-night')}\n\n${night}` : ctx.t('free-text', { button })
    offered(key, now, text, ctx.msg?.text ?? '')
    return ctx.reply(text, {
      reply_markup: new InlineKeyboard()
        .text(button, menuCallback.pack('ask'))
        .row()
        .text(ctx.t('menu-back'), menuCallback.pack('main')),
    })
  }
  // A team member in their own chat with the bot is no client: nothing they write there reaches a
  // client, and offering them a manager (or tonight's "we are closed") would mislead. In an owner's
  // Business chat they write as anyone would (no team talk there)
  const teamRoleHere = (ctx: PrivateContext) => (replyKeyboardsAllowed(ctx) ? ctx.staffRole : undefined)
  const answerTeam = (ctx: PrivateContext) => ctx.reply(ctx.t('staff-free-text'))
  /**
   * A client's words outside any flow, as one reading: typed, or the caption of a photo, a voice
   * message, a video or a file (`file`: its kind). The prices at once for "how much?"; a request
   * for what asks a person (a file always: the bot cannot read it, and it follows into the topic
   * with the conversation), with the words quoted on the card, a number typed in them kept, and the
   * owners told of "позовите руководителя"; else the offer of a manager. A caption read apart had
   * no price answer, no number kept, no owner told, and a card with no words.
   */
  const readClientWords = async (ctx: PrivateContext, text: string, file?: string) => {
    // Typed on under the offer standing: with the words before it ("Привет", "срочно", "нужен
    // сайт"); what asks for a person on its own does so whatever came before ("ок", then a question)
    const standing = offerStanding(ctx)
    // ("нет, спасибо" under the offer declines it: an answer, not a piece of a need)
    const words = standing?.words && !answersTheBot(text) ? joinPieces(standing.words, text) : text
    await answerPriceQuestion(ctx, deps, text)
    // In the owner's own chat (Telegram Business) the client writes to a person, and the offer's
    // "I'm a bot, tap the button" in the owner's name names a button that is not there: what the bot
    // cannot answer goes to the team as a question
    const toPerson = chatKind(ctx) === 'business'
    const asks = asksForAPerson(text) || asksForAPerson(words) || namesAPerson(text)
    if (ctx.client && (file !== undefined || toPerson || asks)) {
      // News that asks nothing, from a client who never had a request (one who had passed the
      // relay): a manager's to read, not a question to answer by a time — it had "we will answer
      // by 12:15" and an apology for a wait to a client who asked nothing
      if (firstNews(deps, ctx.client.id, words)) {
        ctx.log.info({ clientId: ctx.client.id, file }, 'news outside any flow: passed on to a manager as a message')
        return passNewsToManager(ctx, deps, questionQuote(words))
      }
      ctx.log.info({ clientId: ctx.client.id, file }, 'a question outside any flow: request opened')
      // "Перезвоните +7 916 …" from a client whose number the bot does not know: theirs to be
      // called on — the card shows it, and booking offers it by name rather than asking again
      deps.services.clients.keepTypedPhone(ctx.client.id, text)
      // What the client may do themselves that answers it ("когда позвоните?": the call they book)
      const settles = settledBy(words)
      const opened = await talkToManager(ctx, deps, { reason: 'question', words: questionQuote(words), settles })
      // Someone above the team asked for ("позовите руководителя"): the owners are told too
      // (Not said in the owner's own Business chat: the one asked for writes there)
      const told =
        opened && asksForTheBoss(text) ? deps.services.handoff.escalate(ctx.client.id, ['boss'])?.boss : undefined
      if (told === 'told' && replyKeyboardsAllowed(ctx)) await ctx.reply(ctx.t('handoff-boss-told'))
      return opened
    }
    return offerManager(ctx, standing)
  }
  privateChat.on('message:text', async (ctx) => {
    if (ctx.msg.text.startsWith('/')) {
      ctx.log.info(commandForLog(ctx.msg.text), 'unknown command')
      // A team member's group command typed in their own chat with the bot (/find, /close…):
      // where it works, not "unknown" right after /help listed it for them. (In an owner's
      // Business chat they write as anyone would: no team talk there)
      const command = commandOf(ctx.msg.text)?.name
      const own = replyKeyboardsAllowed(ctx)
      const where = ctx.staffRole && command && own ? commandPlace(command, ctx.staffRole) : 'unknown'
      if (command && (where === 'topic' || where === 'anywhere' || where === 'owner')) {
        return ctx.reply(ctx.t('staff-command-in-group', { command, where }))
      }
      const meant = command && meantCommand(command, 'private', own ? ctx.staffRole : undefined)
      return ctx.reply(
        meant ? `${ctx.t('command-meant', { command: meant })}\n${ctx.t('unknown-command')}` : ctx.t('unknown-command'),
      )
    }
    const role = teamRoleHere(ctx)
    if (role) {
      // A content file pasted as a message: it is applied only as a file (docs/content.md)
      if (looksLikeYaml(ctx.msg.text)) return ctx.reply(ctx.t('staff-pasted-content', { role }))
      // "да" typed at a question of the bot's own (add to the team? send the broadcast?): those are
      // answered with their buttons, which a yes typed cannot stand for; said so, not the chat's hint
      if (isPlainYes(ctx.msg.text) || isPlainNo(ctx.msg.text)) return ctx.reply(ctx.t('staff-typed-yes-no'))
      return answerTeam(ctx)
    }
    // A thanks alone asks for nothing: offering a manager would answer a question never asked
    if (isThanks(ctx.msg)) return ctx.reply(ctx.t('free-text-thanks'))
    // "stop" under a broadcast or a follow-up: the client means /stop. Only here, outside any step
    // (in a quiz «стоп» answers the step) and in the bot's own chat (no broadcast goes elsewhere)
    if (wantsNoMarketing(ctx.msg.text) && replyKeyboardsAllowed(ctx)) return stopNewsletters(deps, ctx)
    return readClientWords(ctx, ctx.msg.text)
  })
  // The client's own number, shared with a "share my number" button left under the chat by a
  // question they walked away from (Telegram keeps such a keyboard until it is removed): kept
  privateChat.on('message:contact', async (ctx, next) => {
    const { contact } = ctx.msg
    const phone = contact.user_id === ctx.from.id ? parsePhone(contact.phone_number, { shared: true }) : undefined
    if (!ctx.client || !phone) return next()
    deps.services.clients.setPhone(ctx.client.id, phone)
    ctx.log.info({ clientId: ctx.client.id }, 'the client shared their number outside a question')
    // Most often the keyboard was a booking's, left for /start or the menu: the number alone
    // books no call, and a client without one is told so rather than left waiting for a ring
    const call = deps.services.booking.upcomingFor(ctx.client.id).length > 0 ? 'yes' : 'no'
    await ctx.reply(
      ctx.t('contact-saved', { phone: formatPhone(phone), call, button: ctx.t('menu-booking'), chat: chatKind(ctx) }),
      replyKeyboardsAllowed(ctx) ? { reply_markup: { remove_keyboard: true } } : {},
    )
  })
  // An owner's document nothing took: most likely the content file under another name
  privateChat.on('message:document', async (ctx, next) => {
    if (ctx.staffRole !== 'owner') return next()
    const name = ctx.msg.document.file_name ?? ''
    const yaml = `${name.replace(/\.[^.]*$/, '') || 'content'}.yaml`
    await ctx.reply(ctx.t('import-not-yaml', { name: name || '—', yaml }))
  })
  // An owner's photo outside any step (a broadcast's is taken before): its file_id, the form a
  // product's `photo` takes. An owner without a website had no way to put their own pictures on
  // the cards
  privateChat.on('message:photo', async (ctx, next) => {
    const fileId = ctx.msg.photo.at(-1)?.file_id
    if (teamRoleHere(ctx) !== 'owner' || fileId === undefined) return next()
    return ctx.reply(ctx.t('owner-photo-file-id', { fileId }), { parse_mode: 'HTML' })
  })
  // A team member's photo, sticker, voice message… outside any step: the same as their text
  privateChat.on('message', async (ctx, next) => (teamRoleHere(ctx) ? answerTeam(ctx) : next()))
  // A photo, a voice message, a video, a file… outside any flow: the bot cannot read it, and one who
  // recorded a voice message or sent a photo of a scratch asks a person — a request opens as
  // «Написать менеджеру» opens it, and the message follows into the topic with the conversation.
  // "I understand buttons best" under it lost the lead until the client tapped (or typed «??»).
  // (A request open or closed before: the relay has it. A step of a flow answers its own)
  privateChat.on('message', async (ctx, next) => {
    const kind = describeMessage(ctx.msg)?.type
    if (!ctx.client || kind === undefined || !isClientFile(ctx.msg)) return next()
    // Its caption is the client's words, read as typed ones are ("сколько стоит?" under a photo)
    const caption = ctx.msg.caption?.trim()
    if (caption) return readClientWords(ctx, caption, kind)
    ctx.log.info({ clientId: ctx.client.id, kind }, 'a file outside any flow: request opened')
    return talkToManager(ctx, deps, { reason: 'file', kind })
  })
  // In the owner's own chat, anything else (a sticker, a GIF, a message the bot cannot read) is the
  // owner's to see there, where it came: the bot writes nothing as them under it ("I'm a bot…",
  // "pick from the menu" — a menu that is not there). Kept in the transcript all the same
  privateChat.on('message', async (ctx, next) => {
    if (chatKind(ctx) === 'bot') return next()
    ctx.log.info(
      { clientId: ctx.client?.id },
      "a message in the owner's chat with nothing to answer: left to the owner",
    )
  })
  // A sticker, a GIF, a place…: kept in the transcript like a text, and a person offered
  privateChat.on('message', async (ctx, next) => (describeMessage(ctx.msg) ? offerManager(ctx) : next()))
  privateChat.on('message', async (ctx) => {
    ctx.log.info('unsupported message type')
    await ctx.reply(ctx.t('unsupported-message'), { reply_markup: mainMenuKeyboard(ctx, deps.content.get()) })
  })

  // Client commands sent in the staff group by someone outside the team: a hint, not silence (the
  // team's go on to the hint below, which adds what works here, as in a client's topic)
  scopes.staffGroup.command([...CLIENT_COMMANDS], (ctx, next) =>
    ctx.staffRole ? next() : answerStaff(deps, ctx, ctx.t('private-only')),
  )

  // A topic a client left behind when an owner moved them (/move) is no longer theirs: what
  // staff write there reaches nobody, and the one who wrote is told so where they wrote it
  scopes.staffGroup.on('message', (ctx, next) => {
    const thread = ctx.msg.is_topic_message ? ctx.msg.message_thread_id : undefined
    if (!ctx.staffRole || thread === undefined || !describeMessage(ctx.msg)) return next()
    const { handoff, staffGroups, clients } = deps.services
    const clientId = handoff.topics.leftBy(ctx.chat.id, thread)
    if (clientId === undefined) return next()
    // Read, never chosen: writing here must not move the client (as `groupOf` would from a group
    // since taken out of the settings, where they then have no topic to name)
    const client = clients.get(clientId)
    const group = client ? staffGroups.topicGroupOf(client) : undefined
    if (group === undefined) return next()
    ctx.log.info({ clientId }, 'staff message in a topic the client left behind')
    return answerStaff(deps, ctx, ctx.t('handoff-left-topic', { group: String(staffGroups.numberOf(group) ?? group) }))
  })

  // The topic of a client who erased their data (/forget) is no longer theirs either, and the
  // erasure kept nothing that ties it to them. Telegram still says which topic it is: every
  // message there that replies to nothing else comes with the topic's first message, the one the
  // bot made it with, whose name ends in the client's number. That client erased: the one who
  // wrote is told, as in a topic left behind (a message replying to another names no topic: silence)
  scopes.staffGroup.on('message', (ctx, next) => {
    const thread = ctx.msg.is_topic_message ? ctx.msg.message_thread_id : undefined
    if (!ctx.staffRole || thread === undefined || !describeMessage(ctx.msg)) return next()
    const root = ctx.msg.reply_to_message
    if (root?.message_id !== thread || root.from?.id !== ctx.me.id || !root.forum_topic_created) return next()
    const number = /#(\d{1,15})$/.exec(root.forum_topic_created.name.trim())?.[1]
    const client = number === undefined ? undefined : deps.services.clients.get(Number(number))
    if (!client || client.deletedAt === null) return next()
    // Without the client's number: the log must not tie the topic to the anonymous row again
    ctx.log.info('staff message in the topic of a client who erased their data')
    return answerStaff(deps, ctx, ctx.t('handoff-erased-topic'))
  })

  // A team member's command outside a client's topic that nothing here took (one of a topic's,
  // an owner's private one, a typo): where it works, not silence. A command for another bot in
  // the group (/x@other_bot) is not the bot's to answer, nor a stranger's
  scopes.staffGroup.on('message:text', (ctx, next) => {
    if (!ctx.staffRole || ctx.topicClient) return next()
    const { name: command, addressee } = commandOf(ctx.msg.text) ?? {}
    const other = addressee !== undefined && addressee.toLowerCase() !== ctx.me.username.toLowerCase()
    if (command === undefined || other) return next()
    const where = commandPlace(command, ctx.staffRole)
    if (where === 'anywhere') return next()
    ctx.log.info({ ...commandForLog(ctx.msg.text), where }, 'staff command outside a client topic')
    // A typo of one of the group's own ("/fnd jess", "/todya"): which one it likely was, first, as in a topic
    const meant = where === 'unknown' ? meantCommand(command, 'group') : undefined
    const here = ctx.t('staff-group-command-elsewhere', { command, where })
    return answerStaff(deps, ctx, meant ? `${ctx.t('command-meant', { command: meant })}\n${here}` : here)
  })

  // Anything else (other groups, channels, service messages) is ignored on purpose
  scopes.all.use((ctx) => {
    ctx.log.debug('update ignored')
  })
}
