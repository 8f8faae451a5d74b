import { describe, expect, it } from 'vitest'
import { quizResults } from '../../db/schema.ts'
import { slotData } from '../helpers/booking.ts'
import { seedClient } from '../helpers/clients.ts'
import { createHarness, demoYamlWithoutSupport, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'
import type { TestUser } from '../helpers/updates.ts'

const MONDAY = '2026-11-23'
const MANAGER_ID = 5_000_101

/** The owner uploads the content without the support plan. */
async function ownerRemovesSupport(h: Harness): Promise<void> {
  const owner = h.u.user(OWNER_ID)
  const update = h.u.document(owner, { fileName: 'content.yaml' })
  h.fake.files.set(update.message!.document!.file_id, Buffer.from(demoYamlWithoutSupport(), 'utf8'))
  await h.send(update)
  expect(h.fake.lastTextTo(owner.id)).toContain('Новый контент применён')
  expect(h.deps.content.get().products.map((p) => p.id)).not.toContain('support')
}

/** What the client's /mydata file holds. */
async function myData(h: Harness, user: TestUser) {
  await h.send(h.u.text(user, '/mydata'))
  const call = h.fake
    .sentTo(user.id)
    .filter((c) => c.method === 'sendDocument')
    .at(-1)
  return JSON.parse(call!.files.document!.data.toString('utf8'))
}

async function press(h: Harness, user: TestUser, data: string): Promise<void> {
  await h.send(h.u.callback(user, data))
}

describe('a product taken out of the content keeps its title', () => {
  it('on a booked call: /today, the staff reminder, the client’s bookings and /mydata', async () => {
    const h = createHarness()
    const anna = h.u.user(951, { first_name: 'Анна' })
    await h.send(h.u.callback(anna, 'bookp:support'), h.u.callback(anna, `bkd:${MONDAY}`))
    await h.send(h.u.callback(anna, slotData('2026-11-23T13:00Z')), h.u.text(anna, '+79161234567'))
    await h.send(h.u.callback(anna, 'bk:skip'))
    await h.send(h.u.callback(anna, 'bk:ok'))
    // The booking's notice to the group, written with the booking, is out before /today's answer
    await h.drain()
    await ownerRemovesSupport(h)

    await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
    await h.flush()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toContain(
      '🕐 16:00–16:30 — Анна #1, +7 916 123 45 67 · Техподдержка сайта',
    )

    await h.send(h.u.text(anna, '/mybookings'))
    expect(h.fake.lastTextTo(anna.id)).toContain('(Москва, UTC+3) — Техподдержка сайта')
    expect((await myData(h, anna)).bookings).toMatchObject([
      { product: 'support', product_title: 'Техподдержка сайта' },
    ])

    // The call's time: the staff reminder says what it is about
    h.clock.set('2026-11-23T13:00Z')
    await h.deps.scheduler.runDue()
    await h.flush()
    const reminder = h.fake.textsTo(STAFF_GROUP_ID).find((t) => t.includes('Пора звонить'))
    expect(reminder).toContain('🎯 Тема: Техподдержка сайта')
  })

  it('on an invoice: its reminder, the client card (with the quiz), My stuff and /mydata', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const { user, client, topicId } = await clientWithTopic(h, 952)
    // The quiz put the support plan first for her
    h.deps.db
      .insert(quizResults)
      .values({
        clientId: client.id,
        answers: {},
        ranking: [{ productId: 'support', score: 5, reasons: [] }],
        outcome: 'match',
        shownAt: h.clock.now(),
        createdAt: h.clock.now(),
      })
      .run()
    await h.send(h.u.staffText(manager, topicId, '/invoice 15000 support Первый месяц'))
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toContain('За что: Техподдержка сайта — Первый месяц')
    await ownerRemovesSupport(h)

    h.clock.set('2026-11-23T11:00:00Z') // the first reminder
    await h.deps.scheduler.runDue()
    await h.flush()
    expect(h.fake.lastTextTo(user.id)).toContain('За что: Техподдержка сайта — Первый месяц')

    await h.send(h.u.staffText(manager, topicId, '/card'))
    await h.flush()
    const card = h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)
    expect(card).toContain('· Техподдержка сайта — Первый месяц')
    expect(card).toContain('— Техподдержка сайта (5 баллов)')

    await h.send(h.u.text(user, '/mybookings'))
    expect(h.fake.lastTextTo(user.id)).toContain('• Техподдержка сайта — Первый месяц:')
    expect((await myData(h, user)).orders).toMatchObject([{ product: 'support', product_title: 'Техподдержка сайта' }])
  })

  it('in a broadcast segment picked before', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 953)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Привет!'))
    const pick = (text: string) => h.fake.lastButtonsTo(owner.id).find((b) => b.text.includes(text))?.data ?? ''
    await press(h, owner, pick('🎯'))
    await press(h, owner, pick('Техподдержка сайта'))
    expect(h.fake.lastTextTo(owner.id)).toContain('квиз: Техподдержка сайта')
    const languages = pick('🌐')

    await ownerRemovesSupport(h)
    // The owner goes on with the segment: picks any language
    await press(h, owner, languages)
    await press(h, owner, pick('не важно'))
    expect(h.fake.lastTextTo(owner.id)).toContain('квиз: Техподдержка сайта')
    // Said in a form that fits every filter (the activity's "любой" did not)
    expect(h.fake.lastButtonsTo(owner.id).map((b) => b.text)).toEqual(
      expect.arrayContaining(['🎯 Квиз: Техподдержка сайта', '🌐 Язык: не важно', '🕐 Активность: не важно']),
    )
  })
})
