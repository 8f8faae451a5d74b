import { InputFile } from 'grammy'
import { DateTime } from 'luxon'
import { type ClientRow, STAGES, type Stage } from '../../../db/schema.ts'
import { issueCount } from '../../content/loader.ts'
import { pickText } from '../../content/text.ts'
import type { Deps } from '../../deps.ts'
import { dayAndTime, zoneLabel, zoneOfTimes } from '../../format.ts'
import { consentFacts } from '../../services/clients.ts'
import { parseFindQuery } from '../../services/desk/client-search.ts'
import { timezoneOf } from '../../services/followups/index.ts'
import { type MessagePayload, OUTBOX_KIND } from '../../services/handoff/index.ts'
import { CAPTION_MAX } from '../../text.ts'
import { broadcastName } from '../broadcast-name.ts'
import { menusAfterContent } from '../commands.ts'
import { ownerReport, promiseChanges } from '../content-notice.ts'
import type { BaseContext, Translate } from '../context.ts'
import { showAction } from '../courtesy.ts'
import { downloadTelegramFile, FileTooLargeError, isYamlDocument } from '../files.ts'
import { fullName } from '../handoff/card.ts'
import { ownerOnly } from '../owner-guard.ts'
import type { BotScopes } from '../scopes.ts'
import { commandAnswered } from '../staff-answer.ts'
import { reportUnknownRuleGroups } from '../staff-group-check.ts'
import { stageName } from '../stage-name.ts'
import { callsAndOrders } from './booking.ts'
import { askTeamAboutUnmarked } from './my-call.ts'

/** A content file is a few kilobytes; anything this big is not one (docs/content.md gives the limit). */
const MAX_CONTENT_BYTES = 512 * 1024
/** Bots may upload documents up to 50 MB (the request's other fields take a little): /backup, /export. */
const MAX_UPLOAD_BYTES = 49 * 1024 * 1024
/**
 * The broadcasts that reached a client named under their /export and in their /mydata (newest
 * first; the file has all): each line some 130 characters, well inside a caption's 1,024.
 */
const BROADCASTS_IN_CAPTION = 5
/** The clients `/export Анна` lists at most, each with the command that exports them (/find shows more). */
const EXPORT_NAMES_SHOWN = 5

/**
 * Data for owners: /export (all clients as CSV, or one client as JSON), /backup (a
 * consistent database snapshot), /content (the content file in force), and a YAML document
 * sent to the bot replaces the business content after validation. /mydata gives any client
 * their own data.
 */
/**
 * The broadcasts that reached the client (sent to them), newest first, each named as the owners'
 * messages name it and with when it reached them on `tz`'s clock — a few, the rest in the file —
 * under `heading` (the owner's "reached the client", the client's own "reached you"): an owner
 * asked "why do you write to me so often?" sees it without opening the JSON, and so does the
 * client. No lines when none did.
 */
function broadcastsReached(
  deps: Pick<Deps, 'services' | 'content' | 'clock'>,
  client: ClientRow,
  {
    locale,
    t,
    tz,
    heading,
  }: {
    locale: string
    t: Translate
    tz: string
    heading: 'export-client-broadcasts' | 'mydata-summary-broadcasts'
  },
): string[] {
  const reached = deps.services.broadcasts.ofClient(client.id).filter((r) => r.status === 'sent')
  if (reached.length === 0) return []
  const now = deps.clock.now()
  const list = reached.slice(0, BROADCASTS_IN_CAPTION).map((r) =>
    t('export-client-broadcast', {
      name: broadcastName(t, deps.content, r.broadcast, locale),
      at: dayAndTime(Number(r.sentAt), tz, locale, now),
    }),
  )
  const more = reached.length - list.length
  return [t(heading, { count: reached.length, shown: list.length, more }), ...list]
}

/**
 * /mydata's few lines: the name and contacts as stored, whether they get news (and since when,
 * on the client's own clock once they gave their zone, else the business's, with the zone), their calls (the last one nobody marked too) and open
 * orders as /mybookings lists them, the broadcasts that reached them, how many messages are kept, and how to erase it all.
 */
