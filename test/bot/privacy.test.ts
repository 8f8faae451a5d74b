import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findClientById, findClientByTelegramId } from '../../db/repositories/clients.ts'
import { answers, events, jobs } from '../../db/schema.ts'
import { CONSENT_TEXT_VERSION } from '../../src/services/clients.ts'
import { createHarness } from '../helpers/harness.ts'

describe('marketing consent', () => {
  it('stores a yes with its time and text version, and a no as no', async () => {
    const h = createHarness()
    const yes = h.u.user(201)
    const no = h.u.user(202)
    await h.send(h.u.text(yes, '/start'))
    const agreedAt = h.clock.now()
    await h.send(h.u.callback(yes, 'consent:yes'))
    await h.send(h.u.text(no, '/start'), h.u.callback(no, 'consent:no'))

    const agreed = findClientByTelegramId(h.deps.db, yes.id)
    expect(agreed).toMatchObject({ consentAt: agreedAt, consentVersion: CONSENT_TEXT_VERSION })
    expect(h.deps.services.clients.canReceiveMarketing(agreed!)).toBe(true)
    expect(h.fake.lastTextTo(yes.id)).toContain('Спасибо')

    const declined = findClientByTelegramId(h.deps.db, no.id)
    expect(declined?.consentAt).toBeNull()
    expect(h.deps.services.clients.canReceiveMarketing(declined!)).toBe(false)
    expect(h.fake.lastTextTo(no.id)).toContain('никаких рассылок')
    // answered questions lose their buttons
    expect(h.fake.callsOf('editMessageReplyMarkup')).toHaveLength(2)
  })

  it('/privacy explains what is stored and offers the opposite of the current state', async () => {
    const h = createHarness()
    const user = h.u.user(203)
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/privacy'))
    expect(h.fake.lastTextTo(user.id)).toContain('Что мы храним и зачем')
    expect(h.fake.lastTextTo(user.id)).toContain('вы не подписаны')
    expect(h.fake.lastButtonsTo(user.id)).toEqual([{ text: 'Подписаться на новости', data: 'consent:yes' }])
    await h.send(h.u.callback(user, 'consent:yes'), h.u.text(user, '/privacy'))
    expect(h.fake.lastTextTo(user.id)).toContain('вы подписаны')
  })

  it('/stop ends marketing but keeps the client reachable for service messages', async () => {
    const h = createHarness()
    const user = h.u.user(204)
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, '/stop'))
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(client.optOutAt).toBe(h.clock.now())
    expect(h.deps.services.clients.canReceiveMarketing(client)).toBe(false)
    expect(client.blockedAt).toBeNull()
    expect(h.fake.lastTextTo(user.id)).toContain('рассылок больше не будет')
  })
})

describe('/forget', () => {
  it('asks first; "no" keeps everything', async () => {
    const h = createHarness()
    const user = h.u.user(205)
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/forget'))
    expect(h.fake.lastTextTo(user.id)).toContain('Удалить ваши данные?')
    await h.send(h.u.callback(user, 'forget:no'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.deletedAt).toBeNull()
    expect(h.fake.lastTextTo(user.id)).toContain('ничего не удаляем')
  })

  it('erases personal data, cancels scheduled messages and keeps anonymous counts', async () => {
    const h = createHarness()
    const user = h.u.user(206, { first_name: 'Ольга', username: 'olga' })
    await h.send(h.u.text(user, '/start src_instagram'), h.u.callback(user, 'consent:yes'))
    const id = findClientByTelegramId(h.deps.db, user.id)!.id
    h.deps.db
      .insert(answers)
      .values({ clientId: id, kind: 'discovery', questionKey: 'task', value: 'сайт', createdAt: 1, updatedAt: 1 })
      .run()
    h.deps.scheduler.enqueue({ kind: 'checkin', runAt: h.clock.now() + 1000, clientId: id, dedupeKey: 'c1' })

    const askedAt = h.clock.now()
    await h.send(h.u.text(user, '/forget'), h.u.callback(user, 'forget:yes'))
    expect(h.fake.lastTextTo(user.id)).toContain('ваши данные удалены')

    const row = findClientById(h.deps.db, id)!
    expect(row).toMatchObject({ telegramId: null, firstName: null, username: null, consentAt: null })
    // (the answers wait for room in the chat: about one message a second)
    expect(row.deletedAt).toBeGreaterThanOrEqual(askedAt)
    expect(row.deletedAt).toBeLessThanOrEqual(h.clock.now())
    expect(row.source).toBe('instagram') // anonymous: kept for the funnel
    expect(h.deps.db.select().from(answers).where(eq(answers.clientId, id)).all()).toEqual([])
    expect(h.deps.db.select().from(jobs).get()?.status).toBe('cancelled')
    const types = h.deps.db
      .select()
      .from(events)
      .where(eq(events.clientId, id))
      .all()
      .map((e) => e.type)
    expect(types).toEqual(expect.arrayContaining(['client_new', 'start', 'consent_given', 'forget']))

    // writing again starts from scratch, as a new client
    await h.send(h.u.text(user, '/start'))
    const fresh = findClientByTelegramId(h.deps.db, user.id)!
    expect(fresh.id).not.toBe(id)
    expect(h.fake.lastTextTo(user.id)).toContain('можно иногда присылать')
  })
})
