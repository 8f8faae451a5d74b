/**
 * The content file on the server edited into an invalid state while the app runs
 * (src/app.ts watches it): every owner is told in Telegram what to fix, with the same report
 * an upload gets (docs/content.md, "Edit the file on the server"). A file indented with tabs —
 * the mistake the guide warns about — has more problems than one message holds.
 */
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type App, startApp } from '../src/app.ts'
import { createLogger } from '../src/logger.ts'
import { createFakeClock } from './helpers/clock.ts'
import { FakeTelegram } from './helpers/fake-telegram.ts'
import { DEMO_CONTENT_PATH, OWNER_ID, STAFF_GROUP_ID, testConfig } from './helpers/harness.ts'
import { UpdateFactory } from './helpers/updates.ts'

/** Checks `condition` every 50 ms (the file is polled every 2 s; the test's own timeout is the limit). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50))
}

/** The file saved again (or `touch`ed): a new modification time, however coarse the file system's; the text unchanged. */
function resave(path: string, secondsAhead: number): void {
  const later = new Date(Date.now() + secondsAhead * 1000)
  utimesSync(path, later, later)
}

/**
 * Saves the file again, a second later each time, until `condition` holds. Right after the app
 * starts, the watcher takes its first look at the file in the background: a save made before
 * that look is no change to it, and one made after always is.
 */
