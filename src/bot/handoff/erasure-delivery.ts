/**
 * What /forget leaves in a staff group, as Bot API calls (the row is written by
 * src/services/erasure.ts): with the right to delete messages the client's topics are
 * deleted whole (all in them, of any age, goes: the only way to reach the managers'
 * messages and those older than 48 hours); without it they are renamed and their cards edited
 * into a note (an edit has no time limit). The earlier cards of those they referred are
 * edited too, and the messages that showed their contacts deleted. Telegram lets a bot
 * delete its own messages within 48 hours of sending, and other people's only with the
 * "Delete messages" admin right; the bot's own older ones it may still edit, at any age:
 * a text into a short note, a photo's, a file's or an album part's caption into it (the
 * media itself stays) — but a file it knows to be an owner's one-client export is replaced
 * whole by a small text file saying the data was erased, the note its caption. What it may
 * neither delete nor edit (other people's older messages, the service messages of the topic's
 * renames, a shared contact or a sticker) stays, and is logged as a count; in an owner's own
 * chat the owner is told what stays there (the owner's own commands naming the client, an
 * export Telegram would not let be replaced), to delete by hand. Every step may run again (a 429
 * midway): a second rename or edit changes nothing, a deleted message is gone.
 */

import { InputFile } from 'grammy'
import { personLocale } from '../../format.ts'
import type { LocaleKey } from '../../locales/keys.ts'
import { DELETABLE_FOR_MS } from '../../services/erasure.ts'
import { type ErasurePayload, type NoticeLine, OUTBOX_KIND } from '../../services/handoff/index.ts'
import type { DeliveryResult, OutboxRow } from '../../services/outbox.ts'
import { editWeight } from '../outbound.ts'
import { inspectStaffGroup } from '../staff-group-check.ts'
import { classifyTelegramError, type TelegramFailure } from '../telegram-errors.ts'
import { type DeliveryContext, rateResult, transient } from './failures.ts'
import { ALERTS_APART, ownerAlertText } from './texts.ts'
import type { TopicKeeper } from './topic-keeper.ts'

/** Telegram's limit of messages per deleteMessages call. */
const DELETE_BATCH = 100

/**
 * Renames, card edits and edits of old messages one row makes at most. Each counts against the
 * group's 20 a minute, and a row Telegram answers with 429 is tried again whole (what it did
 * before counting again): a row needing more than the group's minute could never finish. The
 * rest goes on as a row of its own, queued with this one's sent mark.
 */
const STEPS_PER_ROW = 10

/** The file that replaces an owner's one-client export too old to delete: nobody's number in its name. */
const ERASED_FILE_NAME = 'client-data-erased.txt'

type Removed = ErasurePayload['remove'][number]

/**
 * A message the erasure would delete that Telegram no longer lets go (older than
 * `DELETABLE_FOR_MS`) and the bot may edit instead: its own, not a service message.
 */
export function editedInstead(m: Removed, now: number): boolean {
  return m.own && !m.service && now - m.at >= DELETABLE_FOR_MS
}

/**
 * What a row does now — the deletes too, Telegram allowing them for 48 hours only — and what
 * is left for the next row, if anything: the renames, the card edits and the edits of the bot's
 * old messages (`editedInstead` at `now`) beyond `STEPS_PER_ROW`, in that order. A message old
 * now is old in any later row, so a rest row holds only edits of those.
 */
export function erasurePart(p: ErasurePayload, now: number): { now: ErasurePayload; rest?: ErasurePayload } {
  const all = p.outdated ?? []
  const topics = p.topics.slice(0, STEPS_PER_ROW)
  const cards = p.cards.slice(0, STEPS_PER_ROW - topics.length)
  const outdated = all.slice(0, STEPS_PER_ROW - topics.length - cards.length)
  const old = p.remove.filter((m) => editedInstead(m, now))
  const edited = new Set(old.slice(0, STEPS_PER_ROW - topics.length - cards.length - outdated.length))
  const rest = {
    topics: p.topics.slice(topics.length),
    cards: p.cards.slice(cards.length),
    outdated: all.slice(outdated.length),
    remove: old.filter((m) => !edited.has(m)),
  }
  // An owner's alerts edited to those left: a few, in a private chat, where an edit is not counted
  const part = {
    topics,
    ...(p.notice ? { notice: p.notice } : {}),
    cards,
    outdated,
    remove: p.remove.filter((m) => !editedInstead(m, now) || edited.has(m)),
    ...(p.alerts ? { alerts: p.alerts } : {}),
  }
  const left = rest.topics.length + rest.cards.length + rest.outdated.length + rest.remove.length
  return left > 0 ? { now: part, rest } : { now: part }
}

