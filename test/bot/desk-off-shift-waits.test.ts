/**
 * A manager goes off duty while a client she leads waits: the wait is not chased to her alone. Its
 * alerts and reminders follow the rule the first answer's alert follows (docs/managers.md, "Who is
 * on duty"): a lead of the rota whose shift is over is not there to answer — the request goes to
 * whoever is on duty, mentioned, else back to the whole group with the take button, and the miss is
 * the team's. `/duty off` names her clients who wait right now.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import type { ClientRow } from '../../db/schema.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { mention, settle } from '../helpers/desk.ts'
import type { ApiCall } from '../helpers/fake-telegram.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { ownerStats, statsLine, statsLines } from '../helpers/stats.ts'

const SVETA = 5_200_001
const IRINA = 5_200_002
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

const topicUrl = (topicId: number) => `https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${topicId}`

/** A salon with two managers on shifts, Monday 23 November (Moscow: the demo's hours 10–19, answer time 15 min). */
function salon(start = '2026-11-23T07:00:00Z') {
  const h = createHarness({ clock: createFakeClock(start) })
  h.deps.services.staff.add(SVETA, 'manager', OWNER_ID, 'Светлана')
  h.deps.services.staff.add(IRINA, 'manager', OWNER_ID, 'Ирина')
  return { h, sveta: h.u.user(SVETA, { first_name: 'Светлана' }), irina: h.u.user(IRINA, { first_name: 'Ирина' }) }
}

/** A command in the staff group's General topic, its answer delivered. */
async function general(h: Harness, from: ReturnType<Harness['u']['user']>, text: string): Promise<string> {
  await h.send(h.u.text(from, text, { chatId: STAFF_GROUP_ID }))
  await settle(h)
  return String(h.fake.sentTo(STAFF_GROUP_ID).at(-1)?.payload.text)
}

/** A client asks for a manager: the rota gives the request to someone. */
async function asks(h: Harness, id: number, firstName: string) {
  const user = h.u.user(id, { first_name: firstName })
  await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
  await settle(h)
  const client = findClientByTelegramId(h.deps.db, user.id) as ClientRow
  return { user, client, topicId: client.topicId as number }
}

/** Moves the clock to `ms` and runs what is due there, the outbox included. */
async function runAt(h: Harness, ms: number): Promise<void> {
  h.clock.set(ms)
  await h.deps.scheduler.runDue()
  await settle(h)
}

/** What the topic read starting with ⏰ (the alerts and reminders of a wait), whole. */
const waitAlerts = (h: Harness, topicId: number) =>
  h.fake.textsTo(STAFF_GROUP_ID, topicId).filter((t) => t.startsWith('⏰'))

/** The post of the topic whose text starts so, as sent. */
const postOf = (h: Harness, topicId: number, start: string): ApiCall | undefined =>
  h.fake.sentTo(STAFF_GROUP_ID, topicId).findLast((c) => String(c.payload.text ?? '').startsWith(start))

const buttonsOf = (call: ApiCall | undefined): string[] =>
  (call?.payload.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string }) => b.text)

/** The owner's /stats for the last week: its ⏰ line and the managers' lines. */
async function stats(h: Harness): Promise<{ late: string | undefined; managers: string[] }> {
  const report = await ownerStats(h)
  return {
    late: statsLine(report, '⏰ Клиенты писали снова'),
    managers: statsLines(report).filter((l) => l.startsWith('• ')),
  }
}

