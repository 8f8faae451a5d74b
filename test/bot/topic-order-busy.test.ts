/**
 * A client's message that waited in a busy staff group's queue: in the topic it says when it was
 * written — under the team's answer it predates, that it was written before that answer — and
 * the answer does not count as answering it (/today lists the client as waiting). The fake Bot
 * API enforces Telegram's limits on the test's clock.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { createFakeClock, type FakeClock } from '../helpers/clock.ts'
import { settle } from '../helpers/desk.ts'
import { FakeTelegram } from '../helpers/fake-telegram.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const KATYA = 5_100_031

function busyDesk() {
  const clock = createFakeClock()
  const h = createHarness({ clock, fake: new FakeTelegram({ rateLimits: true, now: clock.now }) })
  h.deps.services.staff.add(KATYA, 'manager', OWNER_ID, 'Катя')
  return { h, clock, katya: h.u.user(KATYA, { first_name: 'Катя' }) }
}

/** A client who asked for a manager and was answered: their topic made, the request open. */
async function answered(h: Harness, katya: ReturnType<typeof busyDesk>['katya'], id: number, name: string) {
  const user = h.u.user(id, { first_name: name })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const client = findClientByTelegramId(h.deps.db, user.id)!
  await h.send(h.u.staffText(katya, client.topicId!, 'Здравствуйте! Чем помочь?'))
  await settle(h)
  return { user, client, topicId: client.topicId! }
}

/** Thirty clients ask for a person at once: the group has minutes of posts queued. */
async function rush(h: Harness) {
  for (let i = 0; i < 30; i++) await h.send(h.u.text(h.u.user(7_700 + i, { first_name: `Клиент${i}` }), '/manager'))
}

/** The texts and captions the group got in the topic, in order, after call `from`. */
function topicTexts(h: Harness, topicId: number, from = 0): string[] {
  return h.fake.calls
    .slice(from)
    .filter((c) => c.ok && Number(c.payload.chat_id) === STAFF_GROUP_ID)
    .filter((c) => Number(c.payload.message_thread_id) === topicId)
    .map((c) => String(c.payload.text ?? c.payload.caption ?? `(${c.method})`))
}

/** /today as the staff group reads it. */
async function today(h: Harness): Promise<string> {
  await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
  await settle(h)
  return String(h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).startsWith('📅'))?.payload.text)
}

/** The lines of /today's section starting with `title`, up to the empty line after it. */
function section(text: string, title: string): string {
  const lines = text.split('\n')
  const at = lines.findIndex((l) => l.startsWith(title))
  if (at < 0) return ''
  const end = lines.indexOf('', at)
  return lines.slice(at, end < 0 ? undefined : end).join('\n')
}

const time = (clock: FakeClock) => new Date(clock.now() + 3 * 3_600_000).toISOString().slice(11, 16) // Moscow, the demo's zone

describe('a busy staff group: a client’s message that waited', () => {
  it('written before the manager’s answer, comes under it marked so, and the client still waits for an answer', async () => {
    const { h, clock, katya } = busyDesk()
    const veronika = await answered(h, katya, 7_601, 'Вероника')
    await rush(h)
    const from = h.fake.calls.length
    clock.advance(1_000)
    const wrote = time(clock)
    const said = h.u.text(veronika.user, 'всё, не надо ничего, пойду в другой салон')
    await h.send(said)
    clock.advance(1_000)
    await h.send(
      h.u.staffText(katya, veronika.topicId, 'Вероника, ждём вас сегодня в 15:00, всё переделаем бесплатно!'),
    )
    await settle(h)
    const shown = topicTexts(h, veronika.topicId, from).filter((text) => text.includes('пойду в другой салон'))
    expect(shown).toEqual([`🕐 ${wrote} — написано до вашего ответа\nвсё, не надо ничего, пойду в другой салон`])
    // Edited, it keeps saying so
    const edits = h.fake.calls.length
    await h.send(h.u.edited(veronika.user, said.message!.message_id, 'всё, не надо ничего, пойду в другой салон!!'))
    await settle(h)
    expect(
      h.fake.calls
        .slice(edits)
        .filter((c) => c.method === 'editMessageText')
        .map((c) => c.payload.text),
    ).toEqual([`🕐 ${wrote} — написано до вашего ответа\nвсё, не надо ничего, пойду в другой салон!!`])
    const list = await today(h)
    // The thirty new requests and hers (the list names the longest waiting: the new ones)
    expect(section(list, '💬 Ждут ответа').split('\n')[0]).toBe('💬 Ждут ответа команды (31):')
    expect(section(list, '💬 Открытые')).not.toContain('Вероника')
    expect(h.errors()).toEqual([])
  })

  it('joined with what came after the answer: only the parts written before it are marked so', async () => {
    const { h, clock, katya } = busyDesk()
    const veronika = await answered(h, katya, 7_604, 'Вероника')
    await rush(h)
    const from = h.fake.calls.length
    const wrote = time(clock)
    await h.send(h.u.text(veronika.user, 'всё, не надо ничего'))
    await h.send(h.u.text(veronika.user, 'пойду в другой салон'))
    clock.advance(60_000)
    const later = time(clock)
    await h.send(h.u.staffText(katya, veronika.topicId, 'Вероника, ждём вас сегодня в 15:00!'))
    clock.advance(60_000)
    const after = time(clock)
    await h.send(h.u.text(veronika.user, 'ну ладно, приду'))
    await settle(h)
    const shown = topicTexts(h, veronika.topicId, from).filter((text) => text.includes('салон'))
    expect(later).not.toBe(wrote)
    expect(shown).toEqual([
      [
        `🕐 ${wrote} — написано до вашего ответа\nвсё, не надо ничего`,
        `🕐 ${wrote} — написано до вашего ответа\nпойду в другой салон`,
        `🕐 ${after}\nну ладно, приду`,
      ].join('\n\n'),
    ])
    expect(h.errors()).toEqual([])
  })

  it('alone after a long wait, says when it was written, as a part of a joined message does', async () => {
    const { h, clock, katya } = busyDesk()
    const vera = await answered(h, katya, 7_602, 'Вера')
    await rush(h)
    const from = h.fake.calls.length
    const wrote = time(clock)
    await h.send(h.u.text(vera.user, 'А можно на пятницу?'))
    await settle(h)
    const shown = topicTexts(h, vera.topicId, from).filter((text) => text.includes('пятницу'))
    expect(shown).toEqual([`🕐 ${wrote}\nА можно на пятницу?`])
    expect(h.errors()).toEqual([])
  })

  it('gone at once in a quiet group, comes as it is, with no mark', async () => {
    const { h, katya } = busyDesk()
    const vera = await answered(h, katya, 7_603, 'Вера')
    const from = h.fake.calls.length
    await h.send(h.u.text(vera.user, 'А можно на пятницу?'))
    await settle(h)
    expect(h.fake.calls.slice(from).filter((c) => c.method === 'copyMessage')).toHaveLength(1)
    expect(topicTexts(h, vera.topicId, from).join()).not.toContain('🕐')
  })
})
