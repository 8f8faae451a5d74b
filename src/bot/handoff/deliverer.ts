/**
 * Turns the handoff's outbox rows (src/services/outbox.ts) into Bot API calls:
 * each kind of row has its handler (relay-delivery.ts, post-delivery.ts); the
 * topics and the group's health are kept by topic-keeper.ts, failures mean
 * what failures.ts says. Its Api waits only briefly for room in the send
 * budget: a 429 comes back at once and the outbox waits with a timer instead
 * of blocking the bot.
 */
import type { Api } from 'grammy'
import type { Deps } from '../../deps.ts'
import {
  type CardPayload,
  type ErasurePayload,
  type InvoicePayload,
  type MessagePayload,
  OUTBOX_KIND,
  type RelayPayload,
  type StaffPostPayload,
  type TranscriptPayload,
} from '../../services/handoff/index.ts'
import {
  type DeliveryResult,
  type LanePlace,
  type OutboxDeliverer,
  type OutboxRow,
  recordAlso,
} from '../../services/outbox.ts'
import { createDeskDelivery } from '../desk/delivery.ts'
import { editWeight } from '../outbound.ts'
import { createErasureDelivery } from './erasure-delivery.ts'
import { type DeliveryContext, harmlessToRepeat } from './failures.ts'
import { createPostDelivery, editsCardInPlace, pinSuperseded } from './post-delivery.ts'
import { createRelayDelivery } from './relay-delivery.ts'
import { excerpt } from './texts.ts'
import { createTopicKeeper } from './topic-keeper.ts'

type Urgent = { urgent?: boolean }

/**
 * Messages a card's edit for a scheduled message gone out leaves room for in its group (of the 20 a
 * minute Telegram counts edits in): twenty-five follow-ups going out at once edit their cards over a
 * minute, and a client who writes meanwhile reaches the topic at once. Only for a while: a group
 * that always has 15 to 19 messages in its minute would never have that room, and the card would
 * keep listing what went out.
 */
const CARD_EDIT_SPARE = 5
const CARD_EDIT_SPARE_MS = 3 * 60_000

/** The priority of what someone just did in the group and waits for the answer to (`answering`). */
const ANSWERING = 2

/** The answer to what someone just did in the group, who waits for it (`answering`: a staff post, a card). */
const isAnswer = (row: OutboxRow) => (row.payload as StaffPostPayload | CardPayload).answering === true

/** A card's edit in place for a scheduled message gone out (`CardPayload.editOnly`). */
const isCardEdit = (row: OutboxRow) => row.method === OUTBOX_KIND.card && (row.payload as CardPayload).editOnly === true

