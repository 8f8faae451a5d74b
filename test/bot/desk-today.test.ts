/**
 * /today on a Monday morning: besides who waits for the team's answer, the requests answered and
 * left open — with what was promised in them, a follow-up waiting for their close, and a complaint.
 */
import { describe, expect, it } from 'vitest'
import { createFakeClock } from '../helpers/clock.ts'
import { settle, twoManagers } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MARIA = 5_300_001
const SVETA = 5_300_002
const DAY = 86_400_000
const topicUrl = (topicId: number) => `https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${topicId}`

function setUp() {
  const h = createHarness()
  return { h, ...twoManagers(h, [MARIA, SVETA]) }
}

/** /today as the staff group reads it, line by line. */
async function today(h: Harness): Promise<string[]> {
  await h.send(h.u.text(h.u.user(OWNER_ID), '/today', { chatId: STAFF_GROUP_ID }))
  await settle(h)
  return String(
    h.fake.sentTo(STAFF_GROUP_ID).findLast((c) => String(c.payload.text).startsWith('📅'))?.payload.text,
  ).split('\n')
}

/** The lines of one section of /today, from its title to the empty line after it. */
function section(lines: string[], title: string): string[] {
  const at = lines.findIndex((l) => l.startsWith(title))
  if (at < 0) return []
  const end = lines.indexOf('', at)
  return lines.slice(at, end < 0 ? undefined : end)
}

const OPEN = '💬 Открытые'

