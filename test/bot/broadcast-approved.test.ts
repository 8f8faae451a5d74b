/**
 * What goes is counted against what the owner approved ("Send (N)"): one who leaves between the
 * preview and the press (or overnight, for a scheduled one) is a skipped recipient the report and
 * the start say so of, not one silently missing from a smaller total.
 */
import { describe, expect, it } from 'vitest'
import { broadcastTo, namedForAll, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

/** How the owner's messages name the broadcast. */
const NEWS = namedForAll(1)
const SKIPPED = 'Пропущено (отписались, удалили данные, вошли в команду или ждут ответа менеджера)'

/** /broadcast, the message, everyone, the preview: the owner looks at "Send (N)". */
async function preview(h: Harness, owner: TestUser): Promise<void> {
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость: скидка на лендинги'))
  await pressMatching(h, owner, 'bcm:')
  await pressMatching(h, owner, 'Предпросмотр')
}

describe('a broadcast counted against what the owner approved', () => {
  it('one who says /stop between the preview and Send: "1 of 2", skipped 1, said at the start too', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 301)
    seedClient(h.deps, 302)
    await preview(h, owner)
    expect(h.fake.lastButtonsTo(OWNER_ID)[0]?.text).toBe('✅ Отправить (2)')
    await h.send(h.u.text(h.u.user(302), '/stop'))
    await pressMatching(h, owner, 'Отправить')
    expect(h.fake.textsTo(OWNER_ID)).toContain(
      `🚀 Рассылка ${NEWS} запущена: 1 получатель. Ещё 1 из тех, кому вы её одобрили, с тех пор отписался, заблокировал бота или удалил данные — ему она не уйдёт.`,
    )
    await h.deps.services.broadcasts.idle()
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `✅ Рассылка ${NEWS} завершена.\nДоставлено: 1 из 2\nЗаблокировали бота: 0\nОшибки: 0\n${SKIPPED}: 1`,
    )
    expect(broadcastTo(h, 301)).toHaveLength(1)
    expect(broadcastTo(h, 302)).toHaveLength(0)
  })

  it('one who agrees to news after the preview gets it too: the conditions, not a frozen list', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 311)
    await preview(h, owner)
    seedClient(h.deps, 312)
    await pressMatching(h, owner, 'Отправить')
    expect(h.fake.textsTo(OWNER_ID)).toContain(`🚀 Рассылка ${NEWS} запущена: 2 получателя.`)
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 312)).toHaveLength(1)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Доставлено: 2 из 2')
  })

  it('recipients changed after a preview: those approved before are not counted, nor sent to', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 321, { tags: ['vip'] })
    seedClient(h.deps, 322)
    await preview(h, owner)
    expect(h.fake.lastButtonsTo(OWNER_ID)[0]?.text).toBe('✅ Отправить (2)')
    await pressMatching(h, owner, 'Изменить получателей')
    await pressMatching(h, owner, 'bcp:') // the tag picker
    await pressMatching(h, owner, 'vip')
    await pressMatching(h, owner, 'Предпросмотр')
    await pressMatching(h, owner, 'Отправить')
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 321)).toHaveLength(1)
    expect(broadcastTo(h, 322)).toHaveLength(0)
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      '✅ Рассылка #1 «Новость: скидка на лендинги» (получатели: тег «vip») завершена.\n' +
        `Доставлено: 1 из 1\nЗаблокировали бота: 0\nОшибки: 0\n${SKIPPED}: 0`,
    )
  })
})

describe('a scheduled broadcast counted against what the owner approved at night', () => {
  /** 22:30 in Moscow, in the demo's quiet hours (21:00–09:00). */
  const atNight = () => createHarness({ clock: createFakeClock('2026-11-23T19:30:00Z') })

  async function atNine(h: Harness): Promise<void> {
    h.clock.set(Date.parse('2026-11-24T06:00:00Z'))
    await h.deps.scheduler.runDue()
    await h.deps.services.broadcasts.idle()
    await h.drain()
  }

  it('2 approved at 22:30, one says /stop overnight: at 9:00 "1 of 2", skipped 1', async () => {
    const h = atNight()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 331)
    seedClient(h.deps, 332)
    await preview(h, owner)
    await pressMatching(h, owner, '🌅 Отправить в 9:00 (2)')
    await h.send(h.u.text(h.u.user(332), '/stop'))
    await atNine(h)
    expect(broadcastTo(h, 331)).toHaveLength(1)
    expect(broadcastTo(h, 332)).toHaveLength(0)
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `✅ Рассылка ${NEWS} завершена.\nДоставлено: 1 из 2\nЗаблокировали бота: 0\nОшибки: 0\n${SKIPPED}: 1`,
    )
  })

  it('its one recipient blocks the bot overnight: it did not go, and says why', async () => {
    const h = atNight()
    const owner = h.u.user(OWNER_ID)
    seedClient(h.deps, 341)
    await preview(h, owner)
    await pressMatching(h, owner, '🌅')
    await h.send(h.u.myChatMember(h.u.user(341), 'kicked'))
    await atNine(h)
    expect(h.fake.textsTo(OWNER_ID)).toContain(
      'Рассылка #1 «Новость: скидка на лендинги» (получатели: все, кто согласился на рассылку) не ушла: единственный, кто подходил под её условия, когда её планировали, с тех пор отписался, заблокировал бота или удалил данные.\nСообщение сохранено: выберите других получателей — кнопка ниже.',
    )
    expect(broadcastTo(h, 341)).toHaveLength(0)
  })
})