export function createHandoffDelivery(deps: Deps, api: Api, botId: () => number): OutboxDeliverer {
  const { handoff } = deps.services
  const ctx: DeliveryContext = {
    deps,
    api,
    botId,
    log: deps.logger.child({ module: 'handoff-delivery' }),
    t: (key, args) => deps.i18n.t(deps.config.DEFAULT_LOCALE, key, args),
    report: (clientId, lines, options) => {
      // A row the erasure withdrew on its way failed for that alone: nothing to tell, and
      // nothing of the person to write down again (a "may have arrived" quoting their message)
      if (!deps.services.outbox.mayLeave()) return
      if (clientId !== null) handoff.notifyTopic(clientId, lines, options)
    },
  }
  const keeper = createTopicKeeper(ctx)
  const relay = createRelayDelivery(ctx, keeper)
  const posts = createPostDelivery(ctx, keeper)
  const erasure = createErasureDelivery(ctx, keeper)
  const desk = createDeskDelivery(ctx, keeper)

  const handlers: Record<string, (row: OutboxRow) => Promise<DeliveryResult>> = {
    [OUTBOX_KIND.relayIn]: relay.relayIn,
    [OUTBOX_KIND.relayOut]: relay.relayOut,
    [OUTBOX_KIND.editIn]: relay.editIn,
    [OUTBOX_KIND.editOut]: relay.editOut,
    [OUTBOX_KIND.unsend]: relay.unsend,
    [OUTBOX_KIND.card]: posts.card,
    [OUTBOX_KIND.pin]: posts.pin,
    [OUTBOX_KIND.transcript]: posts.transcript,
    [OUTBOX_KIND.staffPost]: posts.staffPost,
    [OUTBOX_KIND.ownerAlert]: posts.ownerAlert,
    [OUTBOX_KIND.clientPrompt]: posts.clientPrompt,
    [OUTBOX_KIND.message]: posts.message,
    [OUTBOX_KIND.claimTaken]: posts.claimTaken,
    [OUTBOX_KIND.postButtons]: posts.claimTaken,
    [OUTBOX_KIND.invoiceSummary]: posts.invoiceSummary,
    [OUTBOX_KIND.erasure]: erasure.erasure,
    [OUTBOX_KIND.invoice]: posts.invoice,
    ...desk.handlers,
  }

  return {
    async deliver(row) {
      const handler = handlers[row.method]
      if (!handler) return { status: 'failed', reason: `unknown outbox method ${row.method}` }
      // A group (private chats have positive ids) taken out of the settings: what waits there for
      // a client goes to their group now; the rest (its General, its messages) is out of reach
      if (row.chatId < 0 && !deps.services.staffGroups.isStaffGroup(row.chatId)) {
        if (row.clientId !== null) return keeper.followClient(row, deps.services.staffGroups.groupOf(row.clientId))
        ctx.log.warn({ rowId: row.id, method: row.method, chatId: row.chatId }, 'a row for a former staff group')
        return { status: 'failed', reason: 'the group is no longer a staff group' }
      }
      const result = await handler(row)
      // A message put into the client's topic: their request is before the team from now on, and
      // its answer time counts from here when it waited to go (`reachedGroup`, with the sent mark)
      const clientId = row.clientId
      if (clientId === null || row.chatId >= 0 || result.status !== 'sent' || result.messageId == null) return result
      return recordAlso(result, () => handoff.reachedGroup(clientId, row.createdAt))
    },

    weight(row) {
      // A status row only renames, closes or reopens a topic that exists
      const deskWeight = desk.weight(row)
      if (deskWeight !== undefined) return deskWeight
      // The pin of a card posted again since: it makes no call
      if (pinSuperseded(deps, row)) return 0
      // An edit (or a deletion in a client's chat) puts no new message into the chat, but a group counts it as one
      if (
        row.method === OUTBOX_KIND.editIn ||
        row.method === OUTBOX_KIND.editOut ||
        row.method === OUTBOX_KIND.unsend ||
        row.method === OUTBOX_KIND.claimTaken ||
        row.method === OUTBOX_KIND.postButtons ||
        row.method === OUTBOX_KIND.invoiceSummary ||
        isCardEdit(row)
      )
        return editWeight(row.chatId)
      // Its renames and edits, split at the moment its delivery splits it at too
      if (row.method === OUTBOX_KIND.erasure) return erasure.weight(row)
      if (!deps.services.staffGroups.isStaffGroup(row.chatId)) return 1
      let weight = 1
      if (row.method === OUTBOX_KIND.relayIn) weight = (row.payload as RelayPayload).messageIds.length
      const client = row.clientId === null ? undefined : handoff.client(row.clientId)
      const general = row.method === OUTBOX_KIND.staffPost && (row.payload as StaffPostPayload).general
      // A topic to create first (the card comes with it; the whole transcript after a lost one)
      if (client && client.topicId === null && !general) {
        weight += row.method === OUTBOX_KIND.card ? 1 : 2
        if (handoff.topics.wasLost(client.id)) weight += 2
      }
      return weight
    },

    priority(row) {
      const deskPriority = desk.priority(row)
      if (deskPriority !== undefined) return deskPriority
      // A card's pin, or its edit for a scheduled message gone out, only when nothing else waits; a new
      // request before more messages of ongoing chats
      if (row.method === OUTBOX_KIND.pin) return -1
      if (isCardEdit(row)) return -1
      const payload = row.payload as (CardPayload | TranscriptPayload | RelayPayload | StaffPostPayload) & Urgent
      // A person waits for a command's answer; a new request's posts come seconds after it
      if (isAnswer(row)) return ANSWERING
      return payload.urgent ? 1 : 0
    },

    place(row): LanePlace {
      const deskPlace = desk.place(row)
      if (deskPlace !== undefined) return deskPlace
      if (isAnswer(row)) return 'answer'
      // Upkeep: a card's pin (its service message says which card), the card edited where it is,
      // "take this client" or a dead button coming off a post already sent, an invoice's summary
      // edited to what it says now — none is read in turn. Never what carries anyone's words (relays and their edits, the history, staff
      // posts, messages to the client), nor an erasure
      if (
        row.method === OUTBOX_KIND.pin ||
        row.method === OUTBOX_KIND.claimTaken ||
        row.method === OUTBOX_KIND.postButtons ||
        row.method === OUTBOX_KIND.invoiceSummary ||
        editsCardInPlace(deps, row)
      )
        return 'upkeep'
      return 'kept'
    },

    spare(row) {
      // Not a pin, which waits for a quiet group too: a new request's first message may come right behind it
      return isCardEdit(row) && deps.clock.now() - row.createdAt < CARD_EDIT_SPARE_MS ? CARD_EDIT_SPARE : 0
    },

    erasedDuringDelivery(row, messageIds) {
      // The erasure listed what the group (or an owner's chat: a list naming clients) showed
      // before; these messages arrived after. A message in the client's own chat stays theirs
      const aboutOthers = row.chatId > 0 && (row.payload as { about?: unknown }).about !== undefined
      if (messageIds.length > 0 && (deps.services.staffGroups.isStaffGroup(row.chatId) || aboutOthers)) {
        const at = deps.clock.now()
        handoff.route.toLane({ chatId: row.chatId, clientId: null }, OUTBOX_KIND.erasure, {
          topics: [],
          cards: [],
          remove: messageIds.map((id) => ({ id, at, own: true })),
        } satisfies ErasurePayload)
      }
    },

    interrupted(row) {
      const decided = desk.interrupted(row)
      if (decided) return decided
      // Towards the staff: a possible repeat (marked as such) is better than a lost client message.
      // Towards a client: a person decides, the client never gets a silent duplicate.
      if (harmlessToRepeat(row)) return 'resend'
      if (row.method === OUTBOX_KIND.relayOut) {
        const p = row.payload as RelayPayload
        const what = deps.services.handoff.transcript.message(p.rowIds[0] ?? 0)
        ctx.report(row.clientId, [{ key: 'handoff-topic-uncertain', args: { excerpt: excerpt(deps, what) } }])
        return 'give-up'
      }
      if ((row.method === OUTBOX_KIND.message || row.method === OUTBOX_KIND.invoice) && row.clientId !== null) {
        const what =
          row.method === OUTBOX_KIND.invoice
            ? {
                type: 'invoice',
                text: ctx.t('tg-invoice-title', { id: String((row.payload as InvoicePayload).orderId) }),
              }
            : { type: 'text', text: (row.payload as MessagePayload).text }
        ctx.report(row.clientId, [{ key: 'handoff-topic-uncertain', args: { excerpt: excerpt(deps, what) } }])
        return 'give-up'
      }
      return 'resend'
    },
  }
}