async function resaveUntil(path: string, condition: () => boolean): Promise<void> {
  for (let ahead = 60; !condition(); ahead++) {
    resave(path, ahead)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Longer than one poll of the file (every 2 s): the watcher has seen what was done before. */
const afterAPoll = () => new Promise((resolve) => setTimeout(resolve, 2500))

const noticeTo =
  (chatId: number, naming: string) =>
  (call: { method: string; payload: Record<string, unknown> }): boolean =>
    call.method === 'sendMessage' &&
    Number(call.payload.chat_id) === chatId &&
    String(call.payload.text).includes('Файл контента изменён') &&
    String(call.payload.text).includes(naming)

let app: App | undefined
afterEach(async () => {
  await app?.stop()
  app = undefined
})

/** The app on a copy of the demo content, with an owner who has opened their chat with the bot. */
async function startWithOwner(logger = createLogger({ level: 'silent' })) {
  const fake = new FakeTelegram()
  const u = new UpdateFactory(fake, STAFF_GROUP_ID)
  const dir = mkdtempSync(join(tmpdir(), 'cd-content-'))
  const contentPath = join(dir, 'content.yaml')
  copyFileSync(DEMO_CONTENT_PATH, contentPath)
  const options = {
    config: testConfig({ DATABASE_PATH: join(dir, 'bot.sqlite'), CONTENT_PATH: contentPath }),
    logger,
    clock: createFakeClock(),
    client: { fetch: fake.fetch as typeof fetch },
  }
  app = await startApp(options)
  fake.emulator.enqueue({ message: u.text(u.user(OWNER_ID, { first_name: 'Owner' }), '/start').message } as never)
  await until(() => fake.textsTo(OWNER_ID).length > 0)
  return { fake, contentPath, options }
}

describe('an invalid content file edited on the server', () => {
  it('a file with more problems than a message holds still reaches the owner, cut to what fits', async () => {
    // The owner has a private chat with the bot
    const { fake, contentPath } = await startWithOwner()

    // The owner's editor turns the indentation into tabs
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    writeFileSync(
      contentPath,
      demo.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)),
    )
    const later = new Date(Date.now() + 60_000) // a new modification time, however coarse the file system's
    utimesSync(contentPath, later, later)

    const notice = (call: { method: string; payload: Record<string, unknown> }) =>
      call.method === 'sendMessage' &&
      Number(call.payload.chat_id) === OWNER_ID &&
      String(call.payload.text).includes('Файл контента изменён')
    await until(() => fake.calls.some(notice))
    const attempts = fake.calls.filter(notice)
    // Telegram took it: the owner has actually been told, with the first problems and a pointer to the rest
    expect(attempts.map((call) => call.ok)).toEqual([true])
    const text = String(attempts[0]?.payload.text)
    expect(text).toContain('YAML syntax error')
    expect(text).toMatch(
      /\n…и ещё \d+: исправьте эти — следующая проверка покажет остальные \(все сразу: npm run content:check на сервере\)\.\n\nФайл не прочитался целиком, поэтому остальное в нём пока не проверено — проверю, когда это исправите\.$/,
    )
  })

  it('a file edited while the bot was stopped is reported to the owner when it starts', async () => {
    const lines: string[] = []
    const { fake, contentPath, options } = await startWithOwner(
      createLogger({ level: 'info', destination: { write: (text: string) => void lines.push(text) } }),
    )
    await app?.stop()
    app = undefined

    // While the bot is stopped the owner makes a typo in a product's key
    writeFileSync(
      contentPath,
      readFileSync(DEMO_CONTENT_PATH, 'utf8').replace('    in_stock: false', '    in_stok: false'),
    )
    const before = fake.calls.length
    app = await startApp(options)

    // The bot runs on the last good content, and the owner reads why, not only the log
    expect(lines.some((l) => l.includes('is invalid, kept the last good content'))).toBe(true)
    const notice = (call: { method: string; payload: Record<string, unknown> }) =>
      call.method === 'sendMessage' &&
      Number(call.payload.chat_id) === OWNER_ID &&
      String(call.payload.text).includes('Файл контента изменён')
    await until(() => fake.calls.slice(before).some(notice))
    expect(String(fake.calls.slice(before).find(notice)?.payload.text)).toContain('in_stok')

    // Saved again unchanged: told once already, then a new mistake is told
    resave(contentPath, 60)
    await afterAPoll()
    writeFileSync(
      contentPath,
      readFileSync(DEMO_CONTENT_PATH, 'utf8').replace('    in_stock: false', '    in_stoc: false'),
    )
    resave(contentPath, 120)
    await until(() => fake.calls.some(noticeTo(OWNER_ID, 'in_stoc')))
    expect(fake.calls.slice(before).filter(noticeTo(OWNER_ID, 'in_stok'))).toHaveLength(1)
  })

  it('the same invalid file saved again is reported once; after a valid one, again', async () => {
    const { fake, contentPath } = await startWithOwner()
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const typo = demo.replace('    in_stock: false', '    in_stok: false')
    const told = () => fake.calls.filter(noticeTo(OWNER_ID, 'in_stok')).length

    writeFileSync(contentPath, typo)
    resave(contentPath, 60)
    await until(() => told() === 1)

    // Saved again, the same text (a second Ctrl+S, vim's :w then :wq): not told again
    resave(contentPath, 120)
    await afterAPoll()
    expect(told()).toBe(1)

    // Put back as it was: the owner, who read the errors last, reads they are gone (nothing to
    // apply); then the same mistake made again is news
    const fixed = () => fake.textsTo(OWNER_ID).filter((t) => t.startsWith('✅ Файл контента исправлен'))
    writeFileSync(contentPath, demo)
    resave(contentPath, 180)
    await until(() => fixed().length === 1)
    expect(fixed()[0]).toContain('применять нечего')
    writeFileSync(contentPath, typo)
    resave(contentPath, 240)
    await until(() => told() === 2)
    // Fixed into a new version: applied, and said so
    const renamed = demo.replace('Лаконика', 'Лаконика!')
    writeFileSync(contentPath, renamed)
    resave(contentPath, 300)
    await until(() => fixed().length === 2)
    expect(fixed()[1]).toBe('✅ Файл контента исправлен: бот работает на новой версии.')
    // A valid edit after a valid one is no news
    writeFileSync(contentPath, demo)
    resave(contentPath, 360)
    await afterAPoll()
    expect(fixed()).toHaveLength(2)
  })

  it('an edit on the server over a file sent in the chat: applied, and the owner is told it replaced theirs', async () => {
    const { fake, contentPath, options } = await startWithOwner()
    const u = new UpdateFactory(fake, STAFF_GROUP_ID)
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const upload = u.document(u.user(OWNER_ID, { first_name: 'Owner' }), { fileName: 'content.yaml' })
    fake.files.set(upload.message?.document?.file_id ?? '', Buffer.from(demo.replace('Лаконика', 'Лаконика-2'), 'utf8'))
    fake.emulator.enqueue({ message: upload.message } as never)
    await until(() => fake.textsTo(OWNER_ID).some((t) => t.startsWith('✅ Новый контент применён')))
    // Told at once that an edit on the server would take over
    expect(fake.textsTo(OWNER_ID).find((t) => t.startsWith('✅ Новый контент применён'))).toContain(
      'Если потом изменят файл контента на сервере, бот перейдёт на него — напишу.',
    )
    const replaced = () => fake.textsTo(OWNER_ID).filter((t) => t.startsWith('📄 Файл контента на сервере изменён'))
    // A comment added on the server: the file wins, and the owner who sent theirs reads so (nothing did)
    appendFileSync(contentPath, '\n# комментарий\n')
    await resaveUntil(contentPath, () => replaced().length === 1)
    expect(replaced()[0]).toMatch(
      /^📄 Файл контента на сервере изменён — бот работает на нём\. Он заменил файл, присланный в чат \(\d{1,2}:\d{2}, Owner\); нужна та версия — пришлите её снова\.$/,
    )
    // Sent again, then the file edited while the bot was stopped: told when it starts
    const again = u.document(u.user(OWNER_ID, { first_name: 'Owner' }), { fileName: 'content.yaml' })
    fake.files.set(again.message?.document?.file_id ?? '', Buffer.from(demo.replace('Лаконика', 'Лаконика-3'), 'utf8'))
    fake.emulator.enqueue({ message: again.message } as never)
    await until(() => fake.textsTo(OWNER_ID).filter((t) => t.startsWith('✅ Новый контент применён')).length === 2)
    await app?.stop()
    app = undefined
    appendFileSync(contentPath, '# пока бот стоял\n')
    app = await startApp(options)
    await until(() => replaced().length === 2)
    // The next edit replaces an edit, not theirs: no news
    appendFileSync(contentPath, '# ещё\n')
    resave(contentPath, 600)
    await afterAPoll()
    await afterAPoll()
    expect(replaced()).toHaveLength(2)
  })

  it('the owners told of an edit on the server read what it changed in clients’ promises, as an upload does', async () => {
    const { fake, contentPath } = await startWithOwner()
    const u = new UpdateFactory(fake, STAFF_GROUP_ID)
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    // A file sent in the chat with a longer answer time…
    const upload = u.document(u.user(OWNER_ID, { first_name: 'Owner' }), { fileName: 'content.yaml' })
    fake.files.set(
      upload.message?.document?.file_id ?? '',
      Buffer.from(demo.replace('sla_minutes: 15', 'sla_minutes: 60')),
    )
    fake.emulator.enqueue({ message: upload.message } as never)
    await until(() => fake.textsTo(OWNER_ID).some((t) => t.startsWith('✅ Новый контент применён')))
    // …replaced by the file on the server: its answer time is back, and said so under the notice
    const replaced = () => fake.textsTo(OWNER_ID).filter((t) => t.startsWith('📄 Файл контента на сервере изменён'))
    appendFileSync(contentPath, '\n# комментарий\n')
    await resaveUntil(contentPath, () => replaced().length === 1)
    expect(replaced()[0]).toMatch(
      /нужна та версия — пришлите её снова\.\n\nИзменилось то, что бот обещает клиентам:\n• срок ответа менеджера: 15 мин рабочего времени \(было 60\)$/,
    )
    // An invalid edit, then fixed into new hours: "fixed", with them
    const fixed = () => fake.textsTo(OWNER_ID).filter((t) => t.startsWith('✅ Файл контента исправлен'))
    writeFileSync(contentPath, demo.replace('    in_stock: false', '    in_stok: false'))
    resave(contentPath, 600)
    await until(() => fake.calls.some(noticeTo(OWNER_ID, 'in_stok')))
    writeFileSync(contentPath, demo.replace('sat: ["11:00-16:00"]', 'sat: []'))
    resave(contentPath, 660)
    await until(() => fixed().length === 1)
    expect(fixed()[0]).toBe(
      '✅ Файл контента исправлен: бот работает на новой версии.\n\nИзменилось то, что бот обещает клиентам:\n• часы работы: пн–пт 10:00–19:00 (было: пн–пт 10:00–19:00, сб 11:00–16:00)',
    )
  })

  it('an owner who cannot be told is logged without their Telegram id', async () => {
    const fake = new FakeTelegram()
    const dir = mkdtempSync(join(tmpdir(), 'cd-content-'))
    const contentPath = join(dir, 'content.yaml')
    copyFileSync(DEMO_CONTENT_PATH, contentPath)
    const lines: string[] = []
    app = await startApp({
      config: testConfig({ DATABASE_PATH: join(dir, 'bot.sqlite'), CONTENT_PATH: contentPath }),
      logger: createLogger({ level: 'info', destination: { write: (text: string) => void lines.push(text) } }),
      clock: createFakeClock(),
      client: { fetch: fake.fetch as typeof fetch },
    })
    // The owner never opened the chat with the bot: Telegram refuses the notice
    fake.fail({
      method: 'sendMessage',
      chatId: OWNER_ID,
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
      times: 10,
    })
    writeFileSync(contentPath, readFileSync(DEMO_CONTENT_PATH, 'utf8').replace('business:', 'business: [oops'))
    await resaveUntil(contentPath, () => lines.some((l) => l.includes('could not notify an owner')))
    // The logs outlive a /forget and are read by whoever runs the server: no person's id in them
    expect(lines.filter((l) => l.includes(String(OWNER_ID)))).toEqual([])
  })
})