export function myDataSummary(
  deps: Pick<Deps, 'services' | 'content' | 'clock'>,
  client: ClientRow,
  { locale, t }: { locale: string; t: Translate },
): string {
  // Their own data on their own clock once they gave their zone (/timezone), the zone named
  const tz = timezoneOf(client, deps.content.get().business.timezone)
  const now = deps.clock.now()
  const lines = [t('mydata-summary-title'), '']
  const telegramName = [client.firstName, client.lastName].filter(Boolean).join(' ')
  const contacts = [
    telegramName && t('mydata-summary-telegram-name', { name: telegramName }),
    client.displayName && t('mydata-summary-given-name', { name: client.displayName }),
    client.username && t('mydata-summary-username', { username: client.username }),
    client.phone && t('mydata-summary-phone', { phone: client.phone }),
    client.email && t('mydata-summary-email', { email: client.email }),
  ].filter((line): line is string => !!line)
  lines.push(...(contacts.length > 0 ? contacts : [t('mydata-summary-no-contacts')]))
  const consent = consentFacts(client)
  const at =
    consent.status === 'granted'
      ? consent.grantedAt
      : consent.status === 'declined'
        ? consent.declinedAt
        : consent.status === 'withdrawn'
          ? consent.withdrawnAt
          : null
  lines.push(
    at === null
      ? t('mydata-summary-news', { status: 'other', at: '', zone: '' })
      : t('mydata-summary-news', {
          status: consent.status,
          at: dayAndTime(at, tz, locale, now),
          zone: zoneLabel(tz, locale, at),
        }),
  )
  const { calls, orders } = callsAndOrders(deps, client, { locale, t })
  lines.push('', ...calls, '', ...orders, '')
  // The broadcasts that reached them, as the owner's /export of them names them (on their own clock)
  const broadcasts = broadcastsReached(deps, client, { locale, t, tz, heading: 'mydata-summary-broadcasts' })
  if (broadcasts.length > 0) lines.push(...broadcasts, '')
  lines.push(t('mydata-summary-messages', { count: deps.services.dataExport.storedMessages(client.id) }))
  lines.push(t('mydata-summary-end'))
  return lines.join('\n')
}