/** A failed step: the row is tried again (returned), or the step is over (undefined). */
function stepFailure(err: unknown): DeliveryResult | undefined {
  const failure = classifyTelegramError(err)
  if (failure.kind === 'rate') return rateResult(failure.retryAfterMs)
  if (transient(failure.kind)) return { status: 'retry', reason: failure.reason }
  return undefined
}

/**
 * A topic or message that is gone ("not found"), or already shows the erased text: nothing of
 * the person is left in it. Not one Telegram will not change ("message can't be edited", the edit
 * time expired: `stillThere`): that still shows what it showed.
 */
function alreadyClear(failure: TelegramFailure): boolean {
  if (failure.kind === 'target-gone') return !failure.stillThere
  return failure.kind === 'not-modified' || failure.kind === 'thread-lost'
}

/** What became of one old message: its text is clear of the person, or it stays (`refused`: Telegram's reason, for the warning). */
type NoteOutcome = { cleared: true } | { cleared: false; refused?: string }

/**
 * An edit that failed for good: cleared when nothing of the person is left in the message (gone,
 * or the note already), refused when Telegram will not change it ("message can't be edited").
 */
function failedEdit(err: unknown): NoteOutcome {
  const failure = classifyTelegramError(err)
  if (alreadyClear(failure)) return { cleared: true }
  if (failure.kind === 'target-gone') return { cleared: false, refused: failure.reason }
  return { cleared: false }
}

/** What stays in an owner's chat after the erasure, for the owner to delete by hand, with when it was sent. */
type Leftover = { at: number; key: Extract<LocaleKey, `forget-owner-left-${string}`> }

