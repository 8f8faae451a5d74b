import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { events } from '../../db/schema.ts'
import { parseStartPayload } from '../../src/services/clients.ts'
import { aroundStatements, statementsBuilt } from '../helpers/db.ts'
import { settle } from '../helpers/desk.ts'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, demoContent, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

describe('/start', () => {
  it('greets by name with one line about the business, shows the menu and asks consent once', async () => {
    const h = createHarness()
    const anna = h.u.user(101, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/start'))

    const texts = h.fake.textsTo(anna.id)
    expect(texts[0]).toContain('Здравствуйте, Анна!')
    expect(texts[0]).toContain('На связи Веб-студия «Лаконика».')
    const menu = buttonsOf(h.fake.sentTo(anna.id)[0]?.payload).map((b) => b.text)
    expect(menu).toEqual([
      '🎯 Подобрать услугу',
      '📝 Рассказать о задаче',
      '📞 Заказать звонок',
      '💬 Написать менеджеру',
      '📋 Мои звонки и заказы',
      'ℹ️ О нас и контакты',
    ])
    expect(texts[1]).toContain('можно иногда присылать')
    expect(buttonsOf(h.fake.sentTo(anna.id)[1]?.payload).map((b) => b.data)).toEqual(['consent:yes', 'consent:no'])

    // START tapped twice: no "welcome back" under the "hello"
    await h.send(h.u.text(anna, '/start'))
    expect(h.fake.textsTo(anna.id)).toHaveLength(3)
    expect(h.fake.lastTextTo(anna.id)).toMatch(/^Здравствуйте, Анна! 👋/)
    // Back the next day, START tapped twice again: welcomed back once
    h.clock.advance(24 * 60 * 60_000)
    await h.send(h.u.text(anna, '/start'), h.u.text(anna, '/start'))
    expect(h.fake.textsTo(anna.id)).toHaveLength(5)
    expect(h.fake.textsTo(anna.id).at(-2)).toContain('С возвращением, Анна!')
    expect(h.fake.lastTextTo(anna.id)).toMatch(/^Здравствуйте, Анна! 👋/)
    expect(h.errors()).toEqual([])
  })

  it('back with a request still open: the greeting says it is with the team; once it is closed, it does not', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 102, 'Олег')
    await h.send(h.u.text(user, '/start'))
    const greeting = h.fake.lastTextTo(user.id)
    expect(greeting).toMatch(/^Здравствуйте, Олег! 👋/)
    expect(greeting).toContain('Олег, ваш вопрос уже у менеджеров — пишите сюда, все сообщения дойдут.')
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/close force решили по телефону'))
    await settle(h)
    await h.send(h.u.text(user, '/start'))
    expect(h.fake.lastTextTo(user.id)).not.toContain('на связи с менеджером')
    expect(h.errors()).toEqual([])
  })

  it('offers no quiz or questionnaire the content file has no questions for: those would only say "ask a manager"', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, discovery: { questions: [] } } })
    const client = h.u.user(102)
    await h.send(h.u.text(client, '/start'))
    // The greeting's menu (the consent question follows it)
    expect(buttonsOf(h.fake.sentTo(client.id)[0]?.payload).map((b) => b.text)).toEqual([
      '🎯 Подобрать услугу',
      '📞 Заказать звонок',
      '💬 Написать менеджеру',
      '📋 Мои звонки и заказы',
      'ℹ️ О нас и контакты',
    ])
    const bare = createHarness({
      content: { ...demo, discovery: { questions: [] }, quiz: { ...demo.quiz, questions: [] } },
    })
    await bare.send(bare.u.text(client, '/menu'))
    expect(buttonsOf(bare.fake.sentTo(client.id).at(-1)?.payload).map((b) => b.text)).toEqual([
      '📞 Заказать звонок',
      '💬 Написать менеджеру',
      '📋 Мои звонки и заказы',
      'ℹ️ О нас и контакты',
    ])
    // Its words typed get no button to what is not there
    await bare.send(bare.u.text(client, 'Подобрать услугу'))
    expect(bare.fake.lastButtonsTo(client.id).map((b) => b.data)).not.toContain('menu:quiz')
  })

  it('greets a manager and the owner as the team: where the requests come and /help, no consent question', async () => {
    const h = createHarness()
    h.deps.services.staff.add(5_000_101, 'manager', OWNER_ID, 'Мария')
    const maria = h.u.user(5_000_101, { first_name: 'Мария' })
    const olga = h.u.user(OWNER_ID, { first_name: 'Ольга', language_code: 'en' })
    await h.send(h.u.text(maria, '/start'), h.u.text(olga, '/start'))

    expect(h.fake.textsTo(maria.id)).toEqual([
      [
        'Здравствуйте, Мария! 👋 Веб-студия «Лаконика»: вы в команде, ваша роль — менеджер.',
        'Заявки клиентов приходят в рабочую группу, у каждого клиента своя тема со всей историей. Отвечайте прямо в теме — бот передаст ответ клиенту.',
        'Ваши команды — /help. Меню ниже — то, что видят клиенты: можно пройти любой путь самому.',
      ].join('\n'),
    ])
    expect(buttonsOf(h.fake.sentTo(maria.id)[0]?.payload).map((b) => b.text)).toContain('💬 Написать менеджеру')
    expect(h.fake.textsTo(olga.id)).toHaveLength(1)
    expect(h.fake.lastTextTo(olga.id)).toMatch(/^Hello, Ольга! 👋 .+: you are on the team, as owner\./)
    expect(h.errors()).toEqual([])
  })

  it("a new client's /start and a returning one's build no query anew: the second client's run the statements prepared for the first", async () => {
    const h = createHarness()
    const [anna, boris] = [h.u.user(103, { first_name: 'Анна' }), h.u.user(104, { first_name: 'Борис' })]
    const built = statementsBuilt(h.deps.sqlite)
    for (const visit of ['first', 'returning']) {
      if (visit === 'returning') h.clock.advance(2 * 60 * 60_000)
      await h.send(h.u.text(anna, '/start'))
      built.length = 0
      await h.send(h.u.text(boris, '/start'))
      expect(built, `a ${visit} /start`).toEqual([])
    }
    expect(h.fake.lastTextTo(boris.id)).toContain('С возвращением, Борис!')
  })

  it("a /start is recorded in one statement, which says whose it is: a new client's, one back, or one tapped again", async () => {
    const h = createHarness()
    const onEvents: string[] = []
    aroundStatements(h.deps.sqlite, (source, method, execute) => {
      if (/\bevents\b/.test(source)) onEvents.push(method)
      return execute()
    })
    const vera = h.u.user(110, { first_name: 'Вера' })
    const starts = async () => {
      onEvents.length = 0
      await h.send(h.u.text(vera, '/start'))
      return onEvents.length
    }
    // (A new client's first also records the new contact)
    expect(await starts()).toBe(2)
    expect(h.fake.textsTo(vera.id)[0]).toMatch(/^Здравствуйте, Вера! 👋/)
    expect(await starts()).toBe(1)
    expect(h.fake.lastTextTo(vera.id)).toMatch(/^Здравствуйте, Вера! 👋/)
    h.clock.advance(24 * 60 * 60_000)
    expect(await starts()).toBe(1)
    expect(h.fake.lastTextTo(vera.id)).toContain('С возвращением, Вера!')
    const recorded = h.deps.db
      .select({ type: events.type })
      .from(events)
      .all()
      .map((e) => e.type)
    expect(recorded.filter((type) => type.startsWith('start'))).toEqual(['start', 'start_again', 'start_again'])
    expect(h.errors()).toEqual([])
  })

  it('takes /START typed in capitals, addressed to the bot, with its link payload as typed', async () => {
    const h = createHarness()
    const user = h.u.user(109)
    await h.send(h.u.text(user, `/START@${h.fake.botInfo.username} src_Instagram`))
    expect(h.fake.textsTo(user.id)[0]).toMatch(/^Здравствуйте/)
    // The payload after the command stays as typed: the source is read as any link's
    expect(findClientByTelegramId(h.deps.db, user.id)?.source).toBe('instagram')
    expect(h.errors()).toEqual([])
  })

  it("a team member's topic command in capitals is that command too (/Card posts the card)", async () => {
    const h = createHarness()
    const { topicId } = await clientInHandoff(h, 110, 'Вера')
    const before = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, '/Card'))
    await settle(h)
    const said = h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(before)
    expect(said.some((t) => t.startsWith('👤') && t.includes('Вера'))).toBe(true)
    expect(said.join('\n')).not.toContain('Такой команды нет')
    expect(h.errors()).toEqual([])
  })

  it('records the lead source from a deep link once; later links do not overwrite it', async () => {
    const h = createHarness()
    const user = h.u.user(102)
    await h.send(h.u.text(user, '/start src_instagram'), h.u.text(user, '/start src_vk'))
    const client = findClientByTelegramId(h.deps.db, user.id)
    expect(client?.source).toBe('instagram')
    const starts = h.deps.db
      .select()
      .from(events)
      .all()
      .filter((e) => e.type === 'start')
    expect(starts).toHaveLength(1)
  })

  it('records a referrer that is another existing client, and ignores unknown ones and oneself', async () => {
    const h = createHarness()
    const referrer = h.u.user(103)
    await h.send(h.u.text(referrer, '/start'))
    const referrerId = findClientByTelegramId(h.deps.db, referrer.id)?.id
    const friend = h.u.user(104)
    const stranger = h.u.user(105)
    await h.send(h.u.text(friend, `/start ref_${referrerId}`), h.u.text(stranger, '/start ref_99999'))
    expect(findClientByTelegramId(h.deps.db, friend.id)).toMatchObject({ referrerId, source: 'referral' })
    expect(findClientByTelegramId(h.deps.db, stranger.id)).toMatchObject({ referrerId: null, source: null })

    await h.send(h.u.text(referrer, `/start ref_${referrerId}`))
    expect(findClientByTelegramId(h.deps.db, referrer.id)?.referrerId).toBeNull()
  })

  it('ignores malformed payloads and still greets', async () => {
    const h = createHarness()
    const user = h.u.user(106)
    await h.send(h.u.text(user, '/start <script>alert(1)</script>'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.source).toBeNull()
    expect(h.fake.textsTo(user.id)[0]).toContain('Здравствуйте')
    expect(h.errors()).toEqual([])
  })

  it('logs a broken payload by its length and whether it starts like our links, never its text', async () => {
    const h = createHarness()
    await h.send(h.u.text(h.u.user(107), '/start +79031112233'))
    await h.send(h.u.text(h.u.user(108), `/start src_${'x'.repeat(40)}`))
    const ignored = h.logs.filter((l) => l.msg === 'ignored malformed start payload')
    expect(ignored.map((l) => [l.link, l.payloadLength])).toEqual([
      [null, 12],
      ['src', 44],
    ])
    expect(JSON.stringify(h.logs)).not.toContain('9031112233')
    expect(JSON.stringify(h.logs)).not.toContain('xxxx')
  })

  it.each([
    ['src_instagram', { kind: 'source', source: 'instagram' }],
    ['SRC_Avito-2', { kind: 'source', source: 'avito-2' }],
    ['ref_42', { kind: 'referrer', referrerId: 42 }],
    ['ref_', { kind: 'none' }],
    ['ref_abc', { kind: 'none' }],
    [`src_${'x'.repeat(40)}`, { kind: 'none' }],
    ['hello', { kind: 'none' }],
    ['', { kind: 'none' }],
  ])('parses payload %j', (payload, expected) => {
    expect(parseStartPayload(payload)).toEqual(expected)
  })

  it('stores the client on any update and follows Telegram language until one is chosen', async () => {
    const h = createHarness()
    const john = h.u.user(107, { first_name: 'John', language_code: 'en-GB' })
    await h.send(h.u.text(john, '/start'))
    expect(h.fake.textsTo(john.id)[0]).toContain('Hello, John!')
    expect(findClientByTelegramId(h.deps.db, john.id)).toMatchObject({ language: 'en', languageChosen: false })

    const hans = h.u.user(108, { first_name: 'Hans', language_code: 'de' })
    await h.send(h.u.text(hans, '/start'))
    expect(h.fake.textsTo(hans.id)[0]).toContain('Здравствуйте, Hans!')
  })

  it("/help lists the team's commands as their menus do, where each works; the team gets no invitation link", async () => {
    const h = createHarness()
    h.deps.services.staff.add(5_200_001, 'manager', OWNER_ID, 'Иван')
    await h.send(h.u.text(h.u.user(OWNER_ID), '/help'))
    const owner = h.fake.lastTextTo(OWNER_ID)
    // Every command of the owner's menu, the payments' and Business mode's included
    for (const command of [
      '/broadcast',
      '/stats',
      '/export',
      '/backup',
      '/content',
      '/staff',
      '/refund',
      '/refunded',
      '/business',
    ]) {
      expect(owner).toContain(`\n${command} — `)
    }
    expect(owner).toContain('Вы в команде. В теме клиента в рабочей группе:\n/r — ')
    expect(owner).toContain('В любом месте рабочей группы:\n/today — Звонки на сегодня')
    expect(owner).not.toContain('Пригласить друга')
    // Their own commands first; the clients' come last, as what clients see
    expect(owner.startsWith('Для владельца')).toBe(true)
    expect(owner.indexOf('Что видят клиенты')).toBeGreaterThan(owner.indexOf('В любом месте рабочей группы'))
    expect(owner.slice(owner.indexOf('Что видят клиенты'))).toContain('\n/forget — удалить ваши данные')
    // Each command once where it works; a client's /followups in their topic says so
    const lines = owner.split('\n').filter((line) => line.startsWith('/'))
    expect(lines.length).toBe(new Set(lines).size)
    expect(owner.match(/^\/followups — /gm)).toHaveLength(2)
    expect(owner).toContain('\n/followups — Что запланировано этому клиенту\n')
    expect(owner).toContain('\n/followups — Запланированные сообщения клиентам\n')

    const manager = h.u.user(5_200_001)
    await h.send(h.u.text(manager, '/help'))
    const staff = h.fake.lastTextTo(manager.id)
    expect(staff).toContain('/find — Найти клиента')
    expect(staff).not.toContain('/broadcast')
    // A client's /followups, in their topic (everyone's, outside topics, is the owners')
    const [topic, group] = ['В теме клиента', 'В любом месте'].map(
      (heading) => staff.slice(staff.indexOf(heading)).split('\n\n')[0],
    )
    expect(topic).toContain('\n/followups — ')
    expect(group).not.toContain('/followups')
    expect(topic).toContain('/note — Внутренняя заметка (или сообщение, начатое с //)')
    expect(staff).not.toContain('Пригласить друга')
    expect(staff.startsWith('Вы в команде')).toBe(true)
  })

  it.each([
    [
      'ru',
      '/stats — Статистика: /stats 7d, 30d или 90d (без периода — 30 дней), можно и словом: сегодня, вчера, неделя, месяц, квартал',
      'Период: /stats 7d, /stats 30d или /stats 90d — или словом: сегодня, вчера, неделя, месяц, квартал (по умолчанию 30 дней).',
    ],
    [
      'en',
      '/stats — Stats: /stats 7d, 30d, or 90d (30 days if none), also in a word: today, yesterday, week, month, quarter',
      'Period: /stats 7d, /stats 30d, or /stats 90d — or in a word: today, yesterday, week, month, quarter (30 days by default).',
    ],
  ] as const)(
    "an owner's /help names the periods /stats takes (%s), and /stats takes each",
    async (language, line, usage) => {
      const h = createHarness()
      const owner = h.u.user(OWNER_ID, { language_code: language })
      await h.send(h.u.text(owner, '/help'))
      expect(h.fake.lastTextTo(OWNER_ID).split('\n')).toContain(line)
      const [, periods = '', words = ''] = /: \/stats (.+) \(.*\), .*: (.+)$/.exec(line) ?? []
      const forms = [...periods.split(/,? (?:или|or) |, /), ...words.split(', ')]
      expect(forms).toHaveLength(8)
      for (const form of forms) await h.send(h.u.text(owner, `/stats ${form}`))
      const texts = h.fake.textsTo(OWNER_ID)
      expect(texts.filter((t) => t === usage)).toEqual([])
      expect(texts.filter((t) => t.startsWith('📊'))).toHaveLength(forms.length)
      // One it does not take is answered with the same forms
      await h.send(h.u.text(owner, '/stats 14d'))
      expect(h.fake.lastTextTo(OWNER_ID)).toBe(usage)
    },
  )

  it('/help promises no number of questions the brief and the quiz do not have (the content decides it)', async () => {
    const h = createHarness()
    const client = h.u.user(111)
    await h.send(h.u.text(client, '/help'))
    const help = h.fake.lastTextTo(client.id)
    // The demo's brief has 10 questions and the quiz 5: "a couple" was neither
    expect(help).toContain('\n/brief — ответить на вопросы анкеты, чтобы менеджер сразу понял, что вам нужно\n')
    expect(help).toContain('\n/quiz — подобрать подходящий вариант по нескольким вопросам\n')
    expect(help).not.toMatch(/пар[ау] вопрос/)
    await h.send(h.u.text(h.u.user(112, { language_code: 'en' }), '/help'))
    expect(h.fake.lastTextTo(112)).toContain(
      '\n/brief — tell us what you need: answer a questionnaire so a manager sees it at once\n',
    )
  })

  it('/help gives the client their invitation link; a friend who opens it is recorded as referred', async () => {
    const h = createHarness()
    const anna = h.u.user(109, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/start'), h.u.text(anna, '/help'))
    const link = /https:\/\/t\.me\/clientdesk_test_bot\?start=(ref_\d+)/.exec(h.fake.lastTextTo(anna.id))
    expect(link).not.toBeNull()
    const friend = h.u.user(110)
    await h.send(h.u.text(friend, `/start ${link?.[1]}`))
    const annaId = findClientByTelegramId(h.deps.db, anna.id)?.id
    expect(findClientByTelegramId(h.deps.db, friend.id)).toMatchObject({ referrerId: annaId, source: 'referral' })
  })
})
