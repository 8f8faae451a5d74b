import { Composer, Context } from 'grammy'
import { describe, expect, it, vi } from 'vitest'
import type { BotContext } from '../../src/bot/context.ts'
import { createClientMiddleware } from '../../src/bot/middlewares/client.ts'
import { createUpdateLogger } from '../../src/bot/middlewares/update-logger.ts'
import { createScopes } from '../../src/bot/scopes.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

/**
 * The scopes where createBot puts them (after the logger, the client/role loader and
 * i18n), and a way to run an update through them; `unhandled` is what comes after.
 */
function scopesOf(h: Harness, unhandled: () => void = () => {}) {
  const chain = new Composer<BotContext>(createUpdateLogger(h.deps.logger), createClientMiddleware(h.deps), h.deps.i18n)
  const scopes = createScopes(h.deps, chain)
  const handle = (update: Parameters<typeof h.bot.handleUpdate>[0]) =>
    chain.middleware()(new Context(update, h.bot.api, h.bot.botInfo) as BotContext, async () => unhandled())
  return { scopes, handle }
}

describe('the scopes features register on', () => {
  it('a client topic: staff only, inside a client topic, with the client found', async () => {
    const h = createHarness()
    const { client, topicId } = await clientWithTopic(h, 701)

    const seen: string[] = []
    const { scopes, handle } = scopesOf(h)
    scopes.clientTopic.command('ping', (ctx) => {
      seen.push(`topic ${ctx.topicClient.id}:${ctx.threadId}`)
    })
    scopes.staffGroup.command('ping', (ctx) => {
      seen.push(`group ${ctx.topicClient?.id ?? '-'}`)
    })
    scopes.private.command('ping', (ctx) => {
      seen.push(`private ${ctx.chat.id}`)
    })

    const owner = h.u.user(OWNER_ID)
    const stranger = h.u.user(702)
    await handle(h.u.staffText(owner, topicId, '/ping'))
    expect(seen).toEqual([`topic ${client.id}:${topicId}`])

    // Someone who is not staff: refused once, and no handler of the topic runs
    await handle(h.u.staffText(stranger, topicId, '/ping'))
    expect(seen).toHaveLength(1)
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain('только для сотрудников')

    // The General topic is the group's, not a client's; a private chat is neither
    await handle(h.u.text(owner, '/ping', { chatId: STAFF_GROUP_ID }))
    await handle(h.u.text(owner, '/ping'))
    expect(seen).toEqual([`topic ${client.id}:${topicId}`, 'group -', `private ${OWNER_ID}`])
  })

  it('keep the order features are registered in, across scopes', async () => {
    const h = createHarness()
    const { topicId } = await clientWithTopic(h, 703)
    const seen: string[] = []
    const { scopes, handle } = scopesOf(h)
    // A command valid anywhere in the group, registered first, comes before a catch-all of the topic
    scopes.staffGroup.command('today', () => {
      seen.push('today')
    })
    scopes.clientTopic.on('message', () => {
      seen.push('relay')
    })
    await handle(h.u.staffText(h.u.user(OWNER_ID), topicId, '/today'))
    await handle(h.u.staffText(h.u.user(OWNER_ID), topicId, 'hello'))
    expect(seen).toEqual(['today', 'relay'])
  })

  it('run their handlers as grammY would: a check true, false or awaited, handlers added later, the order kept', async () => {
    const h = createHarness()
    const seen: string[] = []
    const { scopes, handle } = scopesOf(h, () => seen.push('nobody'))
    scopes.private.filter(
      async (ctx) => ctx.msg?.text === 'later',
      () => {
        seen.push('awaited check')
      },
    )
    // A handler added to the composer a filter returns, after the filter was registered
    scopes.private.command('ping').use((ctx, next) => {
      seen.push(`ping ${ctx.match}`)
      return next()
    })
    // Every update, between two handlers of the private chat: in its place
    scopes.all.on('message', (_ctx, next) => {
      seen.push('all')
      return next()
    })
    scopes.private.on('message:text', (ctx, next) => {
      seen.push(`text ${ctx.msg.text}`)
      return ctx.msg.text === 'twice' ? next().then(next) : undefined
    })
    const user = h.u.user(705)
    await handle(h.u.text(user, '/ping one'))
    await handle(h.u.text(user, 'later'))
    await handle(h.u.text(user, 'hello'))
    await handle(h.u.callback(user, 'menu:quiz'))
    expect(seen).toEqual(['ping one', 'all', 'text /ping one', 'awaited check', 'all', 'text hello', 'nobody'])
    // A handler calling next twice is a bug, as in grammY's chain: the rest does not run again
    await expect(handle(h.u.text(user, 'twice'))).rejects.toThrow('already called')
    expect(seen.slice(7)).toEqual(['all', 'text twice', 'nobody'])
  })

  it('let a failing check or handler reach the error boundary, and await a check that returns any thenable', async () => {
    const h = createHarness()
    const seen: string[] = []
    const { scopes, handle } = scopesOf(h, () => seen.push('nobody'))
    scopes.private.filter(
      (ctx) => {
        if (ctx.msg?.text === 'check fails') throw new Error('the check failed')
        return false
      },
      () => {
        seen.push('never')
      },
    )
    // Not a native promise: a check's result is awaited, never taken as true for being an object
    scopes.private.filter(
      // biome-ignore lint/suspicious/noThenProperty: a thenable that is not a Promise is what this checks
      (ctx) => ({ then: (done: (yes: boolean) => void) => done(ctx.msg?.text === 'thenable') }) as never,
      () => {
        seen.push('thenable')
      },
    )
    scopes.private.hears('handler fails', async () => {
      throw new Error('the handler failed')
    })
    const user = h.u.user(706)
    await expect(handle(h.u.text(user, 'check fails'))).rejects.toThrow('the check failed')
    await expect(handle(h.u.text(user, 'handler fails'))).rejects.toThrow('the handler failed')
    await handle(h.u.text(user, 'thenable'))
    await handle(h.u.text(user, 'other'))
    expect(seen).toEqual(['thenable', 'nobody'])
  })

  it('look the topic’s client up once per update, whatever number of features listen there', async () => {
    const h = createHarness()
    const { topicId } = await clientWithTopic(h, 704)
    const lookups = vi.spyOn(h.deps.services.staffGroups, 'clientByTopic')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Здравствуйте! Сейчас посмотрю.'))
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/note перезвонить в пятницу'))
    expect(lookups).toHaveBeenCalledTimes(2)
    await h.drain()
    // Both still did their work: the message reached the client, the note stayed in the topic
    const copies = h.fake.calls.filter((c) => c.ok && c.method === 'copyMessage' && Number(c.payload.chat_id) === 704)
    expect(copies).toHaveLength(1)
    expect(h.deps.sqlite.prepare("select count(*) as n from messages where direction = 'note'").get()).toEqual({ n: 1 })
  })
})
