import { Composer } from 'grammy'
import type { Deps } from '../../deps.ts'
import type { BotContext } from '../context.ts'
import { react } from '../courtesy.ts'
import { clientName } from '../format.ts'
import { menuCallback } from '../keyboards/main-menu.ts'
import { staffTopicScope } from '../staff-topic.ts'

const DAYS_SHOWN = 3

/**
 * /offer in a client's topic: the manager offers a callback. The client gets
 * the nearest days with free times and a button that opens the booking flow
 * (the same one as in the menu, so capacity and reminders work as usual).
 */
export function createBookingOfferFeature(deps: Deps) {
  const { booking, handoff } = deps.services
  const composer = new Composer<BotContext>()
  const topic = staffTopicScope(deps, composer)

  topic.command('offer', async (ctx) => {
    const client = ctx.topicClient
    if (client.telegramId === null) return
    const days = booking.freeDays().slice(0, DAYS_SHOWN)
    if (days.length === 0) return handoff.notifyTopic(client.id, [{ key: 'booking-offer-none' }])
    const locale = client.language ?? deps.config.DEFAULT_LOCALE
    const dayName = new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    })
    const list = days.map((d) => dayName.format(Date.parse(`${d.date}T12:00:00Z`))).join(', ')
    const t = (key: string, args?: Record<string, string>) => deps.i18n.t(locale, key, args)
    // Behind the manager's messages still on their way; a failure later is reported in the topic
    const queued = handoff.sendToClient(client.id, {
      text: t('booking-offer-client', { name: clientName(client) || t('start-friend'), days: list }),
      buttons: [[{ text: t('booking-offer-button'), data: menuCallback.pack('booking') }]],
    })
    if (queued) await react(ctx, '👌')
    else handoff.notifyTopic(client.id, [{ key: 'booking-offer-failed' }])
  })

  return composer
}
