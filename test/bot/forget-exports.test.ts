import { describe, expect, it } from 'vitest'
import { createHarness, forgetData, type Harness, OWNER_ID } from '../helpers/harness.ts'

const SECOND_OWNER = 5_000_002

/** The file names of the all-clients exports the chat got, in order. */
const exportsTo = (h: Harness, chatId: number) =>
  h.fake
    .sentTo(chatId)
    .filter((c) => c.method === 'sendDocument')
    .map((c) => c.files.document!.filename)

/** What the owner was told about exports after an erasure, each note whole. */
const notesTo = (h: Harness, chatId: number) => h.fake.textsTo(chatId).filter((t) => t.includes('(/export)'))

describe('an all-clients export after a client’s /forget', () => {
  // Each file by its day and time, as every other time in the note (a file of today was "12:00" alone)
  it('tells the owner who got one since the client came which files may still hold them, naming nobody', async () => {
    const h = createHarness({ config: { OWNER_IDS: `${OWNER_ID},${SECOND_OWNER}` } })
    const owner = h.u.user(OWNER_ID)
    const vera = h.u.user(3_200_001, { first_name: 'Вера', username: 'vera_k' })
    await h.send(h.u.text(vera, '/start'))
    await h.send(h.u.text(owner, '/export'))
    h.clock.advance(90 * 60_000)
    const late = h.u.user(3_200_002, { first_name: 'Лев' })
    await h.send(h.u.text(late, '/start'))
    await h.send(h.u.text(owner, '/export'))
    const [first, second] = exportsTo(h, OWNER_ID)
    expect([first, second]).toEqual(['clients-2026-11-23-1200.csv', 'clients-2026-11-23-1330.csv'])
    h.clock.advance(60 * 60_000)

    await forgetData(h, vera)
    await h.drain()
    expect(notesTo(h, OWNER_ID)).toEqual([
      [
        '🗑 Клиент удалил свои данные (/forget). Его строка может оставаться в выгрузках всех клиентов (/export), которые бот присылал вам раньше:',
        '• пн, 23 нояб., 12:00 — clients-2026-11-23-1200.csv',
        '• пн, 23 нояб., 13:30 — clients-2026-11-23-1330.csv',
        'Удалите эти файлы — здесь, в чате, и везде, куда их сохраняли: бот не видит, удалены ли они. В новой выгрузке (/export) этого клиента уже нет.',
      ].join('\n'),
    ])
    // The owner who exported nothing is told nothing
    expect(notesTo(h, SECOND_OWNER)).toEqual([])
  })

  it('past ten files, the earlier ones are counted in words of the number', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const vera = h.u.user(3_200_003, { first_name: 'Вера' })
    await h.send(h.u.text(vera, '/start'))
    for (let i = 0; i < 11; i++) {
      await h.send(h.u.text(owner, '/export'))
      h.clock.advance(10 * 60_000)
    }
    expect(exportsTo(h, OWNER_ID)).toHaveLength(11)
    await forgetData(h, vera)
    await h.drain()
    const [note] = notesTo(h, OWNER_ID)
    const lines = note?.split('\n') ?? []
    expect(lines[1]).toBe('• 1 более ранняя выгрузка')
    expect(lines.slice(2, -1)).toHaveLength(10)
    expect(lines[2]).toBe('• пн, 23 нояб., 12:10 — clients-2026-11-23-1210.csv')
  })

  it('one note a day for the same files; a new file, or the next day, is told again; the team and newer clients are in no file', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { language_code: 'en' })
    const clients = [1, 2, 3, 4].map((n) => h.u.user(3_200_010 + n, { first_name: `Клиент${n}` }))
    for (const c of clients.slice(0, 3)) await h.send(h.u.text(c, '/start'))
    await h.send(h.u.text(owner, '/language'), h.u.callback(owner, 'lang:en'))
    await h.send(h.u.text(owner, '/export'))
    const erase = async (user: (typeof clients)[number]) => {
      await forgetData(h, user)
      // Told in the owner's chat at Telegram's pace there
      await h.flush()
    }
    await erase(clients[0]!)
    const note = [
      '🗑 A client deleted their data (/forget). Their row may still be in the all-clients exports (/export) the bot sent you before:',
      '• Mon 23 Nov, 12:00 — clients-2026-11-23-1200.csv',
      'Delete these files — here in this chat and wherever you saved them: the bot cannot see whether they are gone. A new export (/export) no longer has this client.',
    ].join('\n')
    expect(notesTo(h, OWNER_ID)).toEqual([note])
    // A second erasure the same day, of a client in that same file: nothing new to delete
    h.clock.advance(3 * 3_600_000)
    await erase(clients[1]!)
    expect(notesTo(h, OWNER_ID)).toHaveLength(1)
    // A client who came after the export is in no file
    await h.send(h.u.text(clients[3]!, '/start'))
    const newcomer = h.u.user(3_200_019)
    await h.send(h.u.text(newcomer, '/start'))
    await erase(newcomer)
    expect(notesTo(h, OWNER_ID)).toHaveLength(1)
    // The next day the same file is named again
    h.clock.advance(24 * 3_600_000)
    await erase(clients[2]!)
    expect(notesTo(h, OWNER_ID)).toHaveLength(2)
    expect(notesTo(h, OWNER_ID)[1]).toContain('\n• Mon 23 Nov, 12:00 — clients-2026-11-23-1200.csv\n')
    // A new file the same day is: the one client still in it and not in the first is told of with it alone
    await h.send(h.u.text(owner, '/export'))
    await erase(clients[3]!)
    expect(notesTo(h, OWNER_ID)).toHaveLength(3)
    expect(notesTo(h, OWNER_ID)[2]).toContain('\n• Tue 24 Nov, 15:00 — clients-2026-11-24-1500.csv\nDelete these files')
    expect(notesTo(h, OWNER_ID)[2]).not.toContain('clients-2026-11-23-1200.csv')
    // The owner erasing themselves was never in an export
    await erase(owner)
    expect(notesTo(h, OWNER_ID)).toHaveLength(3)
  })

  it('the note waits in the outbox across a restart, and the export’s record survives erasures', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const a = h.u.user(3_200_021)
    const b = h.u.user(3_200_022)
    await h.send(h.u.text(a, '/start'), h.u.text(b, '/start'))
    await h.send(h.u.text(owner, '/export'))
    await forgetData(h, a)
    // Queued behind the export in the owner's chat (Telegram's pace there) when the bot stops
    expect(notesTo(h, OWNER_ID)).toEqual([])
    const after = h.restart()
    await after.flush()
    expect(notesTo(after, OWNER_ID)).toHaveLength(1)
    after.clock.advance(25 * 3_600_000)
    await forgetData(after, b)
    await after.drain()
    expect(notesTo(after, OWNER_ID)).toHaveLength(2)
  })
})
