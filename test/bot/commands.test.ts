import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CLIENT_COMMANDS, menusAfterContent, setCommandMenus, setOwnerMenus } from '../../src/bot/commands.ts'
import { DEMO_CONTENT_PATH } from '../../src/content/loader.ts'
import { createHarness, demoContent, forgetData, type Harness, OWNER_ID } from '../helpers/harness.ts'

/** The language of a person's Telegram app, as Telegram knows it: it picks which menu they see. */
function appLanguage(h: Harness, userId: number, language: string): void {
  h.fake.emulator.chat(userId)
  const person = h.fake.emulator.people.get(userId)
  if (person) person.user.language_code = language
}

/** What a person sees in the menu of their chat with the bot: command → description. */
function menuOf(h: Harness, userId: number): Record<string, string> {
  return Object.fromEntries(h.fake.emulator.commandsFor(userId, userId).map((c) => [c.command, c.description]))
}

describe('command menus', () => {
  it('are set per language for clients and per owner chat', async () => {
    const h = createHarness()
    await setCommandMenus(h.bot.api, h.deps)
    await setOwnerMenus(h.bot.api, h.deps)
    const calls = h.fake.callsOf('setMyCommands').map((c) => c.payload)
    const ru = calls.find((p) => p.language_code === 'ru')
    const en = calls.find((p) => p.language_code === 'en')
    expect(ru?.commands.map((c: { command: string }) => c.command)).toEqual(CLIENT_COMMANDS)
    expect(ru?.commands[0].description).toBe('Начать сначала')
    expect(en?.commands[0].description).toBe('Start over')
    expect(calls.some((p) => p.scope?.type === 'chat' && p.scope.chat_id === OWNER_ID)).toBe(true)
  })

  it('a failure is a warning and the others are still set', async () => {
    const h = createHarness()
    h.fake.fail({ method: 'setMyCommands', error_code: 400, description: 'Bad Request: chat not found', times: 1 })
    await setCommandMenus(h.bot.api, h.deps)
    expect(h.logs.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      'could not set the command menu for clients (ru); the bot works without it',
    ])
    expect(h.fake.callsOf('setMyCommands').filter((c) => c.ok).length).toBeGreaterThanOrEqual(3)
  })

  it('an owner’s is in the language the bot speaks with them, at start-up and after /language', async () => {
    const h = createHarness() // DEFAULT_LOCALE ru
    const owner = h.u.user(OWNER_ID, { first_name: 'Kate', language_code: 'en' })
    appLanguage(h, OWNER_ID, 'en')
    await h.send(h.u.text(owner, '/help'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('For owners')
    await setCommandMenus(h.bot.api, h.deps) // as at every start
    await setOwnerMenus(h.bot.api, h.deps)
    expect(menuOf(h, OWNER_ID)).toMatchObject({ start: 'Start over', broadcast: expect.not.stringMatching(/[а-яё]/i) })

    // Her chat's menu wins over the per-language ones: it changes with the language she picks
    await h.send(h.u.text(owner, '/language'), h.u.callback(owner, 'lang:ru'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Готово')
    expect(menuOf(h, OWNER_ID).start).toBe('Начать сначала')
  })

  it('an owner’s follows their app’s language when they never picked one', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { first_name: 'Kate', language_code: 'ru' })
    await h.send(h.u.text(owner, '/help'))
    await setCommandMenus(h.bot.api, h.deps)
    expect(menuOf(h, OWNER_ID).start).toBe('Начать сначала')
    // She switches her Telegram to English: her next message brings the menu along
    appLanguage(h, OWNER_ID, 'en')
    await h.send(h.u.text(h.u.user(OWNER_ID, { first_name: 'Kate', language_code: 'en' }), '/help'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('For owners')
    expect(menuOf(h, OWNER_ID).start).toBe('Start over')
  })

  it('of an owner added with /staff is in the new owner’s language, not the adding owner’s', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { first_name: 'Kate', language_code: 'en' })
    const ivan = h.u.user(888, { first_name: 'Иван', language_code: 'ru' })
    appLanguage(h, OWNER_ID, 'en')
    appLanguage(h, ivan.id, 'ru')
    await h.send(h.u.text(ivan, '/start'))
    await h.send(h.u.callback(owner, 'staffadd:owner'), h.u.text(owner, '888'))
    await h.send(h.u.callback(owner, 'staffok:yes:888:owner'))
    expect(h.deps.services.staff.roleOf(ivan.id)).toBe('owner')
    await h.send(h.u.text(ivan, '/help'))
    expect(h.fake.lastTextTo(ivan.id)).toContain('Для владельца')
    expect(menuOf(h, ivan.id)).toMatchObject({ start: 'Начать сначала', broadcast: expect.stringMatching(/[а-яё]/i) })
  })

  it('of a client is in the language the business speaks with them (business.languages: [ru])', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, business: { ...demo.business, languages: ['ru'] } } })
    await h.fake.emulator.call('setMyCommands', {
      commands: [{ command: 'manager', description: 'A manager' }],
      language_code: 'en',
    }) // set while it spoke English
    const user = h.u.user(9701, { first_name: 'Ильдар', language_code: 'en' })
    appLanguage(h, user.id, 'en')
    await h.send(h.u.text(user, '/start'))
    expect(h.fake.textsTo(user.id)[0]).toContain('Здравствуйте, Ильдар!')
    await setCommandMenus(h.bot.api, h.deps)
    expect(menuOf(h, user.id).manager).toMatch(/[а-яё]/i)
  })

  it('of a client follows the language they pick with /language, whatever their app’s', async () => {
    const h = createHarness()
    await setCommandMenus(h.bot.api, h.deps) // as at start-up
    const john = h.u.user(9801, { first_name: 'John', language_code: 'en' })
    const ivan = h.u.user(9802, { first_name: 'Иван', language_code: 'ru' })
    appLanguage(h, john.id, 'en')
    appLanguage(h, ivan.id, 'ru')
    await h.send(h.u.text(john, '/start'))
    expect(menuOf(h, john.id).start).toBe('Start over')

    await h.send(h.u.text(john, '/language'), h.u.callback(john, 'lang:ru'))
    expect(h.fake.lastTextTo(john.id)).toContain('Готово')
    expect(menuOf(h, john.id).start).toBe('Начать сначала')

    await h.send(h.u.text(ivan, '/language'), h.u.callback(ivan, 'lang:en'))
    expect(h.fake.lastTextTo(ivan.id)).toBe('Done, we speak English now.')
    expect(menuOf(h, ivan.id).start).toBe('Start over')
  })

  it('of a client who picked a language goes with /forget: their app’s language again', async () => {
    const h = createHarness()
    await setCommandMenus(h.bot.api, h.deps)
    const john = h.u.user(9803, { first_name: 'John', language_code: 'en' })
    appLanguage(h, john.id, 'en')
    await h.send(h.u.text(john, '/language'), h.u.callback(john, 'lang:ru'))
    expect(menuOf(h, john.id).start).toBe('Начать сначала')

    await forgetData(h, john)
    expect(menuOf(h, john.id).start).toBe('Start over')
  })

  it('of a client who picked a language new content dropped is put right when they next write', async () => {
    const h = createHarness()
    await setCommandMenus(h.bot.api, h.deps)
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', language_code: 'ru' })
    const ivan = h.u.user(9804, { first_name: 'Иван', language_code: 'ru' })
    appLanguage(h, ivan.id, 'ru')
    await h.send(h.u.text(ivan, '/language'), h.u.callback(ivan, 'lang:en'))
    expect(menuOf(h, ivan.id).start).toBe('Start over')

    const yaml = readFileSync(DEMO_CONTENT_PATH, 'utf8').replace(/^business:\n/m, 'business:\n  languages: [ru]\n')
    const upload = h.u.document(owner, { fileName: 'content.yaml' })
    h.fake.files.set(upload.message!.document!.file_id, Buffer.from(yaml, 'utf8'))
    await h.send(upload)
    expect(h.deps.content.get().business.languages).toEqual(['ru'])

    await h.send(h.u.text(ivan, '/help'))
    expect(h.fake.lastTextTo(ivan.id)).toMatch(/[а-яё]/i)
    expect(menuOf(h, ivan.id).start).toBe('Начать сначала')
  })

  it('follow new content that changes the languages the business speaks', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { first_name: 'Kate', language_code: 'en' })
    const john = h.u.user(9702, { first_name: 'John', language_code: 'en' })
    appLanguage(h, OWNER_ID, 'en')
    appLanguage(h, john.id, 'en')
    await h.send(h.u.text(owner, '/help'))
    await setCommandMenus(h.bot.api, h.deps)
    expect(menuOf(h, john.id).start).toBe('Start over')
    expect(menuOf(h, OWNER_ID).start).toBe('Start over')

    const yaml = readFileSync(DEMO_CONTENT_PATH, 'utf8').replace(/^business:\n/m, 'business:\n  languages: [ru]\n')
    const upload = h.u.document(owner, { fileName: 'content.yaml' })
    h.fake.files.set(upload.message!.document!.file_id, Buffer.from(yaml, 'utf8'))
    h.fake.clearCalls()
    await h.send(upload)
    expect(h.deps.content.get().business.languages).toEqual(['ru'])
    expect(menuOf(h, john.id).start).toBe('Начать сначала')
    // The owner's own language is not the clients' list: their menu stays English, not set again
    expect(menuOf(h, OWNER_ID).start).toBe('Start over')
    const ownerMenus = h.fake.callsOf('setMyCommands').filter((c) => c.payload.scope?.chat_id === OWNER_ID)
    expect(ownerMenus).toEqual([])
  })
})