describe('a valid content file edited on the server', () => {
  it('that drops a language takes its command menu away at Telegram', async () => {
    const { fake, contentPath } = await startWithOwner()
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    expect(demo).toMatch(/^business:\n/m)
    writeFileSync(contentPath, demo.replace(/^business:\n/m, 'business:\n  languages: [ru]\n'))
    resave(contentPath, 60)
    await until(() => fake.callsOf('deleteMyCommands').some((c) => c.payload.language_code === 'en'))
  })

  it('whose rule names a staff group the settings lack: the owner is told, and again at the next start', async () => {
    const { fake, contentPath, options } = await startWithOwner()
    const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    writeFileSync(
      contentPath,
      demo.replace(/^handoff:\n/m, 'handoff:\n  groups:\n    - group: -1001111111111\n      languages: [en]\n'),
    )
    const warning = (call: { method: string; payload: Record<string, unknown> }) =>
      call.method === 'sendMessage' &&
      Number(call.payload.chat_id) === OWNER_ID &&
      String(call.payload.text).includes('-1001111111111') &&
      String(call.payload.text).includes('STAFF_GROUP_IDS')
    await resaveUntil(contentPath, () => fake.calls.some(warning))
    await app?.stop()
    app = undefined
    const before = fake.calls.length
    app = await startApp(options)
    await until(() => fake.calls.slice(before).some(warning))
  })
})

