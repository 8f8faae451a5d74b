/**
 * Texts of the handoff that more than one place needs: the honest ETA the
 * client is told (features, jobs, other features that open a handoff) and the
 * notices rendered in the staff group's language.
 */
import type { User } from 'grammy/types'
import type { ClientRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { backAt, clientName, clientNumber, dayAndTime, formatWhen } from '../../format.ts'
import { formatMoney } from '../../money.ts'
import { nameForReader } from '../../name-spellings.ts'
import { timezoneOf } from '../../services/followups/index.ts'
import {
  type Button,
  HANDOFF_REASONS,
  type HandoffEta,
  type NoticeArg,
  type NoticeLine,
} from '../../services/handoff/index.ts'
import { describeClientForStaff } from '../../services/staff-bridge.ts'
import { clip, clipUtf16, MESSAGE_MAX, quoted } from '../../text.ts'
import type { Translate, TranslationArgs } from '../context.ts'
import { escapeHtml } from '../html.ts'
import { translator } from '../keyboards/booking.ts'
import { withClientClock, zoneForReader } from '../reader-zone.ts'
import { personName } from './message-entry.ts'

/**
 * A link that opens a client's topic in the staff group, for the group's members:
 * https://t.me/c/<group id without -100>/<topic id>.
 */
export function topicLink(staffGroupId: number, topicId: number): string {
  return `https://t.me/c/${String(staffGroupId).replace(/^-100/, '')}/${topicId}`
}

/**
 * The client's name as staff lists read it (as the call reminder names them: the name the bot
 * uses, @username, number), as HTML opening their topic in their group — the transcript, the card
 * and the reply box one tap away. A list moves nobody: a topic in a group taken out of the
 * settings has no link.
 */
export function clientLinkHtml(deps: Deps, client: ClientRow): string {
  // Clipped as /find clips them: a long Telegram name must not crowd the list out of its message
  const name = escapeHtml(clip(describeClientForStaff(client), 80))
  const group = client.topicId === null ? undefined : deps.services.staffGroups.topicGroupOf(client)
  return client.topicId === null || group === undefined
    ? name
    : `<a href="${topicLink(group, client.topicId)}">${name}</a>`
}

/**
 * A staff member's name for people: their Telegram name as the team last saw it (see `roleOf`;
 * never their @username, which is not kept), else their name as a client. Also of
 * someone no longer on the team: what they did still says who did it. With no name known, the
 * id of someone on the team (they can be asked), never of someone who left and erased their data.
 */
export function staffName(deps: Deps, telegramId: number | null | undefined): string | undefined {
  if (!telegramId) return undefined
  const name = deps.services.staff.nameOf(telegramId)
  if (name) return name
  return deps.services.staff.isStaff(telegramId)
    ? `id ${telegramId}`
    : deps.i18n.t(deps.config.DEFAULT_LOCALE, 'staff-former')
}

/**
 * The team member who typed the command or pressed the button, named as the team knows them
 * (`staffName`: the name the client middleware just kept from this update), for the line that
 * says who did it ("Счёт №3 отменён (Ольга Петрова)"). Never the Telegram first name alone: with
 * two Ольга on the team, "(Ольга)" said neither. Their Telegram name while the bot has none.
 */
export function actingStaffName(deps: Deps, from: Pick<User, 'id' | 'first_name' | 'last_name'> | undefined): string {
  if (!from) return '—'
  return deps.services.staff.nameOf(from.id) ?? personName(from)
}

/**
 * A staff member mentioned in HTML: their name as a link to them, which notifies them when it is
 * sent (not when edited in). Someone whose name the bot never learnt still gets a link to tap.
 */
export function mentionHtml(deps: Deps, telegramId: number): string {
  return `<a href="tg://user?id=${telegramId}">${escapeHtml(staffName(deps, telegramId) ?? `id ${telegramId}`)}</a>`
}

/**
 * When the team is back, as the client reads it: "сегодня в 10:00" ("утром, в 10:00" in the small hours), "завтра в 10:00" or
 * "30 ноября в 10:00", the day in `readerTz` (the client's own zone; see backAt).
 */
export function backAtText(
  t: Translate,
  back: number,
  timezone: string,
  locale: string,
  now: number,
  readerTz = timezone,
): string {
  return t('back-at', backAt(back, timezone, locale, now, readerTz))
}

/** "Анна, ваш вопрос решён?": as `/close` asks it, and as it stays in the chat with the answer under it. */
export function closeQuestionText(t: Translate, client: Pick<ClientRow, 'displayName' | 'firstName'>): string {
  return t('handoff-close-question', { name: clientName(client) || t('start-friend') })
}

/**
 * The honest "when": by what time a manager answers, and — outside working
 * hours — when the team is back. Plain text (no HTML). `ownerOnly`: the client's chat is
 * the owner's account (Telegram Business) and closes to the bot before the team's answer time,
 * so that time is not promised in the owner's name (see `ownerOnlyBy`). `closedTold`: the client
 * was told in this closed stretch already that the team is closed and when it is back: the
 * answer time alone, as by day ("We are closed now: we are back tomorrow at 10:00…" came in two
 * messages in a row to a client who asked for a person again).
 */
export function etaText(
  deps: Deps,
  t: Translate,
  locale: string,
  eta: HandoffEta,
  readerTz?: string,
  { ownerOnly = false, closedTold = false }: { ownerOnly?: boolean; closedTold?: boolean } = {},
): string {
  const { timezone } = deps.content.get().business
  const now = deps.clock.now()
  if (eta.answerBy === undefined) return t('handoff-eta-unknown')
  const time = formatWhen(eta.answerBy, timezone, locale, now)
  // With the reader's own clock beside ours, once they gave their zone (/timezone)
  const zone = zoneForReader(t, { businessTz: timezone, clientTz: readerTz, locale, at: eta.answerBy })
  // (No time promised in the owner's name: only that they answer once back)
  if (closedTold && !eta.openNow && ownerOnly) return t('handoff-eta-unknown')
  if (closedTold) return t('handoff-eta-working', { time, zone })
  if (!eta.openNow && eta.backAt !== undefined && ownerOnly) {
    // Only when the team is back: by its answer time the bot may no longer write there, and
    // only the account's owner can answer then (they are told at once: noteEtaTold)
    return t('handoff-eta-closed-owner', {
      back: backAtText(t, eta.backAt, timezone, locale, now, readerTz),
      zone: zoneForReader(t, { businessTz: timezone, clientTz: readerTz, locale, at: eta.backAt }),
    })
  }
  if (!eta.openNow && eta.backAt !== undefined) {
    // "вернёмся завтра в 10:00 и ответим до 10:15": the answer's day is the return's
    const by = formatWhen(eta.answerBy, timezone, locale, eta.backAt)
    return t('handoff-eta-closed', {
      back: backAtText(t, eta.backAt, timezone, locale, now, readerTz),
      time: by,
      zone,
    })
  }
  return t('handoff-eta-working', { time, zone })
}

/**
 * Outside working hours, the client's chat is the owner's account (Telegram Business) and closes
 * to the bot before the team's answer time (`answerBy`; Telegram's 24 hours after their last
 * message there): when it closes, and the account. Undefined otherwise.
 */
function ownerOnlyBy(
  deps: Deps,
  client: Pick<ClientRow, 'id' | 'lastSeenAt'>,
  eta: HandoffEta,
): { until: number; account: string } | undefined {
  if (eta.openNow || eta.backAt === undefined || eta.answerBy === undefined) return undefined
  return deps.services.business.closesBefore(client, eta.answerBy)
}

/**
 * By when the client's request is answered, as its opening says it ("Ответим до 12:16 (Москва,
 * UTC+3)."): on their clock too, no time in the owner's name where only the owner can answer
 * then (`ownerOnlyBy`), the answer time alone once told tonight that the team is closed (`closedTold`).
 */
export function requestEtaText(
  deps: Deps,
  t: Translate,
  locale: string,
  client: Pick<ClientRow, 'id' | 'lastSeenAt' | 'timezone'> | undefined,
  eta: HandoffEta,
  closedTold = false,
): string {
  const tz = deps.content.get().business.timezone
  const ownerOnly = client !== undefined && ownerOnlyBy(deps, client, eta) !== undefined
  return etaText(deps, t, locale, eta, client && timezoneOf(client, tz), { ownerOnly, closedTold })
}

/**
 * What the client is told when a handoff opens (or is already open): who
 * answers and when. Use it wherever a handoff is opened:
 * `ctx.reply(handoffOpenedText(deps, ctx.t, locale, client, result))`.
 */
export function handoffOpenedText(
  deps: Deps,
  t: Translate,
  locale: string,
  client: Pick<ClientRow, 'id' | 'lastSeenAt' | 'displayName' | 'firstName' | 'timezone'> | undefined,
  result: HandoffEta & { created: boolean },
  /** The message that opened it is not in the transcript yet (a complaint's words: `hasHistory`). */
  { messageStored = true }: { messageStored?: boolean } = {},
): string {
  const manager = staffName(deps, result.managerId)
  // In the client's letters: an English-speaking client reads "Maria is taking care…", not "Мария"
  const who = manager ? t('handoff-who-manager', { manager: nameForReader(manager, locale) }) : t('handoff-who-team')
  const name = clientName(client) || t('start-friend')
  if (!result.created && result.answered) return t('handoff-already-answered', { name, who })
  // Asked again at night: when the team is back goes once a closed stretch (the night's reply,
  // the request's answer time), not in every "your question is with the managers"
  const closedTold =
    !result.created && !result.openNow && client !== undefined && deps.services.nightReply.toldThisStretch(client.id)
  if (!result.created && result.late) {
    const { timezone } = deps.content.get().business
    const now = deps.clock.now()
    const when =
      !result.openNow && result.backAt !== undefined && !closedTold
        ? t('handoff-late-closed', {
            back: backAtText(t, result.backAt, timezone, locale, now, client && timezoneOf(client, timezone)),
            zone: zoneForReader(t, {
              businessTz: timezone,
              clientTz: client && timezoneOf(client, timezone),
              locale,
              at: result.backAt,
            }),
          })
        : t('handoff-late-working')
    return t('handoff-already-late', { name, who, when })
  }
  const eta = requestEtaText(deps, t, locale, client, result, closedTold)
  if (!result.created) return t('handoff-already', { name, who, eta })
  // "…with our whole conversation — no need to repeat anything" is no promise to make where there
  // is none: a client's first message, or the first after /forget (their number went with it), or
  // the first after /start, whose greeting is the bot's words and none of theirs
  const history =
    client === undefined || deps.services.handoff.transcript.hasHistory(client.id, { recorded: messageStored })
  return t(history ? 'handoff-opened' : 'handoff-opened-first', { name, who, eta })
}

/**
 * Notice lines as HTML (every variable escaped), in the staff group's language — or, for
 * a person's private chat (an owner's alert), in theirs. A number reaches Fluent as a number, so
 * a select on it takes its plural form ("1 открытый запрос", "2 открытых запроса") and it is
 * written the reader's way ("1 234"): digits and separators, nothing to escape. An identifier
 * (`id`, `…Id`; `NoticeArgs` has it as text) stays text even where a stored line holds it as a
 * number (one an older version queued): "#1234", never "#1 234".
 */
export function renderNotice(deps: Deps, lines: NoticeLine[], locale: string = deps.config.DEFAULT_LOCALE): string {
  const { timezone } = deps.content.get().business
  const now = deps.clock.now()
  const arg = (name: string, value: NoticeArg): string | number => {
    if (typeof value === 'string') return escapeHtml(value)
    if (typeof value === 'number') return name === 'id' || name.endsWith('Id') ? String(value) : value
    if ('time' in value) {
      const when = value.withDay
        ? dayAndTime(value.time, timezone, locale, now)
        : formatWhen(value.time, timezone, locale, now)
      const t: Translate = (key, args) => deps.i18n.t(locale, key, args)
      const at = value.time
      return escapeHtml(withClientClock(t, when, { businessTz: timezone, clientTz: value.clientTz, locale, at }))
    }
    if ('money' in value) return escapeHtml(formatMoney(value.money.minor, value.money.currency, locale))
    if ('mention' in value) return mentionHtml(deps, value.mention)
    if ('client' in value) {
      const client = deps.services.clients.get(value.client)
      return client && client.deletedAt === null ? clientLinkHtml(deps, client) : escapeHtml(clientNumber(value.client))
    }
    if ('deadlineOf' in value) {
      const request = deps.services.handoff.handoff(value.deadlineOf)
      const due = request && deps.services.handoff.deadline(request)
      return due === undefined ? '—' : escapeHtml(formatWhen(due, timezone, locale, now))
    }
    return escapeHtml(reasonText(deps, value.reason, value.detail ?? undefined, locale))
  }
  return lines
    .map((line) => {
      // (Identifiers are text by now, as `TranslationArgs` wants them)
      const args = Object.fromEntries(Object.entries(line.args ?? {}).map(([k, v]) => [k, arg(k, v)]))
      return deps.i18n.t(locale, line.key, args as TranslationArgs)
    })
    .join('\n')
}

/** Between the alerts that go to an owner as one message. */
export const ALERTS_APART = '\n\n'

/**
 * An owner's alert as its own lines, in `locale`: one about a client names them the one way every
 * alert does, `{ $client }` filled in with them as they are now (`{ client }` in renderNotice: the
 * name, @username and number the team's lists show, a link to their topic when they have one) —
 * an alert saying "Клиент #1234" told the owner nothing of who it was. Rows queued before a key
 * named its client so get it too.
 */
export function ownerAlertText(
  deps: Deps,
  { lines, clientId }: { lines: NoticeLine[]; clientId: number | null },
  locale: string,
): string {
  const named =
    clientId === null ? lines : lines.map((line) => ({ ...line, args: { ...line.args, client: { client: clientId } } }))
  return renderNotice(deps, named, locale)
}

/**
 * What staff see in the topic once a message the bot wrote for them reached the client (a
 * saved reply, a call offer): `first` says what it was, then the whole text quoted — or as
 * much of it as one message holds with the rest — and its buttons, so the manager knows
 * exactly what the client read; `after`, what the buttons do that their labels do not say
 * (which invoice _Pay_ sends).
 */
export function sentEcho(
  deps: Deps,
  first: NoticeLine,
  text: string,
  buttons: Button[][] = [],
  after: NoticeLine[] = [],
): NoticeLine[] {
  const labels = buttons.flat().map((b) => `[${b.text}]`)
  const quote = (part: string): NoticeLine => ({ key: 'desk-reply-text', args: { text: part } })
  const buttonsLine: NoticeLine[] =
    labels.length > 0 ? [{ key: 'desk-reply-buttons', args: { buttons: labels.join(' ') } }] : []
  // Measured with the markup and escaping Telegram does not count: a little short at worst, never too long
  const room = MESSAGE_MAX - renderNotice(deps, [first, quote(''), ...buttonsLine, ...after]).length
  return [first, quote(clipUtf16(text, room)), ...buttonsLine, ...after]
}

/**
 * Why the handoff was opened, in words (the staff group's language unless `locale` says);
 * a reason from another feature that we have no text for is shown as is.
 */
export function reasonText(
  deps: Deps,
  reason: string,
  detail?: string,
  locale: string = deps.config.DEFAULT_LOCALE,
): string {
  const known = HANDOFF_REASONS.find((r) => r === reason)
  if (!known) return detail ? `${reason}: ${detail}` : reason
  return deps.i18n.t(locale, `handoff-reason-${known}`, { detail: detail || 'none' })
}

/** A short quote of a message for notices: "«Добрый день, …»" or "[фото]". */
export function excerpt(deps: Deps, row: { type: string; text: string | null } | undefined, max = 120): string {
  if (!row) return ''
  const locale = deps.config.DEFAULT_LOCALE
  const text = row.text?.replace(/\s+/g, ' ').trim() ?? ''
  const short = clip(text, max)
  const kind = row.type === 'text' ? '' : `[${mediaLabel(translator(deps.i18n, locale), row.type)}] `
  return `${kind}${short ? quoted(short, locale) : ''}`.trim()
}

/** A message as the history posted in the topic shows it: its words, a file's kind before them ("[фото] …"). */
export function rowText(deps: Deps, row: { type: string; text: string | null }, locale: string): string {
  const media = row.type === 'text' ? '' : `[${mediaLabel(translator(deps.i18n, locale), row.type)}] `
  return `${media}${row.text ?? ''}`.trim()
}

/**
 * A message of the bot's to the client as their topic shows it outside a history (see
 * `StaffPostPayload.botRows`): "🤖 The bot sent the client: …" and the whole of it, in the staff
 * group's language. Plain text: a history quotes the bot's messages without their formatting too.
 */
export function botSentLine(deps: Deps, row: { type: string; text: string | null }): string {
  const locale = deps.config.DEFAULT_LOCALE
  return deps.i18n.t(locale, 'mirror-sent', { what: rowText(deps, row, locale) })
}

/** "фото", "голосовое", … for the transcript, notices and a broadcast with no words, in `t`'s language. */
export function mediaLabel(t: Translate, type: string): string {
  const known = [
    'photo',
    'animation',
    'document',
    'video',
    'video_note',
    'voice',
    'audio',
    'sticker',
    'venue',
    'location',
    'contact',
    'poll',
    'dice',
    'invoice',
    'button',
    'copy',
  ] as const
  const kind = known.find((k) => k === type)
  return kind ? t(`handoff-media-${kind}`) : type
}