describe('a quiz or a questionnaire the content has no questions for', () => {
  it('is named neither in /help nor in the command menus: clients’, an owner’s, and after new content', async () => {
    const demo = demoContent()
    const bare = { ...demo, discovery: { questions: [] }, quiz: { ...demo.quiz, questions: [] } }
    const h = createHarness({ content: bare })
    const ivan = h.u.user(9811, { first_name: 'Иван', language_code: 'ru' })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', language_code: 'ru' })
    appLanguage(h, ivan.id, 'ru')
    appLanguage(h, OWNER_ID, 'ru')
    // Set while the file had both: new content without them takes them off
    await h.fake.emulator.call('setMyCommands', {
      commands: [
        { command: 'quiz', description: 'Подобрать услугу' },
        { command: 'brief', description: 'Анкета' },
      ],
      language_code: 'ru',
    })
    await menusAfterContent(h.bot.api, h.deps, demo)
    expect(Object.keys(menuOf(h, ivan.id))).toEqual([
      'start',
      'menu',
      'manager',
      'book',
      'mybookings',
      'name',
      'timezone',
      'language',
      'privacy',
      'mydata',
      'stop',
      'forget',
      'help',
      'cancel',
    ])
    await setCommandMenus(h.bot.api, h.deps) // as at start-up
    await setOwnerMenus(h.bot.api, h.deps)
    expect(menuOf(h, ivan.id)).not.toHaveProperty('quiz')
    expect(menuOf(h, ivan.id)).not.toHaveProperty('brief')
    expect(menuOf(h, OWNER_ID)).toHaveProperty('broadcast')
    expect(menuOf(h, OWNER_ID)).not.toHaveProperty('quiz')
    expect(menuOf(h, OWNER_ID)).not.toHaveProperty('brief')

    await h.send(h.u.text(ivan, '/help'))
    const help = h.fake.lastTextTo(ivan.id)
    expect(help).not.toMatch(/\/quiz|\/brief/)
    // No gap where they were: /book right under /manager
    expect(help).toMatch(/\n\/manager — [^\n]+\n\/book — заказать звонок\n/)
    await h.send(h.u.text(owner, '/help'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Что видят клиенты')
    expect(h.fake.lastTextTo(OWNER_ID)).not.toMatch(/\/quiz|\/brief/)

    // A quiz alone: /quiz is named, /brief is not
    const quizOnly = createHarness({ content: { ...demo, discovery: { questions: [] } } })
    await setCommandMenus(quizOnly.bot.api, quizOnly.deps)
    appLanguage(quizOnly, ivan.id, 'ru')
    expect(menuOf(quizOnly, ivan.id)).toHaveProperty('quiz')
    expect(menuOf(quizOnly, ivan.id)).not.toHaveProperty('brief')
    await quizOnly.send(quizOnly.u.text(ivan, '/help'))
    expect(quizOnly.fake.lastTextTo(ivan.id)).toMatch(/\n\/quiz — [^\n]+\n\/book — /)
    expect(quizOnly.fake.lastTextTo(ivan.id)).not.toContain('/brief')
    expect([...h.errors(), ...quizOnly.errors()]).toEqual([])
  })
})

describe('roles', () => {
  it('owners from OWNER_IDS are owners on every check; others are nobody until added', async () => {
    const h = createHarness()
    const staff = h.deps.services.staff
    expect(staff.roleOf(OWNER_ID)).toBe('owner')
    expect(staff.roleOf(42)).toBeUndefined()
    staff.add(42, 'manager', OWNER_ID)
    expect(staff.roleOf(42)).toBe('manager')
    expect(staff.remove(OWNER_ID)).toBe(false)
    expect(staff.remove(42)).toBe(true)
    expect(staff.roleOf(42)).toBeUndefined()

    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/help'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Для владельца')
  })
})