export function createErasureDelivery(ctx: DeliveryContext, keeper: TopicKeeper) {
  const { api, log, t } = ctx

  /**
   * The one moment a row is split at (`erasurePart`): read once per row object, so the weight the
   * outbox reserves for it and the delivery that follows (the outbox delivers the very row object it
   * weighed; a row tried again is read anew, and split anew) agree on what is too old to delete.
   */
  const moments = new WeakMap<OutboxRow, number>()
  const momentOf = (row: OutboxRow): number => {
    const known = moments.get(row)
    if (known !== undefined) return known
    const now = ctx.deps.clock.now()
    moments.set(row, now)
    return now
  }

  /** Deletes these messages; a batch Telegram refuses is tried one by one. Returns how many could not go. */
  async function remove(chatId: number, ids: number[]): Promise<number> {
    let left = 0
    for (let i = 0; i < ids.length; i += DELETE_BATCH) {
      const batch = ids.slice(i, i + DELETE_BATCH)
      try {
        await api.deleteMessages(chatId, batch)
        continue
      } catch (err) {
        const retry = stepFailure(err)
        if (retry) throw err
      }
      for (const id of batch) {
        try {
          await api.deleteMessage(chatId, id)
        } catch (err) {
          if (stepFailure(err)) throw err
          left++ // gone already, or Telegram will not let it go
        }
      }
    }
    return left
  }

  /**
   * Edits one of the bot's own messages, too old to delete, into the note, without a keyboard:
   * a text message's text, else (Telegram: "there is no text in the message to edit") the
   * caption of a photo, a file or an album part — the media stays. Cleared when nothing of the
   * person is left in its text: edited, the note already ("message is not modified": a row
   * tried again), or gone ("message to edit not found"). Not when Telegram will not have it:
   * a shared contact, a sticker, a location (no caption either: expected, only counted), or a
   * message Telegram refuses to change ("message can't be edited": `refused`, for the warning).
   */
  async function noteOver(chatId: number, id: number, note: string): Promise<NoteOutcome> {
    try {
      await api.editMessageText(chatId, id, note)
      return { cleared: true }
    } catch (err) {
      if (stepFailure(err)) throw err
      if (classifyTelegramError(err).kind !== 'no-text') return failedEdit(err)
    }
    try {
      await api.editMessageCaption(chatId, id, { caption: note })
      return { cleared: true }
    } catch (err) {
      if (stepFailure(err)) throw err
      return failedEdit(err)
    }
  }

  /**
   * Replaces a file of the bot's, too old to delete (an owner's one-client export), by a small text
   * file (`content`) with the note as its caption: a caption alone would leave the client's data
   * downloadable. A bot may edit its own messages at any age, a file too. Cleared as `noteOver` says.
   */
  async function fileOver(chatId: number, id: number, note: string, content: string): Promise<NoteOutcome> {
    try {
      await api.editMessageMedia(chatId, id, {
        type: 'document',
        media: new InputFile(Buffer.from(`${content}\n`, 'utf8'), ERASED_FILE_NAME),
        caption: note,
      })
      return { cleared: true }
    } catch (err) {
      if (stepFailure(err)) throw err
      return failedEdit(err)
    }
  }

  /**
   * The team hears of the erasure and of what it left undone (the calls it cancelled, the
   * invoices no longer payable, the paid work not done): in the client's topic, or in General
   * when the topic was deleted with it. Never who it was.
   */
  function tellTeam(chatId: number, notice: ErasurePayload['notice'], deleted: ReadonlySet<number>): void {
    if (!notice) return
    const gone = deleted.has(notice.threadId)
    ctx.deps.services.handoff.route.postTo(chatId, gone ? undefined : notice.threadId, {
      lines: [{ key: gone ? 'forget-staff-topic-deleted' : 'forget-staff-notice' }, ...notice.calls],
    })
  }

  /**
   * The owner hears what the erasure left in their chat with the bot, oldest first, each by when
   * it was sent, to delete it by hand: the bot may no longer. Nobody named, no number either.
   */
  function tellLeftovers(chatId: number, leftovers: readonly Leftover[]): void {
    const lines = [...leftovers]
      .sort((a, b) => a.at - b.at)
      .map((left): NoticeLine => ({ key: left.key, args: { at: { time: left.at } } }))
    ctx.deps.services.handoff.route.tellPerson(chatId, [{ key: 'forget-owner-left' }, ...lines])
  }

  return {
    /**
     * What the row's part counts against the group's budget: a renamed topic leaves a (service)
     * message, a replaced card or a message too old to delete counts as an edit; deletes count as nothing.
     */
    weight(row: OutboxRow): number {
      const now = momentOf(row)
      const { topics, cards, outdated = [], remove, alerts = [] } = erasurePart(row.payload as ErasurePayload, now).now
      const edits = cards.length + outdated.length + remove.filter((m) => editedInstead(m, now)).length + alerts.length
      return topics.length + edits * editWeight(row.chatId)
    },

    async erasure(row: OutboxRow): Promise<DeliveryResult> {
      // One moment decides what is too old to delete, for the part and its steps (an hour in hand),
      // the same the row was weighed at
      const now = momentOf(row)
      const { now: p, rest } = erasurePart(row.payload as ErasurePayload, now)
      const chatId = row.chatId
      /** What Telegram refused to clear, with its reason: a name or contacts may still show there. */
      const refused: string[] = []
      /** A step that failed: tried again, cleared already, or refused (kept for the log). */
      const failed = (err: unknown, what: string) => {
        if (stepFailure(err)) throw err
        const failure = classifyTelegramError(err)
        if (!alreadyClear(failure)) refused.push(`${what}: ${failure.reason}`)
      }
      // The right to delete messages, asked once, only when something needs it. A group the bot
      // cannot read, or where it is no admin, is none: the renames below say what is wrong
      let deleteRight: boolean | undefined
      const mayDelete = async () => {
        if (deleteRight === undefined) {
          try {
            const group = chatId > 0 ? undefined : await inspectStaffGroup(api, chatId, ctx.botId())
            deleteRight = !group || (group.problems.length === 0 && !group.missingRights.includes('delete'))
          } catch (err) {
            if (stepFailure(err)) throw err
            log.warn(
              { err, rowId: row.id },
              'could not read the bot’s rights in the staff group: nothing deleted whole',
            )
            deleteRight = false
          }
        }
        return deleteRight
      }
      /** The topics deleted whole by this attempt: the team's notice goes to General for them. */
      const deleted = new Set<number>()
      try {
        for (const topic of p.topics) {
          // With the right, the topic goes whole: every message in it at any age, the managers' and
          // the "topic created" line with the name too, which no delete or edit of one message reaches
          if (await mayDelete()) {
            try {
              await api.deleteForumTopic(chatId, topic.threadId)
              deleted.add(topic.threadId)
              continue
            } catch (err) {
              if (stepFailure(err)) throw err
              // Gone already (staff deleted it): nothing of the person is left in it either
              if (classifyTelegramError(err).kind === 'thread-lost') {
                deleted.add(topic.threadId)
                continue
              }
              log.warn(
                { err, rowId: row.id, threadId: topic.threadId },
                'could not delete the topic of an erased client: renamed instead',
              )
            }
          }
          try {
            await api.editForumTopic(chatId, topic.threadId, { name: t('forget-topic-name') })
          } catch (err) {
            if (classifyTelegramError(err).kind === 'no-access') return keeper.misconfigured(chatId)
            failed(err, `topic ${topic.threadId}`)
          }
        }
        // Every topic of theirs in the group deleted: their cards and what was in those topics went with them
        const topicsGone = p.topics.length > 0 && deleted.size === p.topics.length && !rest?.topics.length
        const inGoneTopic = (m: Removed) => topicsGone && m.inTopic === true
        // Without a keyboard: the "take this client" button goes too
        const edits = [
          ...(topicsGone ? [] : p.cards).map((card) => ({ card, text: t('forget-card') })),
          ...(p.outdated ?? []).map((card) => ({ card, text: t('forget-referrer-old-card') })),
        ]
        for (const { card, text } of edits) {
          try {
            await api.editMessageText(chatId, card, text)
          } catch (err) {
            failed(err, `card ${card}`)
          }
        }
        const removing = p.remove.filter((m) => !inGoneTopic(m))
        const fresh = removing.filter((m) => now - m.at < DELETABLE_FOR_MS)
        // Other people's messages only with the right to delete them (asked only when there are some);
        // in a private chat (an owner's /export) a bot may delete what it was sent
        const mayDeleteOthers = fresh.some((m) => !m.own) && (await mayDelete())
        const ids = fresh.filter((m) => m.own || mayDeleteOthers).map((m) => m.id)
        const refusedDeletes = await remove(chatId, ids)
        // The bot's own messages too old to delete (this row's share of them): edited into the note,
        // a file replaced by one, after the deletes, which Telegram's 48 hours hurry
        let edited = 0
        let unedited = 0
        // In an owner's own chat (an /export of the client, a list naming them), in the owner's language
        const say = (key: LocaleKey) => (chatId > 0 ? ctx.deps.i18n.t(personLocale(ctx.deps, chatId), key) : t(key))
        const note = say('forget-erased-message')
        /** What stays in an owner's chat: told to the owner (a staff group's is only logged). */
        const leftovers: Leftover[] = []
        for (const m of removing.filter((r) => editedInstead(r, now))) {
          const outcome = m.file
            ? await fileOver(chatId, m.id, note, say('forget-erased-file'))
            : await noteOver(chatId, m.id, note)
          if (outcome.cleared) edited++
          else {
            unedited++
            if (outcome.refused) refused.push(`message ${m.id}: ${outcome.refused}`)
            leftovers.push({ at: m.at, key: m.file ? 'forget-owner-left-file' : 'forget-owner-left-message' })
          }
        }
        // The owner's own commands naming the client (`/export @anna`), too old for the bot to delete
        for (const m of removing) {
          if (!m.own && now - m.at >= DELETABLE_FOR_MS) leftovers.push({ at: m.at, key: 'forget-owner-left-command' })
        }
        // The owner's messages that held the client's alerts among others': edited to the others,
        // each as it went and named as it is now, in the owner's language of the moment
        for (const message of p.alerts ?? []) {
          const locale = personLocale(ctx.deps, chatId)
          const text = message.alerts.map((alert) => ownerAlertText(ctx.deps, alert, locale)).join(ALERTS_APART)
          try {
            await api.editMessageText(chatId, message.id, text, {
              parse_mode: 'HTML',
              link_preview_options: { is_disabled: true },
            })
          } catch (err) {
            if (stepFailure(err)) throw err
            const outcome = failedEdit(err)
            if (!outcome.cleared) {
              if (outcome.refused) refused.push(`message ${message.id}: ${outcome.refused}`)
              leftovers.push({ at: message.at, key: 'forget-owner-left-message' })
            }
          }
        }
        // Not deleted: refused, or not tried (too old, or no right); of those, the edited ones went blank
        const left = refusedDeletes + (removing.length - ids.length) - edited
        if (left > 0) {
          log.info(
            { rowId: row.id, left, edited, unedited },
            'messages of an erased client stay in the staff group (too old, or no right)',
          )
        } else if (edited > 0) {
          log.info({ rowId: row.id, edited }, 'messages of an erased client too old to delete were edited into a note')
        }
        if (refused.length > 0) {
          log.warn(
            { rowId: row.id, chatId, refused },
            'Telegram refused to clear a topic name, card or message of an erased client: staff may still see them there',
          )
        }
        // The rest row: nothing of what went with the deleted topics
        const after = rest && {
          ...rest,
          cards: topicsGone ? [] : rest.cards,
          remove: rest.remove.filter((m) => !inGoneTopic(m)),
        }
        const tellOwner = chatId > 0 && leftovers.length > 0
        if (!p.notice && !after && !tellOwner) return { status: 'sent' }
        return {
          status: 'sent',
          record: () => {
            tellTeam(chatId, p.notice, deleted)
            if (tellOwner) tellLeftovers(chatId, leftovers)
            const more =
              after && after.cards.length + after.remove.length + after.topics.length + (after.outdated?.length ?? 0)
            if (more) ctx.deps.services.handoff.route.toLane({ chatId, clientId: null }, OUTBOX_KIND.erasure, after)
          },
        }
      } catch (err) {
        const retry = stepFailure(err)
        if (retry) return retry
        log.warn({ err, rowId: row.id }, 'the staff group could not be cleared of an erased client')
        // The team still hears of the erasure and of the calls it cancelled: nobody is to call
        tellTeam(chatId, p.notice, deleted)
        return { status: 'failed', reason: classifyTelegramError(err).reason }
      }
    },
  }
}
