/**
 * Confirming a broadcast writes its recipient rows in batches that let the bot answer in
 * between; it must still be all or nothing for the sender, and once only.
 */
import { asc, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { broadcastRecipients, broadcasts } from '../../db/schema.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import { seedPopulation } from '../helpers/population.ts'

function setup() {
  const h = createHarness({ config: { LOG_LEVEL: 'silent' } })
  // Client ids up to 13,000: the confirmation takes several batches
  seedPopulation(h.database, 1_500, h.clock.now(), { firstId: 1 })
  seedPopulation(h.database, 1_500, h.clock.now(), { firstId: 11_500 })
  const draft = h.deps.services.broadcasts.createDraft({
    ownerId: OWNER_ID,
    sourceChatId: OWNER_ID,
    sourceMessageId: 1,
    plan: { kind: 'text', text: 'Новости' },
  })
  const rows = () =>
    h.deps.db
      .select({
        clientId: broadcastRecipients.clientId,
        chatId: broadcastRecipients.chatId,
        status: broadcastRecipients.status,
      })
      .from(broadcastRecipients)
      .where(eq(broadcastRecipients.broadcastId, draft.id))
      .orderBy(asc(broadcastRecipients.clientId))
      .all()
  const status = () => h.deps.db.select().from(broadcasts).where(eq(broadcasts.id, draft.id)).get()?.status
  return { h, draft, rows, status }
}

describe('confirming a broadcast', () => {
  it('writes a pending row for every client the segment selects, then starts sending', async () => {
    const { h, draft, rows, status } = setup()
    const expected = h.deps.services.broadcasts.recipients({}).map((c) => ({ clientId: c.id, chatId: c.telegramId }))
    expect(expected.at(-1)?.clientId).toBeGreaterThan(11_500)
    const result = await h.deps.services.broadcasts.confirm(draft.id)
    expect(result).toEqual({ ok: true, total: expected.length, reachable: expected.length })
    // The sender is woken at once and may have begun
    expect(rows().map(({ clientId, chatId }) => ({ clientId, chatId }))).toEqual(expected)
    expect(status()).toBe('sending')
  })

  it('counts a second press of "Send" during the confirmation as nothing', async () => {
    const { h, draft, rows } = setup()
    const [first, second] = await Promise.all([
      h.deps.services.broadcasts.confirm(draft.id),
      h.deps.services.broadcasts.confirm(draft.id),
    ])
    expect(second).toEqual({ ok: false, reason: 'not-draft' })
    expect(first.ok && first.total).toBe(rows().length)
    expect(await h.deps.services.broadcasts.confirm(draft.id)).toEqual({ ok: false, reason: 'not-draft' })
  })

  it('stops when the draft is discarded between batches, leaving no rows', async () => {
    const { h, draft, rows, status } = setup()
    const confirming = h.deps.services.broadcasts.confirm(draft.id)
    await new Promise((resolve) => setImmediate(resolve))
    expect(rows().length).toBeGreaterThan(0) // a first batch was written
    expect(await h.deps.services.broadcasts.discard(draft.id)).toBe(true)
    expect(await confirming).toEqual({ ok: false, reason: 'not-draft' })
    expect(rows()).toEqual([])
    expect(status()).toBeUndefined()
  })

  it('an empty segment stays a draft', async () => {
    const { h, draft, status } = setup()
    await h.deps.services.broadcasts.setSegment(draft.id, { tag: 'no-such-tag' })
    expect(await h.deps.services.broadcasts.confirm(draft.id)).toEqual({ ok: false, reason: 'empty', left: 0 })
    expect(status()).toBe('draft')
  })
})
