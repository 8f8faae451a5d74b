/**
 * A client a broadcast reached in the last 24 hours: the confirmation of the next one says how many
 * of its recipients had one, and offers to leave them out (three broadcasts in 22 hours reached one
 * client, and nobody had said so). The broadcasts under way are listed by their number.
 */
import { describe, expect, it } from 'vitest'
import { broadcastTo, ownerIn, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

const HOUR = 3_600_000

/** Noon in Moscow, the demo's zone: the day, no quiet hours. */
const atNoon = () => createHarness({ clock: createFakeClock('2026-11-24T09:00:00Z') })

/** /broadcast, the message, everyone, the preview: the owner reads the confirmation. */
async function preview(h: Harness, owner: TestUser, text: string, previewButton: string): Promise<void> {
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, text))
  await pressMatching(h, owner, 'bcm:')
  await pressMatching(h, owner, previewButton)
}

async function sendToAll(h: Harness, owner: TestUser, text: string, buttons: { preview: string; send: string }) {
  await preview(h, owner, text, buttons.preview)
  await pressMatching(h, owner, buttons.send)
  await h.deps.services.broadcasts.idle()
}

const RU = { preview: 'Предпросмотр', send: '✅ Отправить' }
const EN = { preview: 'Preview', send: '✅ Send' }

describe('a broadcast to clients who got one in the last 24 hours', () => {
  it('says how many, leaves them out on "Without them", and sends to the rest only', async () => {
    const h = atNoon()
    const owner = await ownerIn(h, 'ru')
    seedClient(h.deps, 401)
    seedClient(h.deps, 402)
    await sendToAll(h, owner, 'Новость: скидка на лендинги', RU)
    expect(broadcastTo(h, 401)).toHaveLength(1)
    seedClient(h.deps, 403)
    h.clock.set(h.clock.now() + 2 * HOUR)
    await preview(h, owner, 'Вторая новость', RU.preview)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(
      '⚠️ Уже получили рассылку за последние 24 часа: 2 из 3. Ещё одна за сутки может показаться им навязчивой. Не отправлять её им — кнопка «Без них (1)» ниже.',
    )
    expect(h.fake.lastButtonsTo(OWNER_ID).map((b) => b.text)).toEqual([
      '✅ Отправить (3)',
      '🧘 Без них (1)',
      '🧪 Тест себе',
      '← Изменить получателей',
      '✖ Не отправлять',
    ])
    await pressMatching(h, owner, 'Без них')
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(
      /^Получателей: 1 \(все, кто согласился на рассылку · кроме получивших рассылку за 24 ч\)\./,
    )
    expect(h.fake.lastTextTo(OWNER_ID)).not.toContain('⚠️')
    expect(h.fake.lastButtonsTo(OWNER_ID).map((b) => b.text)).toContain('↩ Вернуть получивших рассылку за 24 ч')
    await pressMatching(h, owner, '✅ Отправить (1)')
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 403, 'Вторая')).toHaveLength(1)
    expect(broadcastTo(h, 401, 'Вторая')).toHaveLength(0)
    expect(broadcastTo(h, 402, 'Вторая')).toHaveLength(0)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(
      '(получатели: все, кто согласился на рассылку · кроме получивших рассылку за 24 ч) завершена.\nДоставлено: 1 из 1',
    )
  })

  it('taken back with "Include them": the count is everyone again', async () => {
    const h = atNoon()
    const owner = await ownerIn(h, 'ru')
    seedClient(h.deps, 411)
    await sendToAll(h, owner, 'Новость: скидка на лендинги', RU)
    seedClient(h.deps, 412)
    await preview(h, owner, 'Вторая новость', RU.preview)
    await pressMatching(h, owner, 'Без них')
    await pressMatching(h, owner, 'Вернуть')
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(/^Получателей: 2 \(все, кто согласился на рассылку\)\./)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Уже получили рассылку за последние 24 часа: 1 из 2.')
  })

  it('all of them got one: said so, with no "Without them" button', async () => {
    const h = atNoon()
    const owner = await ownerIn(h, 'ru')
    seedClient(h.deps, 421)
    await sendToAll(h, owner, 'Новость: скидка на лендинги', RU)
    await preview(h, owner, 'Вторая новость', RU.preview)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(
      '⚠️ Уже получили рассылку за последние 24 часа: 1 из 1. Ещё одна за сутки может показаться им навязчивой. Других получателей нет — её можно отправить позже.',
    )
    expect(h.fake.lastButtonsTo(OWNER_ID).map((b) => b.text)).not.toContain('🧘 Без них (0)')
  })

  it('a broadcast 25 hours ago is not recent: no warning', async () => {
    const h = atNoon()
    const owner = await ownerIn(h, 'ru')
    seedClient(h.deps, 431)
    await sendToAll(h, owner, 'Новость: скидка на лендинги', RU)
    h.clock.set(h.clock.now() + 25 * HOUR)
    await preview(h, owner, 'Вторая новость', RU.preview)
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(/^Получателей: 1 \(все, кто согласился на рассылку\)\./)
    expect(h.fake.lastTextTo(OWNER_ID)).not.toContain('24 часа')
  })

  it('in English', async () => {
    const h = atNoon()
    const owner = await ownerIn(h, 'en')
    seedClient(h.deps, 441, { language: 'en' })
    await sendToAll(h, owner, 'News: landing pages at half price', EN)
    seedClient(h.deps, 442, { language: 'en' })
    await preview(h, owner, 'Second news', EN.preview)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(
      '⚠️ Already sent a broadcast in the last 24 hours: 1 of 2. Another within a day may feel intrusive to them. To leave them out of this one — the “Without them (1)” button below.',
    )
    await pressMatching(h, owner, '🧘 Without them (1)')
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('except those sent a broadcast in the last 24 h')
    expect(h.fake.lastButtonsTo(OWNER_ID).map((b) => b.text)).toContain('↩ Include those sent a broadcast in 24 h')
    await pressMatching(h, owner, '✅ Send (1)')
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 442, 'Second')).toHaveLength(1)
    expect(broadcastTo(h, 441, 'Second')).toHaveLength(0)
    h.clock.set(h.clock.now() + 2 * HOUR)
    await preview(h, owner, 'Third news', EN.preview)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain(
      '⚠️ Already sent a broadcast in the last 24 hours: 2 of 2. Another within a day may feel intrusive to them. There are no other recipients — it can go later.',
    )
  })
})

describe('the broadcasts under way, by their number', () => {
  it('a draft made first and scheduled after another: /broadcast names #1 before #2', async () => {
    // 22:30 in Moscow, in the demo's quiet hours: both are put off to 9:00
    const h = createHarness({ clock: createFakeClock('2026-11-23T19:30:00Z') })
    const owner = await ownerIn(h, 'ru')
    seedClient(h.deps, 451)
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Первая новость'))
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Вторая новость'))
    // The second draft (id 2) is put off first: #1; then the first (id 1): #2
    await h.send(h.u.callback(owner, 'bcm:2:preview'))
    await pressMatching(h, owner, '🌅')
    await h.send(h.u.callback(owner, 'bcm:1:preview'))
    await pressMatching(h, owner, '🌅')
    h.fake.clearCalls()
    await h.send(h.u.text(owner, '/broadcast'))
    const named = h.fake
      .sentTo(OWNER_ID)
      .map((c) => String(c.payload.text))
      .filter((t) => t.startsWith('🕘'))
    expect(named).toHaveLength(2)
    expect(named[0]).toContain('#1 «Вторая новость»')
    expect(named[1]).toContain('#2 «Первая новость»')
  })
})