describe('/today: requests answered and left open', () => {
  it('lists them by how long ago the team last wrote, with who leads them and a check-in that waits for the close', async () => {
    const { h, maria, sveta } = setUp()
    // Monday 12:00: Olga's brief, and Maria's promise
    const olga = await clientInHandoff(h, 7101, 'Ольга')
    await h.send(h.u.staffText(maria, olga.topicId, 'ТЗ изучу до обеда.'))
    await settle(h)
    // 12:30: Sergey pays, the work is handed over; his request stays open
    h.clock.advance(30 * 60_000)
    const sergey = await clientInHandoff(h, 7102, 'Сергей')
    for (const text of ['/invoice 3000 Правки', '/paid', '/done']) {
      await h.send(h.u.staffText(maria, sergey.topicId, text))
      await settle(h)
    }
    // 13:00: Igor is answered by Svetlana
    h.clock.set('2026-11-23T10:00Z')
    const igor = await clientInHandoff(h, 7103, 'Игорь')
    await h.send(h.u.staffText(sveta, igor.topicId, 'Добрый день! Посмотрю и вернусь.'))
    await settle(h)

    // Tuesday 10:00: nobody waits for an answer, and nothing promised is out of sight
    h.clock.set('2026-11-24T07:00Z')
    const tuesday = await today(h)
    expect(tuesday).toContain('💬 Ответа команды сейчас никто не ждёт.')
    expect(section(tuesday, OPEN)).toEqual([
      '💬 Открытые, ждут нашего шага или /close (3):',
      `💬 <a href="${topicUrl(olga.topicId)}">Ольга #${olga.client.id}</a> — последний ответ 22 часа назад (пн, 23 нояб., 12:00) · ведёт Мария`,
      `💬 <a href="${topicUrl(sergey.topicId)}">Сергей #${sergey.client.id}</a> — последний ответ 21 ч 30 мин назад (пн, 23 нояб., 12:30) · ведёт Мария · ⏸ ждёт закрытия: «Как всё прошло?», вопрос «порекомендуете ли нас» (NPS)`,
      `💬 <a href="${topicUrl(igor.topicId)}">Игорь #${igor.client.id}</a> — последний ответ 21 час назад (пн, 23 нояб., 13:00) · ведёт Светлана`,
    ])

    // The next Monday, the same: still open, still listed
    h.clock.advance(6 * DAY)
    expect(section(await today(h), OPEN)[1]).toContain('Ольга')

    // Olga writes: she waits for an answer now, listed there instead; Sergey's request asked
    // "Вопрос решён?" waits for him and closes by itself
    await h.send(h.u.text(olga.user, 'Ну что, посмотрели ТЗ?'))
    await h.send(h.u.staffText(maria, sergey.topicId, '/close'))
    await settle(h)
    const later = await today(h)
    expect(section(later, '💬 Ждут ответа')).toEqual([
      '💬 Ждут ответа команды (1):',
      expect.stringContaining(`Ольга #${olga.client.id}</a> — новое сообщение, ждёт меньше минуты`),
    ])
    expect(section(later, OPEN)).toEqual([
      '💬 Открытые, ждут нашего шага или /close (1):',
      expect.stringContaining(`Игорь #${igor.client.id}</a> — последний ответ 6 дней 21 ч назад`),
    ])
    expect(h.errors()).toEqual([])
  })

  it("counts the team's last answer from whatever answered the client: a call booked and moved with /call too", async () => {
    const { h, maria } = setUp()
    // Monday 12:00: Igor asks; Maria writes at 12:03, books his call at 12:05 and moves it at 12:17
    const igor = await clientInHandoff(h, 7501, 'Игорь')
    h.clock.set('2026-11-23T09:03Z')
    await h.send(h.u.staffText(maria, igor.topicId, 'Добрый день! Созвонимся завтра?'))
    await settle(h)
    h.clock.set('2026-11-23T09:05Z')
    await h.send(h.u.staffText(maria, igor.topicId, '/call завтра 14:00 +7 926 700-11-22'))
    await settle(h)
    h.clock.set('2026-11-23T09:17Z')
    await h.send(h.u.staffText(maria, igor.topicId, '/call завтра 15:00'))
    await settle(h)
    h.clock.set('2026-11-23T09:35Z')
    expect(section(await today(h), OPEN)).toEqual([
      '💬 Открытые, ждут нашего шага или /close (1):',
      `💬 <a href="${topicUrl(igor.topicId)}">Игорь #${igor.client.id}</a> — последний ответ 18 мин назад (12:17) · ведёт Мария`,
    ])
    expect(h.errors()).toEqual([])
  })

  it.each([
    {
      locale: 'ru',
      title: '💬 Ждут ответа команды (1):',
      line: 'новый запрос, ждёт 7 дней — 2 дня 2 ч рабочего времени (с сб, 12 дек., 11:40) · никто не ведёт',
      night: 'новый запрос, ждёт 25 мин рабочего времени (с пт, 18 дек., 18:50) · никто не ведёт',
    },
    {
      locale: 'en',
      title: "💬 Waiting for the team's answer (1):",
      line: 'new request, waiting 7 days — 2 days 2 hr of working time (since Sat 12 Dec, 11:40) · nobody leads',
      night: 'new request, waiting 25 min of working time (since Fri 18 Dec, 18:50) · nobody leads',
    },
  ])(
    'a wait of days says its calendar span beside its working time ($locale): a week is not read as “2 days”',
    async ({ locale, title, line, night }) => {
      // Saturday 12 December, 11:40 in Moscow: Vera asks for a manager, and nobody answers for a week
      const h = createHarness({ config: { DEFAULT_LOCALE: locale }, clock: createFakeClock('2026-12-12T08:40Z') })
      const vera = await clientInHandoff(h, 7701, 'Вера')
      h.clock.set('2026-12-19T08:40Z')
      await settle(h)
      const owed = section(await today(h), title.slice(0, 5))
      expect(owed[0]).toBe(title)
      expect(owed[1]).toContain(`Вера #${vera.client.id}</a> — ${line}`)
      // Across one night only (Friday 18:50 to Saturday 11:15), the working time alone, as before:
      // the night's hours on the clock beside an alert's working time read as a slip
      const h2 = createHarness({ config: { DEFAULT_LOCALE: locale }, clock: createFakeClock('2026-12-18T15:50Z') })
      const oleg = await clientInHandoff(h2, 7702, 'Олег')
      h2.clock.set('2026-12-19T08:15Z')
      await settle(h2)
      expect(section(await today(h2), title.slice(0, 5))[1]).toContain(`Олег #${oleg.client.id}</a> — ${night}`)
      expect(h.errors()).toEqual([])
      expect(h2.errors()).toEqual([])
    },
  )

  it('says how long a client waits in working time, as the alerts count it, where the wait crossed closed hours', async () => {
    const { h, maria } = setUp()
    // Monday: Igor is answered at noon and writes again at 18:50, ten minutes before closing
    const igor = await clientInHandoff(h, 7601, 'Игорь')
    await h.send(h.u.staffText(maria, igor.topicId, 'Добрый день! Посмотрю и вернусь.'))
    await settle(h)
    h.clock.set('2026-11-23T15:50Z')
    await h.send(h.u.text(igor.user, 'Есть новости?'))
    await settle(h)
    // Tuesday 10:05: Olga writes, answered before too
    h.clock.set('2026-11-24T07:00Z')
    const olga = await clientInHandoff(h, 7602, 'Ольга')
    await h.send(h.u.staffText(maria, olga.topicId, 'Здравствуйте!'))
    await settle(h)
    h.clock.set('2026-11-24T07:05Z')
    await h.send(h.u.text(olga.user, 'А макет будет сегодня?'))
    await settle(h)
    // Tuesday 10:25: 15 h 35 min on the clock since Igor wrote, 35 min of them working time
    h.clock.set('2026-11-24T07:25Z')
    const owed = section(await today(h), '💬 Ждут ответа')
    expect(owed[0]).toBe('💬 Ждут ответа команды (2):')
    expect(owed[1]).toContain(
      `Игорь #${igor.client.id}</a> — новое сообщение, ждёт 35 мин рабочего времени (с пн, 23 нояб., 18:50) · ведёт Мария`,
    )
    // Within working hours the two are the same: no word about which
    expect(owed[2]).toContain(`Ольга #${olga.client.id}</a> — новое сообщение, ждёт 20 мин (с 10:05) · ведёт Мария`)
    expect(h.errors()).toEqual([])
  })

  it('names ten in one message below who waits, long names and all, and counts the rest', async () => {
    const { h, maria } = setUp()
    const long = (i: number) => `Констанция-${i}-${'я'.repeat(60)}`
    const answered: number[] = []
    for (let i = 0; i < 14; i++) {
      h.clock.set(Date.parse('2026-11-23T07:00Z') + i * 60_000)
      const user = h.u.user(7200 + i, { first_name: long(i), last_name: 'Ф'.repeat(64) })
      await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
      await settle(h)
      const client = h.deps.services.handoff.client(i + 1)
      answered.push(client?.topicId as number)
      await h.send(h.u.staffText(maria, client?.topicId as number, 'Приняли, вернёмся с ответом.'))
      await settle(h)
    }
    for (let i = 0; i < 14; i++) {
      const user = h.u.user(7300 + i, { first_name: long(100 + i), last_name: 'Ф'.repeat(64) })
      await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    }
    await settle(h)
    h.clock.set('2026-11-23T12:00Z')
    const lines = await today(h)
    const text = lines.join('\n')
    expect(text.length).toBeLessThanOrEqual(4096)
    const open = section(lines, OPEN)
    expect(open[0]).toBe('💬 Открытые, ждут нашего шага или /close (14):')
    const named = open.filter((l) => l.startsWith('💬 <a'))
    expect(named.length).toBeGreaterThan(0)
    expect(named.length).toBeLessThanOrEqual(10)
    // The longest since the team wrote first
    expect(named[0]).toContain('Констанция-0-')
    expect(open.at(-1)).toBe(`…и ещё ${14 - named.length} — ответили позже.`)
    // Who waits for an answer keeps its place above
    expect(section(lines, '💬 Ждут ответа команды (14):').length).toBeGreaterThan(1)
  })

  it('marks a complaint 📣 while its request is open, waiting for an answer or answered; not a question after it', async () => {
    const { h, maria } = setUp()
    // A question first, then the complaint's words in the same request: the owners are told
    const dmitry = await clientInHandoff(h, 7401, 'Дмитрий')
    await h.send(h.u.text(dmitry.user, 'Вы мошенники… Верните деньги!'))
    await settle(h)
    expect(h.fake.lastTextTo(OWNER_ID)).toMatch(
      new RegExp(`^📣 Клиент (?:<a href="[^"]+">)?[^<>]+ #${dmitry.client.id}(?:</a>)? жалуется`),
    )
    // Another client, who only asked, and one whose request the trigger words opened
    await clientInHandoff(h, 7402, 'Анна')
    const boris = h.u.user(7403, { first_name: 'Борис' })
    await h.send(h.u.text(boris, '/start'), h.u.text(boris, 'Это обман, я буду жаловаться'))
    await settle(h)
    const waiting = section(await today(h), '💬 Ждут ответа')
    expect(waiting).toEqual([
      '💬 Ждут ответа команды (3):',
      expect.stringMatching(/^🟡 📣 <a [^>]+>Дмитрий #\d+<\/a> — новый запрос/),
      expect.stringMatching(/^🟡 <a [^>]+>Анна #\d+<\/a> — новый запрос/),
      expect.stringMatching(/^🟡 📣 <a [^>]+>Борис #\d+<\/a> — новый запрос/),
    ])

    // Answered, still open: still a complaint; his "where is the answer?!" waits with the mark
    await h.send(h.u.staffText(maria, dmitry.topicId, 'Дмитрий, разбираемся, вернёмся сегодня.'))
    await settle(h)
    expect(section(await today(h), OPEN)[1]).toMatch(/^💬 📣 <a [^>]+>Дмитрий #/)
    h.clock.advance(DAY)
    await h.send(h.u.text(dmitry.user, 'Ну и где ответ?! Неделю молчите'))
    await settle(h)
    expect(section(await today(h), '💬 Ждут ответа')).toContainEqual(
      expect.stringMatching(/^💬 📣 <a [^>]+>Дмитрий #\d+<\/a> — новое сообщение/),
    )

    // Closed; his next request, a question, is no complaint
    await h.send(h.u.staffText(maria, dmitry.topicId, '/close force вернули деньги'))
    await settle(h)
    await h.send(h.u.text(dmitry.user, 'А можно заказать новый сайт?'))
    await settle(h)
    expect(section(await today(h), '💬 Ждут ответа')).toContainEqual(
      expect.stringMatching(/^🟡 <a [^>]+>Дмитрий #\d+<\/a> — новый запрос/),
    )
    expect(h.errors()).toEqual([])
  })
})
