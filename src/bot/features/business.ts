import { Composer } from 'grammy'
import type { BusinessConnection } from 'grammy/types'
import type { BusinessConnectionRow } from '../../../db/schema.ts'
import type { Deps } from '../../deps.ts'
import { formatLocal } from '../../services/time.ts'
import type { BotContext, Translate } from '../context.ts'
import { ownerOnly } from '../owner-guard.ts'

/** "Ольга Смирнова (@olga)". */
function accountName(connection: Pick<BusinessConnectionRow, 'name' | 'username' | 'userId'>): string {
  const name = connection.name ?? `id ${connection.userId}`
  return connection.username ? `${name} (@${connection.username})` : name
}

/**
 * Telegram Business, the connection side: `business_connection` updates are stored and
 * every change is told to the owners (connected, disconnected, the right to reply given
 * or taken; an account that is not an owner's is refused); `/business` shows the state.
 */
export function createBusinessFeature(deps: Deps) {
  const { services, config, i18n, content } = deps
  const composer = new Composer<BotContext>()
  const ownerT: Translate = (key, vars) => i18n.t(config.DEFAULT_LOCALE, key, vars)
  const yesNo = (t: Translate, value: boolean | undefined) => t(value ? 'business-yes' : 'business-no')

  composer.on('business_connection', async (ctx) => {
    const c: BusinessConnection = ctx.businessConnection
    const { connection, change } = services.business.record({
      id: c.id,
      userId: c.user.id,
      userChatId: c.user_chat_id,
      name: [c.user.first_name, c.user.last_name].filter(Boolean).join(' ') || null,
      username: c.user.username ?? null,
      enabled: c.is_enabled,
      rights: { ...(c.rights ?? {}) },
      date: c.date * 1000,
    })
    ctx.log.info({ connection: connection.id, userId: connection.userId, change }, 'business connection')
    if (change === 'unchanged') return
    const account = accountName(connection)
    const reply = connection.rights.can_reply ? 'yes' : 'no'
    let text: string
    if (!services.business.ownedByOwner(connection)) {
      if (change !== 'connected') return
      text = ownerT('business-stranger', { account, id: String(connection.userId) })
    } else if (change === 'connected') {
      const mode = ownerT(`business-mode-${content.get().telegram_business.auto_reply}` as const)
      text = ownerT('business-connected', { account, reply, mode })
    } else if (change === 'disconnected') {
      text = ownerT('business-disconnected', { account })
    } else {
      text = ownerT('business-rights', { account, reply })
    }
    for (const ownerId of services.staff.owners()) {
      try {
        await ctx.api.sendMessage(ownerId, text)
      } catch (err) {
        ctx.log.warn({ err, ownerId }, 'could not tell an owner about the business connection')
      }
    }
  })

  composer.chatType('private').command(
    'business',
    ownerOnly(async (ctx) => {
      const connections = services.business.connections()
      const locale = await ctx.i18n.getLocale()
      const t: Translate = (key, vars) => ctx.t(key, vars)
      const tz = content.get().business.timezone
      const lines = [ctx.t('business-status-title')]
      if (connections.length === 0) lines.push(ctx.t('business-status-none'))
      for (const connection of connections) {
        const state = !services.business.ownedByOwner(connection) ? 'stranger' : connection.enabled ? 'on' : 'off'
        lines.push(
          ctx.t('business-status-item', {
            account: accountName(connection),
            state: ctx.t(`business-state-${state}` as const),
            since: formatLocal(connection.connectedAt, tz, locale),
            reply: yesNo(t, connection.rights.can_reply),
          }),
        )
      }
      lines.push(
        ctx.t('business-status-mode', {
          mode: ctx.t(`business-mode-${content.get().telegram_business.auto_reply}` as const),
        }),
      )
      return ctx.reply(lines.join('\n'))
    }),
  )

  return composer
}
