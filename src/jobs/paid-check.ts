/**
 * The team's reminder of a client's "I paid" nobody answered (src/services/paid-checks.ts):
 * this only composes what staff read, in the staff group's language, with the same two
 * answers as the first request. The client is not written to: their reminders are paused
 * until the team answers, and the answer is the team's to give.
 */
import { orderAmount, orderSuffix } from '../bot/followup-texts.ts'
import { reportAnswerKeyboard } from '../bot/keyboards/followups.ts'
import type { Deps } from '../deps.ts'
import { PAID_CHECK_JOB } from '../services/paid-checks.ts'

export function registerPaidCheckJob(deps: Deps): void {
  const { config, content, i18n } = deps
  deps.scheduler.register(PAID_CHECK_JOB, async (payload) =>
    deps.services.paidChecks.remind(payload, (order) => {
      const locale = config.DEFAULT_LOCALE
      const id = String(order.id)
      const since = { time: payload.reportedAt }
      return {
        topic: {
          lines: [
            {
              key: 'paid-check-topic',
              args: { id, amount: orderAmount(order, locale), what: orderSuffix(order, content, locale), since },
            },
          ],
          buttons: reportAnswerKeyboard((key, vars) => i18n.t(locale, key, vars), order.id),
          // A client without a topic is named in General, as their report was
          general: true,
        },
        // The client named as in every owner's alert (`ownerAlertText`). What the invoice is for is
        // left out (a manager's own words in an owner's chat, which /forget edits only whole)
        owners: [
          {
            key: 'paid-check-owner',
            args: { order: id, amount: orderAmount(order, locale), id: String(order.clientId), since },
          },
        ],
      }
    }),
  )
}