describe('a content file written in steps or saved again quickly', () => {
  it('written bit by bit (an upload over a slow link, an editor saving in parts): applied once, whole, with no alarm for the parts', async () => {
    const { fake, contentPath } = await startWithOwner()
    const applied = () => JSON.stringify(app?.deps.content.get().business.name)
    const before = fake.calls.length
    // The watcher has taken its first look at the file (a poll): what follows is a change to it
    await afterAPoll()

    // The new file arrives in parts, 40 of them a tenth of a second apart: longer than a poll
    const next = readFileSync(DEMO_CONTENT_PATH, 'utf8').replace(/Лаконика/g, 'Вектор')
    const parts = 40
    const size = Math.ceil(Buffer.byteLength(next) / parts)
    const bytes = Buffer.from(next)
    writeFileSync(contentPath, '')
    for (let i = 0; i < parts; i++) {
      appendFileSync(contentPath, bytes.subarray(i * size, (i + 1) * size))
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    await until(() => applied().includes('Вектор'))

    // The owner was not told of a broken file: there never was one
    const notices = fake.calls.slice(before).filter((call) => String(call.payload.text).includes('Файл контента'))
    expect(notices).toEqual([])
    // Only the whole file was taken: it is the one saved version since the start
    const versions = app?.deps.sqlite.prepare('select yaml from content_versions order by id').all() as {
      yaml: string
    }[]
    expect(versions.map((v) => v.yaml.includes('Вектор'))).toEqual([false, true])
    expect(versions.at(-1)?.yaml).toBe(next)
  })

  it('a change its modification time does not show (a file system keeping times to the second) is still applied', async () => {
    const { contentPath } = await startWithOwner()
    // The file's time is a whole second, as such a file system keeps it, when the watcher looks
    const second = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000)
    utimesSync(contentPath, second, second)
    await afterAPoll()
    // Saved again within that second: a new text, the same time
    writeFileSync(contentPath, readFileSync(DEMO_CONTENT_PATH, 'utf8').replace(/Лаконика/g, 'Орбита'))
    utimesSync(contentPath, second, second)
    await until(() => JSON.stringify(app?.deps.content.get().business.name).includes('Орбита'))
  })
})

