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
  client: Pick<ClientRow, 'id' | 'timezone'>,
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
  return offer ? t('desk-night-offer', { ...when, ...offer }) : t('desk-night', when)
}

/**
 * The client was just given the handoff's ETA (`handoffOpenedText`), which says
 * when the team is back outside working hours: that counts as tonight's reply.
 */
export function noteEtaTold(deps: Deps, clientId: number, eta: HandoffEta & { created: boolean }): void {
  const toldWhen = eta.created || !eta.answered
  if (toldWhen && !eta.openNow) deps.services.nightReply.toldNow(clientId)
}
