/**
 * The once-per-night "we are closed, back at 10:00" for a client who writes
 * outside working hours (src/services/desk/night-reply.ts decides when).
 */
import type { ClientRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { timezoneOf } from '../../services/followups/index.ts'
import type { HandoffEta } from '../../services/handoff/index.ts'
import type { Translate } from '../context.ts'
import { backAtText } from '../handoff/texts.ts'
import { zoneForReader } from '../reader-zone.ts'

/**
 * The text to tell the client now, or undefined when they were told already this closed stretch
 * (or it is open). `offer`: the message reached nobody yet (no request is open), so the text
 * promises no answer to it, but says which button brings one (`button`, its label). `quiet`:
 * asked when a reply is due, whether the bot is to say nothing (the owner's chat they took).
 */
export function takeNightReply(
  deps: Deps,
  t: Translate,
  locale: string,
  client: Pick<ClientRow, 'id' | 'lastSeenAt' | 'timezone'>,
  offer?: { button: string },
  quiet?: () => boolean,
): string | undefined {
  const due = deps.services.nightReply.take(client.id, quiet)
  if (!due) return undefined
  if (due.backAt === undefined) return offer ? t('desk-night-offer-unknown', offer) : t('desk-night-unknown')
  const { timezone } = deps.content.get().business
  const back = backAtText(t, due.backAt, timezone, locale, deps.clock.now(), timezoneOf(client, timezone))
  // With the client's own clock beside ours once they gave it (/timezone), as by when a manager answers
  const zone = zoneForReader(t, { businessTz: timezone, clientTz: client.timezone, locale, at: due.backAt })
  const when = { back, zone }
  // The owner's account (Telegram Business), closed to the bot before the team is back: no
  // manager can answer from the topic then, so none is promised in the owner's name
  const closes = deps.services.business.closesBefore(client, due.backAt)
  if (offer) return t(closes ? 'desk-night-offer-owner' : 'desk-night-offer', { ...when, ...offer })
  // Their message waits in a request: the owners learn now, not at the missed answer time
  if (closes) tellOwnersOnlyTheyCan(deps, client.id, due.backAt, closes)
  return t(closes ? 'desk-night-owner' : 'desk-night', when)
}

/**
 * The client's message waits for the team in a chat with the owner's account that closes to the
 * bot before the team is back (`back`): the owners are told that night, through their one route
 * (with the client's topic under it), that only the account's owner will be able to answer.
 */
function tellOwnersOnlyTheyCan(
  deps: Deps,
  clientId: number,
  back: number,
  closes: { until: number; account: string },
): void {
  deps.services.handoff.notifyOwners(
    [
      {
        key: 'business-owners-closes-first',
        args: { id: String(clientId), account: closes.account, back: { time: back }, until: { time: closes.until } },
      },
    ],
    clientId,
  )
}

/**
 * The client was just given the handoff's ETA (`handoffOpenedText`), which says
 * when the team is back outside working hours: that counts as tonight's reply. The ETA of a
 * request opened now in a chat with the owner's account that closes to the bot before its answer
 * time says no time (`etaText`); when it closes before the team is even back, the owners are
 * told at once, once per request.
 */
export function noteEtaTold(deps: Deps, clientId: number, eta: HandoffEta & { created: boolean }): void {
  const toldWhen = eta.created || !eta.answered
  if (toldWhen && !eta.openNow) deps.services.nightReply.toldNow(clientId)
  const client = eta.created && !eta.openNow ? deps.services.clients.get(clientId) : undefined
  // As at the night reply: when the team is back, not its answer time, decides (a chat that closes
  // a few minutes after the return loses the ETA's time, but the team can still answer there)
  const closes = client && eta.backAt !== undefined && deps.services.business.closesBefore(client, eta.backAt)
  if (closes && eta.backAt !== undefined) tellOwnersOnlyTheyCan(deps, clientId, eta.backAt, closes)
}
