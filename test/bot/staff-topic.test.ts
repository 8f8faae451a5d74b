import { Composer, Context } from 'grammy'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId, updateClient } from '../../db/repositories/clients.ts'
import type { BotContext } from '../../src/bot/context.ts'
import { createClientMiddleware } from '../../src/bot/middlewares/client.ts'
import { createUpdateLogger } from '../../src/bot/middlewares/update-logger.ts'
import { staffTopicScope } from '../../src/bot/staff-topic.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

describe('staffTopicScope', () => {
  it('runs staff handlers only for staff, only inside a client topic', async () => {
    const h = createHarness()
    const client = h.u.user(701)
    await h.send(h.u.text(client, '/start'))
    const row = findClientByTelegramId(h.deps.db, client.id)!
    const topicId = 150
    h.fake.topics.set(topicId, { name: 'client', deleted: false })
    updateClient(h.deps.db, row.id, { topicId })

    const seen: string[] = []
    const probe = new Composer<BotContext>()
    staffTopicScope(h.deps, probe).command('ping', (ctx) => {
      seen.push(`${ctx.topicClient.id}:${ctx.threadId}`)
    })
    // the probe runs where a feature would: after the logger, the client/role loader and i18n
    const bot = new Composer<BotContext>(
      createUpdateLogger(h.deps.logger),
      createClientMiddleware(h.deps),
      h.deps.i18n,
      probe,
    )
    const handle = (update: Parameters<typeof h.bot.handleUpdate>[0]) =>
      bot.middleware()(new Context(update, h.bot.api, h.bot.botInfo) as BotContext, async () => {})
    h.send = async (...updates) => {
      for (const u of updates) await handle(u)
    }

    const owner = h.u.user(OWNER_ID)
    const stranger = h.u.user(702)
    await h.send(h.u.staffText(owner, topicId, '/ping'))
    expect(seen).toEqual([`${row.id}:${topicId}`])

    await h.send(h.u.staffText(stranger, topicId, '/ping'))
    expect(seen).toHaveLength(1)
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('только для сотрудников')

    await h.send(h.u.text(owner, '/ping', { chatId: STAFF_GROUP_ID }))
    expect(seen).toHaveLength(1)
  })
})