describe('/content on the running bot', () => {
  /** The owner's /content, and the text of the file it sends. */
  async function contentFile(fake: FakeTelegram, u: UpdateFactory): Promise<string> {
    const sent = () => fake.calls.filter((c) => c.method === 'sendDocument' && Number(c.payload.chat_id) === OWNER_ID)
    const before = sent().length
    fake.emulator.enqueue({ message: u.text(u.user(OWNER_ID, { first_name: 'Owner' }), '/content').message } as never)
    await until(() => sent().length > before)
    return sent().at(-1)?.files.document?.data.toString('utf8') ?? ''
  }

  it('sends the file the bot runs on: the server’s, a file sent in the chat since (also after a restart), the server’s edit made while it was stopped', async () => {
    const { fake, contentPath, options } = await startWithOwner()
    const u = new UpdateFactory(fake, STAFF_GROUP_ID)
    const onServer = `${readFileSync(contentPath, 'utf8')}# на сервере\n`
    writeFileSync(contentPath, onServer)
    await app?.stop()
    app = await startApp(options)
    expect(await contentFile(fake, u)).toBe(onServer)

    // A file sent in the chat
    const sent = onServer.replace(/Лаконика/g, 'Вектор')
    const upload = u.document(u.user(OWNER_ID, { first_name: 'Owner' }), { fileName: 'content.yaml' })
    fake.files.set(upload.message?.document?.file_id ?? '', Buffer.from(sent, 'utf8'))
    fake.emulator.enqueue({ message: upload.message } as never)
    await until(() => JSON.stringify(app?.deps.content.get().business.name).includes('Вектор'))
    expect(await contentFile(fake, u)).toBe(sent)
    // A restart with the server's file as it was: the file sent in the chat is still in force
    await app?.stop()
    app = await startApp(options)
    expect(await contentFile(fake, u)).toBe(sent)

    // The server's file edited while the bot was stopped: in force from the start, and sent
    await app?.stop()
    app = undefined
    const edited = onServer.replace(/Лаконика/g, 'Орбита')
    writeFileSync(contentPath, edited)
    app = await startApp(options)
    expect(await contentFile(fake, u)).toBe(edited)
    // …and, made invalid while it was stopped, the last good one stays in force and is what it sends
    await app?.stop()
    app = undefined
    writeFileSync(contentPath, edited.replace('timezone: Europe/Moscow', 'timezone: Moscow'))
    app = await startApp(options)
    expect(await contentFile(fake, u)).toBe(edited)
  })
})
