/**
 * Which broadcasts reached one client: the owner's /export of the client names them under the file
 * (newest first, with when each reached them), and the file lists every one with its outcome.
 */
import { describe, expect, it } from 'vitest'
import { ownerIn, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

const HOUR = 3_600_000

/** The last file the owner got, with its caption and its JSON. */
function lastExport(h: Harness): { caption: string; json: { broadcasts: unknown[] } } {
  const call = h.fake
    .sentTo(OWNER_ID)
    .filter((c) => c.method === 'sendDocument')
    .at(-1)
  if (!call) throw new Error('no document sent')
  return { caption: String(call.payload.caption ?? ''), json: JSON.parse(call.files.document!.data.toString('utf8')) }
}

/** A broadcast of `text` from the owner, to the clients tagged `tag` (none: everyone who agreed), sent to the end. */
async function broadcast(h: Harness, owner: TestUser, text: string, buttons: string[], tag?: string): Promise<void> {
  const [preview, send] = buttons as [string, string]
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, text))
  if (tag) {
    await pressMatching(h, owner, 'bcp:') // the tag picker
    await pressMatching(h, owner, tag)
  } else {
    await pressMatching(h, owner, 'bcm:')
  }
  await pressMatching(h, owner, preview)
  await pressMatching(h, owner, send)
  await h.deps.services.broadcasts.idle()
}

describe('the broadcasts that reached one client, in the owner\u2019s /export of them', () => {
  it('named newest first with when each reached them; the file has each with its outcome', async () => {
    // 12:00 in Moscow, the demo's zone
    const h = createHarness({ clock: createFakeClock('2026-11-24T09:00:00Z') })
    const owner = await ownerIn(h, 'ru')
    const anna = seedClient(h.deps, 501, { tags: ['vip'] })
    const boris = seedClient(h.deps, 502)
    const ru = ['Предпросмотр', '✅ Отправить']
    await broadcast(h, owner, 'Новость: скидка на лендинги', ru)
    h.clock.set(h.clock.now() + 2 * HOUR)
    await broadcast(h, owner, 'Только для своих', ru, 'vip')
    await h.send(h.u.text(owner, `/export #${anna.id}`))
    expect(lastExport(h).caption).toBe(
      `Все данные клиента #${anna.id}.\n\n📣 До клиента дошли рассылки (2):\n` +
        '• #2 «Только для своих» (получатели: тег «vip») — вт, 24 нояб., 14:00\n' +
        '• #1 «Новость: скидка на лендинги» (получатели: все, кто согласился на рассылку) — вт, 24 нояб., 12:00',
    )
    expect(lastExport(h).json.broadcasts).toEqual([
      // (The fake clock moves on a few seconds as the bot works)
      { number: 2, status: 'sent', sent_at: expect.stringMatching(/^2026-11-24T11:00:/) },
      { number: 1, status: 'sent', sent_at: expect.stringMatching(/^2026-11-24T09:00:/) },
    ])
    // Boris got the first only
    await h.send(h.u.text(owner, `/export #${boris.id}`))
    expect(lastExport(h).caption).toBe(
      `Все данные клиента #${boris.id}.\n\n📣 До клиента дошли рассылки (1):\n` +
        '• #1 «Новость: скидка на лендинги» (получатели: все, кто согласился на рассылку) — вт, 24 нояб., 12:00',
    )
  })

  it('one who blocked the bot: not named as reached, the file says blocked; none reached: no line', async () => {
    const h = createHarness({ clock: createFakeClock('2026-11-24T09:00:00Z') })
    const owner = await ownerIn(h, 'en')
    const vera = seedClient(h.deps, 511, { language: 'en' })
    const gleb = seedClient(h.deps, 512, { language: 'en' })
    h.fake.fail({
      method: 'sendMessage',
      chatId: 512,
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    })
    const en = ['Preview', '✅ Send']
    await broadcast(h, owner, 'News: landing pages at half price', en)
    await h.send(h.u.text(owner, `/export #${vera.id}`))
    expect(lastExport(h).caption).toBe(
      `Everything stored about client #${vera.id}.\n\n📣 Broadcasts that reached the client (1):\n` +
        '• #1 “News: landing pages at half price” (recipients: everyone who agreed to news) — Tue 24 Nov, 12:00',
    )
    await h.send(h.u.text(owner, `/export #${gleb.id}`))
    expect(lastExport(h).caption).toBe(`Everything stored about client #${gleb.id}.`)
    expect(lastExport(h).json.broadcasts).toEqual([{ number: 1, status: 'blocked', sent_at: null }])
  })
})

describe('the broadcasts that reached a client, in their own /mydata', () => {
  it('named as the owner’s /export names them, newest first, on her clock; her file lists each with its outcome', async () => {
    const h = createHarness({ clock: createFakeClock('2026-11-24T09:00:00Z') })
    const owner = await ownerIn(h, 'ru')
    const anna = seedClient(h.deps, 521, { tags: ['vip'] })
    const ru = ['Предпросмотр', '✅ Отправить']
    await broadcast(h, owner, 'Новость: скидка на лендинги', ru)
    h.clock.set(h.clock.now() + 2 * HOUR)
    await broadcast(h, owner, 'Только для своих', ru, 'vip')
    const user = h.u.user(521)
    await h.send(h.u.text(user, '/mydata'))
    const sent = h.fake.sentTo(user.id)
    const file = sent.filter((c) => c.method === 'sendDocument').at(-1)
    if (!file) throw new Error('no document sent')
    // The summary: its caption, or the message right before it when too long for one
    const summary = String(file.payload.caption ?? sent[sent.indexOf(file) - 1]?.payload.text ?? '')
    expect(summary).toContain(
      '\n📣 До вас дошли рассылки (2):\n' +
        '• #2 «Только для своих» (получатели: тег «vip») — вт, 24 нояб., 14:00\n' +
        '• #1 «Новость: скидка на лендинги» (получатели: все, кто согласился на рассылку) — вт, 24 нояб., 12:00\n\n',
    )
    const json = JSON.parse(file.files.document!.data.toString('utf8'))
    expect(json.broadcasts).toEqual([
      { number: 2, status: 'sent', sent_at: expect.stringMatching(/^2026-11-24T11:00:/) },
      { number: 1, status: 'sent', sent_at: expect.stringMatching(/^2026-11-24T09:00:/) },
    ])
    expect(json.about_this_file.note).toContain('broadcasts.status — рассылка (sent — дошла до вас,')
    expect(json.client.id).toBe(anna.id)
    expect(h.errors()).toEqual([])
  })
})