export function registerDataFeature(deps: Deps, scopes: BotScopes): void {
  const { services, content } = deps
  const feature = scopes.private

  const stamp = () =>
    DateTime.fromMillis(deps.clock.now(), { zone: content.get().business.timezone }).toFormat('yyyy-MM-dd-HHmm')

  feature.command(
    'export',
    ownerOnly(async (ctx) => {
      const reference = ctx.match.trim()
      if (reference === '') {
        // Written off the event loop to temporary files, then streamed to Telegram from them:
        // as many files as it takes to keep each within what Telegram lets a bot send
        await ctx.reply(ctx.t('export-working'))
        const tz = content.get().business.timezone
        // The file's times carry no zone: the caption names it
        const zone = zoneOfTimes(tz, await ctx.i18n.getLocale(), deps.clock.now())
        const readAt = deps.clock.now()
        // Each stage as the team reads it (the card, the broadcast's buttons), in the owner's language, beside its code
        const t = ctx.t.bind(ctx)
        const stageNames = Object.fromEntries(STAGES.map((stage) => [stage, stageName(t, stage)])) as Record<
          Stage,
          string
        >
        const csv = await services.dataExport.clientsCsv(tz, MAX_UPLOAD_BYTES, stageNames)
        try {
          ctx.log.info({ clients: csv.count, files: csv.parts.length }, 'clients exported')
          const name = `clients-${stamp()}`
          const parts = csv.parts.length
          for (const [i, path] of csv.parts.entries()) {
            await ctx.replyWithDocument(
              new InputFile(path, parts === 1 ? `${name}.csv` : `${name}-${i + 1}-of-${parts}.csv`),
              {
                caption:
                  parts === 1
                    ? ctx.t('export-done', { count: csv.count, zone })
                    : ctx.t('export-part', { count: csv.count, part: i + 1, parts, zone }),
              },
            )
            // On record once a file of it is in the owner's chat: a client's /forget tells them of it
            if (i === 0) {
              services.dataExport.recordClientsExport({ chat: ctx.chat.id, name, parts, lastId: csv.lastId }, readAt)
            }
          }
          return
        } finally {
          await csv.remove().catch((err) => ctx.log.warn({ err }, 'could not remove the export files'))
        }
      }
      // A capitalised word of letters ("Emma") is a name, as people write one: looked up as a
      // username too, it exported whoever went by "emma" in Telegram, whatever their name
      const client = /^\p{Lu}\p{L}*$/u.test(reference) ? undefined : services.dataExport.findClient(reference)
      // Owners and managers who write to the bot have rows as clients do: no client's data, and
      // never exported (as the whole export leaves them out)
      if (client?.telegramId != null && services.staff.isStaff(client.telegramId)) {
        return ctx.reply(ctx.t('export-team', { reference }))
      }
      // Found by their number after they erased their data: said so (the number names nobody), not
      // "not found", which reads as a typo. By an id or a username they are not found: those are gone
      if (client && client.deletedAt !== null) return ctx.reply(ctx.t('export-erased', { id: String(client.id) }))
      if (!client) {
        // A number or a username: "give the Telegram id or @username" read wrong to an owner who had
        // given one — most likely of a client who erased their data, whose id and username are kept nowhere
        if (/^\d+$/.test(reference)) return ctx.reply(ctx.t('export-not-found-number', { reference }))
        // A username is one with @, or without it one no name could be: with a digit or an underscore
        // ("anna_k"). A word of letters alone ("Emma"; "anna", which no client has as a username:
        // just looked up) is a name, which /find (in the staff group) searches — "no client has the
        // username @Emma" answered an owner who had typed a name
        const username = /^@?([A-Za-z0-9_]{3,32})$/.exec(reference)?.[1]
        if (username !== undefined && (reference.startsWith('@') || /[\d_]/.test(username))) {
          return ctx.reply(ctx.t('export-not-found-username', { username }))
        }
        if (!/^[#@]/.test(reference) && /\p{L}/u.test(reference)) return exportByName(ctx, reference)
        return ctx.reply(ctx.t('export-not-found', { reference }))
      }
      return exportClient(ctx, client)
    }),
  )

  /** The broadcasts that reached the client, under their /export's caption (`broadcastsReached`). */
  async function broadcastsLine(ctx: BaseContext, client: ClientRow): Promise<string> {
    const lines = broadcastsReached(deps, client, {
      locale: await ctx.i18n.getLocale(),
      t: ctx.t.bind(ctx),
      tz: deps.content.get().business.timezone,
      heading: 'export-client-broadcasts',
    })
    return lines.length === 0 ? '' : `\n\n${lines.join('\n')}`
  }

  /** Everything stored about one client, as a JSON file in the owner's chat, on record for their /forget. */
  async function exportClient(ctx: BaseContext, client: ClientRow) {
    const json = services.dataExport.clientJson(client, { forClient: false, locale: await ctx.i18n.getLocale() })
    ctx.log.info({ clientId: client.id }, 'client data exported')
    const caption = ctx.t('export-client-done', { id: String(client.id) }) + (await broadcastsLine(ctx, client))
    const sent = await ctx.replyWithDocument(new InputFile(Buffer.from(json, 'utf8'), `client-${client.id}.json`), {
      caption,
    })
    recordAbout(ctx, sent, caption, [client.id], { file: true })
    return sent
  }

  /**
   * On record as the bot's post about these clients in this chat: their /forget deletes it (a file,
   * a list naming them), as it deletes an owner's lists naming them (one sent outside the outbox
   * would stay), and the owner's command with it. Too old to delete, a list is edited into a note,
   * a file (`file`: `text` is its caption) replaced by one.
   */
  function recordAbout(
    ctx: BaseContext,
    sent: { chat: { id: number }; message_id: number },
    text: string,
    about: number[],
    { file = false }: { file?: boolean } = {},
  ): void {
    services.outbox.recordPosted(
      {
        chatId: sent.chat.id,
        clientId: null,
        method: OUTBOX_KIND.message,
        payload: {
          text,
          about,
          command: commandAnswered(ctx),
          ...(file ? { file: true as const } : {}),
        } satisfies MessagePayload,
      },
      sent.message_id,
    )
  }

  /**
   * `/export Анна`: the one client whose name matches (as /find finds it, by name only) is exported
   * straight away, as `/export #12` does ("send this command: /export #3" asked a step that chose
   * nothing) — unless only their username is so (Sam, @oliver, for "Oliver": listed, named, for the
   * owner to see whom it finds); several, a few of them with the command that exports each. None: a team member's name is answered as their number is (the search
   * leaves the team out: "no client is named so" would read as a typo); else that no client is,
   * and that /find looks further, or `none` (a word that was a username too). The owner may see
   * clients; the list names them in the owner's chat, so it is on record for their /forget as the
   * file is.
   */
  async function exportByName(ctx: BaseContext, reference: string, none?: () => Promise<unknown>) {
    const query = parseFindQuery(reference)
    const hits = query.kind === 'text' ? services.clientSearch.find(query).filter((hit) => hit.matched === 'name') : []
    if (hits.length === 0) {
      if (services.staff.named(reference).length > 0) return ctx.reply(ctx.t('export-team', { reference }))
      return none ? none() : ctx.reply(ctx.t('export-by-name-none', { reference }))
    }
    const [only] = hits
    const byUsername = only?.client.username?.toLowerCase() === reference.replace(/^@/, '').toLowerCase()
    if (hits.length === 1 && only !== undefined && !byUsername) {
      const client = services.dataExport.findClient(`#${only.client.id}`)
      if (client) return exportClient(ctx, client)
    }
    const shown = hits.slice(0, EXPORT_NAMES_SHOWN)
    const lines = shown.map(({ client }) =>
      ctx.t('export-by-name-item', {
        id: String(client.id),
        name: `${fullName(client)}${client.username ? ` @${client.username}` : ''}`,
      }),
    )
    const more = hits.length - shown.length
    const text = [
      ctx.t('export-by-name-found', { reference, count: shown.length }),
      ...lines,
      ...(more > 0 ? [ctx.t('export-by-name-more', { reference })] : []),
    ].join('\n')
    ctx.log.info({ found: hits.length }, '/export by a name: the matching clients listed')
    const sent = await ctx.reply(text)
    recordAbout(
      ctx,
      sent,
      text,
      shown.map(({ client }) => client.id),
    )
    return sent
  }

  // Any client may ask for everything stored about them: the file, and what it says in a few
  // lines of their language (the JSON's codes and UTC times told nobody whether they get news)
  feature.command('mydata', async (ctx) => {
    const client = ctx.client
    if (!client) return
    const locale = await ctx.i18n.getLocale()
    const tz = content.get().business.timezone
    const now = deps.clock.now()
    // The file's local time is on the client's own clock once they gave their zone (/timezone)
    const own = timezoneOf(client, tz)
    const note = ctx.t('mydata-file-note', {
      zone: zoneOfTimes(tz, locale, now),
      own: own === tz ? 'none' : zoneOfTimes(own, locale, now),
    })
    const guide = { note, timezone: tz, ...(own === tz ? {} : { clientTimezone: own }) }
    const json = services.dataExport.clientJson(client, { forClient: true, locale, guide })
    ctx.log.info({ clientId: client.id }, 'client downloaded their data')
    const summary = myDataSummary(deps, client, { locale, t: ctx.t.bind(ctx) })
    // Its calls say of one nobody marked that a manager will check: the team is asked to
    const unmarked = services.booking.unmarkedFor(client.id)
    if (unmarked !== undefined) askTeamAboutUnmarked(deps, client, unmarked)
    const file = new InputFile(Buffer.from(json, 'utf8'), 'my-data.json')
    if (summary.length <= CAPTION_MAX) {
      await ctx.replyWithDocument(file, { caption: summary })
      return
    }
    await ctx.reply(summary)
    await ctx.replyWithDocument(file)
  })

  feature.command(
    'backup',
    ownerOnly(async (ctx) => {
      await showAction(ctx, 'upload_document')
      const snapshot = await services.dataExport.snapshot(MAX_UPLOAD_BYTES)
      if ('tooLarge' in snapshot) {
        ctx.log.info({ bytes: snapshot.bytes }, 'database too large to send as a backup')
        return ctx.reply(ctx.t('backup-too-large', { megabytes: Math.round(snapshot.bytes / 1024 / 1024) }))
      }
      try {
        ctx.log.info({ bytes: snapshot.bytes }, 'database snapshot taken')
        // Read from the file; the outbound path keeps one copy of the upload (at most the
        // 49 MB Telegram takes) to send it again after a 429
        return await ctx.replyWithDocument(new InputFile(snapshot.path, `clientdesk-${stamp()}.sqlite`), {
          caption: ctx.t('backup-caption'),
        })
      } finally {
        await snapshot.remove().catch((err) => ctx.log.warn({ err }, 'could not remove the snapshot file'))
      }
    }),
  )

  // The content file in force, for an owner to edit and send back as below: its text as it was
  // applied (the file on the server, or one sent in the chat), not one rebuilt from what it holds
  feature.command(
    'content',
    ownerOnly(async (ctx) => {
      const file = new InputFile(Buffer.from(content.yaml(), 'utf8'), `content-${stamp()}.yaml`)
      return ctx.replyWithDocument(file, { caption: ctx.t('content-file-caption') })
    }),
  )

  // A YAML document from an owner (not in the middle of composing a broadcast): new content.
  // A manager's is refused in plain words, as an owner command is (a client's goes on: their file)
  feature.on('message:document', async (ctx, next) => {
    if (!ctx.staffRole || !isYamlDocument(ctx.msg.document)) return next()
    if (ctx.staffRole !== 'owner') {
      ctx.log.info({ role: ctx.staffRole }, 'content file from a non-owner refused')
      return ctx.reply(ctx.t('import-owner-only'))
    }
    // A broadcast being composed may be a document; a /staff question waiting for an id or a
    // yes is no reason to swallow the content file (it was answered "not a content file")
    if (services.ownerInput.pending(ctx.from.id)?.kind === 'broadcast') return next()
    let yaml: string
    try {
      yaml = (await downloadTelegramFile(ctx.api, ctx.msg.document.file_id, MAX_CONTENT_BYTES)).toString('utf8')
    } catch (err) {
      if (err instanceof FileTooLargeError) {
        return ctx.reply(ctx.t('import-too-large', { kilobytes: MAX_CONTENT_BYTES / 1024 }))
      }
      ctx.log.warn({ err }, 'content file download failed')
      return ctx.reply(ctx.t('import-download-failed'))
    }
    const result = content.replace(yaml, 'upload', ctx.from.id)
    if (!result.ok) {
      // Whole in the log, as a file edited on the server is: the message may be cut short
      ctx.log.warn({ errors: result.errors.length, report: result.report }, 'uploaded content rejected')
      const report = ownerReport(result.errors, {
        more: (count) => ctx.t('content-report-more', { count }),
        unread: ctx.t('content-report-unread'),
        lead: (kind) => ctx.t('content-issue-lead', { kind }),
      })
      return ctx.reply(ctx.t('import-invalid', { count: issueCount(result.errors), report }))
    }
    ctx.log.info('uploaded content applied')
    const locale = await ctx.i18n.getLocale()
    const c = result.content
    await ctx.reply(
      ctx.t('import-applied', {
        business: pickText(c.business.name, locale),
        products: c.products.length,
        discovery: c.discovery.questions.length,
        quiz: c.quiz.questions.length,
      }) + promiseChanges(result.previous, c, locale, ctx.t),
    )
    reportUnknownRuleGroups(deps, ctx.log)
    await menusAfterContent(ctx.api, deps, result.previous)
  })
}