describe('a manager goes off duty while a client she leads waits', () => {
  it('/duty off names who waits; the late wait goes to the one on duty, mentioned, and is the team’s miss, not hers', async () => {
    const { h, sveta, irina } = salon()
    // 10:00: both on duty; the rota gives Оксана to Светлана, Павел to Ирина, Никита to Светлана
    await general(h, sveta, '/duty on')
    await general(h, irina, '/duty on')
    const oksana = await asks(h, 7301, 'Оксана')
    const pavel = await asks(h, 7302, 'Павел')
    const nikita = await asks(h, 7303, 'Никита')
    expect(h.deps.services.handoff.current(oksana.client.id)?.managerId).toBe(SVETA)
    expect(h.deps.services.handoff.current(pavel.client.id)?.managerId).toBe(IRINA)
    expect(h.deps.services.handoff.current(nikita.client.id)?.managerId).toBe(SVETA)
    await h.send(h.u.staffText(sveta, oksana.topicId, 'Оксана, здравствуйте! Записала вас на четверг.'))
    await h.send(h.u.staffText(sveta, nikita.topicId, 'Никита, добрый день! Мастер будет в 15:00.'))
    await h.send(h.u.staffText(irina, pavel.topicId, 'Павел, здравствуйте!'))
    await settle(h)

    // 11:24: Оксана writes in her answered request; 11:32: Светлана ends her shift
    await runAt(h, Date.parse('2026-11-23T08:24:00Z'))
    await h.send(h.u.text(oksana.user, 'А можно перенести на пятницу?'))
    await settle(h)
    h.clock.set('2026-11-23T08:32:00Z')
    expect(await general(h, sveta, '/duty off')).toBe(
      [
        `⚪️ ${mention(SVETA, 'Светлана')} больше не на дежурстве.`,
        'ℹ️ Вы ещё ведёте 2 открытых запроса. Передать их коллеге: /handover и имя коллеги.',
        `⏳ <a href="${topicUrl(oksana.topicId)}">Оксана #${oksana.client.id}</a> ждёт ответа с 11:24`,
        'На дежурстве: Ирина.',
      ].join('\n'),
    )

    // 11:39: the wait's answer time is out — Ирина, on duty, has it now and is mentioned; Светлана
    // is named, not mentioned
    await runAt(h, Date.parse('2026-11-23T08:39:00Z'))
    expect(waitAlerts(h, oksana.topicId)).toEqual([
      [
        `⏰ ${mention(IRINA, 'Ирина')}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с 11:24).`,
        '🔄 Светлана сейчас не на дежурстве — запрос передан дежурному: Ирина.',
        'Клиенту отправлены извинения и срок — 11:54.',
      ].join('\n'),
    ])
    expect(buttonsOf(postOf(h, oksana.topicId, '⏰'))).toEqual([])
    expect(h.deps.services.handoff.current(oksana.client.id)?.managerId).toBe(IRINA)
    expect(h.deps.services.handoff.leadOf(oksana.client.id)).toBe(IRINA)
    expect(h.fake.textsTo(OWNER_ID).at(-1)).toContain(`Запрос передан дежурному: ${mention(IRINA, 'Ирина')}.`)
    // Никита, who waits for nothing, stays hers
    expect(h.deps.services.handoff.current(nikita.client.id)?.managerId).toBe(SVETA)

    // 11:54, the time the client was told: Ирина is reminded, not Светлана
    await runAt(h, Date.parse('2026-11-23T08:54:00Z'))
    expect(waitAlerts(h, oksana.topicId).at(-1)).toBe(
      `⏰ ${mention(IRINA, 'Ирина')}, клиенту обещали ответ до 11:54 — ответа всё ещё нет (ждёт с 11:24).`,
    )
    expect(h.fake.textsTo(STAFF_GROUP_ID).join('\n')).not.toContain(`${mention(SVETA, 'Светлана')}, клиент`)

    // /stats: one late wait, the team's — not Светлана's, who had gone
    const { late, managers } = await stats(h)
    expect(late).toContain('1 раз')
    expect(managers.find((l) => l.startsWith('• Светлана'))).not.toContain('ждали дольше срока')
    expect(managers.find((l) => l.startsWith('• Ирина'))).not.toContain('ждали дольше срока')
    expect(h.errors()).toEqual([])
  })

  it('with nobody on duty the late wait goes back to the whole group, with the take button; whoever takes it leads it', async () => {
    const { h, sveta, irina } = salon()
    await general(h, sveta, '/duty on')
    const oksana = await asks(h, 7311, 'Оксана')
    await h.send(h.u.staffText(sveta, oksana.topicId, 'Оксана, здравствуйте!'))
    await settle(h)
    await runAt(h, Date.parse('2026-11-23T08:24:00Z'))
    await h.send(h.u.text(oksana.user, 'А можно перенести на пятницу?'))
    await settle(h)
    h.clock.set('2026-11-23T08:32:00Z')
    expect(await general(h, sveta, '/duty off')).toContain(
      `⏳ <a href="${topicUrl(oksana.topicId)}">Оксана #${oksana.client.id}</a> ждёт ответа с 11:24\nСейчас никто не на дежурстве`,
    )

    await runAt(h, Date.parse('2026-11-23T08:39:00Z'))
    expect(waitAlerts(h, oksana.topicId).map((t) => t.split('\n').slice(0, 2))).toEqual([
      [
        '⏰ Клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с 11:24), и запрос никто не ведёт: возьмите его.',
        '👤 Светлана сейчас не на дежурстве: запрос снова общий — возьмите клиента кнопкой ниже.',
      ],
    ])
    const alert = postOf(h, oksana.topicId, '⏰')
    expect(buttonsOf(alert)).toEqual(['🙋 Беру клиента'])
    expect(h.deps.services.handoff.leadOf(oksana.client.id)).toBeUndefined()
    // The client stays hers: one late answer after her shift takes no client from her
    expect(h.deps.services.clients.get(oksana.client.id)?.managerId).toBe(SVETA)

    // 11:54: the reminder of the time promised is the group's too
    await runAt(h, Date.parse('2026-11-23T08:54:00Z'))
    expect(waitAlerts(h, oksana.topicId).at(-1)).toBe(
      '⏰ Клиенту обещали ответ до 11:54 — ответа всё ещё нет (ждёт с 11:24), и запрос никто не ведёт: возьмите его.',
    )
    expect(buttonsOf(postOf(h, oksana.topicId, '⏰ Клиенту обещали'))).toEqual(['🙋 Беру клиента'])

    // Ирина takes the client with the button: she leads the request now
    const data = alert?.payload.reply_markup?.inline_keyboard[0][0].callback_data
    await h.send(h.u.callback(irina, data, { chatId: STAFF_GROUP_ID, threadId: oksana.topicId }))
    await settle(h)
    expect(h.deps.services.handoff.leadOf(oksana.client.id)).toBe(IRINA)
    expect(h.fake.textsTo(STAFF_GROUP_ID, oksana.topicId).at(-1)).toContain('Ирина')

    const { late, managers } = await stats(h)
    expect(late).toContain('1 раз')
    expect(managers.find((l) => l.startsWith('• Светлана'))).not.toContain('ждали дольше срока')
    expect(h.errors()).toEqual([])
  })

  it('the days after: a reminder that the client still waits goes to whoever is on duty once the lead’s shift is over by the clock', async () => {
    const { h, sveta, irina } = salon()
    await general(h, sveta, '/duty on')
    const oksana = await asks(h, 7321, 'Оксана')
    await h.send(h.u.staffText(sveta, oksana.topicId, 'Оксана, здравствуйте!'))
    await settle(h)
    // 11:24 she writes; 11:39 Светлана, on duty, is mentioned and it is her miss
    await runAt(h, Date.parse('2026-11-23T08:24:00Z'))
    await h.send(h.u.text(oksana.user, 'А можно перенести на пятницу?'))
    await settle(h)
    await runAt(h, Date.parse('2026-11-23T08:39:00Z'))
    await runAt(h, Date.parse('2026-11-23T08:54:00Z'))
    expect(waitAlerts(h, oksana.topicId).map((t) => t.split('\n')[0])).toEqual([
      `⏰ ${mention(SVETA, 'Светлана')}, клиент снова ждёт ответа — уже дольше 15 мин рабочего времени (ждёт с 11:24).`,
      `⏰ ${mention(SVETA, 'Светлана')}, клиенту обещали ответ до 11:54 — ответа всё ещё нет (ждёт с 11:24).`,
    ])
    expect((await stats(h)).managers.find((l) => l.startsWith('• Светлана'))).toContain(
      'ждали дольше срока — 1 из 1 раза',
    )

    // Tuesday: her shift ended at 19:00 yesterday; Ирина is on duty this morning. The day's
    // reminder mentions Ирина, who has the request now
    h.clock.set('2026-11-24T07:00:00Z')
    await general(h, irina, '/duty on')
    await runAt(h, Date.parse('2026-11-23T08:54:00Z') + DAY)
    expect(waitAlerts(h, oksana.topicId).at(-1)?.split('\n')).toEqual([
      `⏰ ${mention(IRINA, 'Ирина')}, клиенту обещали ответ до пн, 23 нояб., 11:54 — ответа всё ещё нет (ждёт с пн, 23 нояб., 11:24).`,
      '🔄 Светлана сейчас не на дежурстве — запрос передан дежурному: Ирина.',
    ])
    expect(h.deps.services.handoff.current(oksana.client.id)?.managerId).toBe(IRINA)
    expect(h.errors()).toEqual([])
  })

  it('a client asking for a manager again while her lead is off duty: the one on duty is mentioned', async () => {
    const { h, sveta, irina } = salon()
    await general(h, sveta, '/duty on')
    await general(h, irina, '/duty on')
    const oksana = await asks(h, 7331, 'Оксана')
    await h.send(h.u.staffText(sveta, oksana.topicId, 'Оксана, здравствуйте!'))
    await settle(h)
    h.clock.set('2026-11-23T08:32:00Z')
    await general(h, sveta, '/duty off')
    await h.send(h.u.callback(oksana.user, 'menu:manager'))
    await settle(h)
    const asked = h.fake.textsTo(STAFF_GROUP_ID, oksana.topicId).findLast((t) => t.startsWith('🙋'))
    expect(asked?.split('\n').slice(0, 2)).toEqual([
      `🙋 ${mention(IRINA, 'Ирина')}, клиент снова просит менеджера и ждёт ответа.`,
      '🔄 Светлана сейчас не на дежурстве — запрос передан дежурному: Ирина.',
    ])
    expect(h.deps.services.handoff.current(oksana.client.id)?.managerId).toBe(IRINA)
    expect(h.errors()).toEqual([])
  })
})
