import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { saveContentVersion } from '../../db/repositories/content-versions.ts'
import { ContentError, loadContentStore } from '../../src/content/store.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { createTestDb } from '../helpers/db.ts'
import { DEMO_CONTENT_PATH, demoYamlWithoutSupport } from '../helpers/harness.ts'

const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')
const renamed = (name: string) => demo.replace(/Лаконика/g, name)

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'cd-content-'))
  const path = join(dir, 'content.yaml')
  return { path, deps: { db: createTestDb().db, clock: createFakeClock() } }
}

const nameOf = (store: { get(): { business: { name: unknown } } }) => JSON.stringify(store.get().business.name)

describe('content store', () => {
  it('loads a valid file and saves it as the last good version', () => {
    const { path, deps } = setup()
    writeFileSync(path, demo)
    const { store, warnings } = loadContentStore(deps, path)
    expect(warnings).toEqual([])
    expect(nameOf(store)).toContain('Лаконика')
  })

  it('keeps the last good content when the file becomes invalid, with a report', () => {
    const { path, deps } = setup()
    writeFileSync(path, demo)
    loadContentStore(deps, path)
    writeFileSync(path, demo.replace(/slot_minutes: \d+/, 'slot_minutes: half an hour'))
    const { store, warnings, invalid } = loadContentStore(deps, path)
    expect(nameOf(store)).toContain('Лаконика')
    expect(warnings.join('\n')).toMatch(/booking → slot_minutes: .*\(line \d+\)/)
    // The problems themselves, for the owners' notice
    expect(invalid?.map((issue) => issue.path)).toEqual(['booking → slot_minutes'])
  })

  it('an invalid upload changes nothing; a valid one is used and survives a restart', () => {
    const { path, deps } = setup()
    writeFileSync(path, demo)
    const { store } = loadContentStore(deps, path)
    const bad = store.replace('business: [', 'upload', 1)
    expect(bad.ok).toBe(false)
    expect(nameOf(store)).toContain('Лаконика')

    expect(store.yaml()).toBe(demo)

    expect(store.replace(renamed('Вектор'), 'upload', 1).ok).toBe(true)
    expect(nameOf(store)).toContain('Вектор')
    // The text in force, as /content sends it, follows
    expect(store.yaml()).toBe(renamed('Вектор'))
    // restart with the unchanged file: the newer upload stays in force
    const restarted = loadContentStore(deps, path).store
    expect(nameOf(restarted)).toContain('Вектор')
    expect(restarted.yaml()).toBe(renamed('Вектор'))
    // the owner edits the file afterwards: the edit wins
    writeFileSync(path, renamed('Орбита'))
    const edited = loadContentStore(deps, path).store
    expect(nameOf(edited)).toContain('Орбита')
    expect(edited.yaml()).toBe(renamed('Орбита'))
  })

  it('on a first start with an invalid file, says so — there is no last good content to keep', () => {
    const { path, deps } = setup()
    writeFileSync(path, demo.replace(/slot_minutes: \d+/, 'slot_minutes: half an hour'))
    let message = ''
    try {
      loadContentStore(deps, path)
    } catch (err) {
      expect(err).toBeInstanceOf(ContentError)
      message = (err as Error).message
    }
    expect(message).toContain(`CONTENT_PATH "${path}" is invalid, and this is the first start`)
    expect(message).toMatch(/booking → slot_minutes: .*\(line \d+\)/)
    expect(message).not.toMatch(/last good|kept/)
  })

  it('names CONTENT_PATH when the file cannot be read and nothing was saved before', () => {
    const { path, deps } = setup()
    expect(() => loadContentStore(deps, `${path}.missing`)).toThrow(
      `CONTENT_PATH "${path}.missing" cannot be read (no such file), and there is no content saved from an earlier start`,
    )
  })

  it('runs on the saved content when the file cannot be read later', () => {
    const { path, deps } = setup()
    writeFileSync(path, demo)
    loadContentStore(deps, path)
    const { store, warnings } = loadContentStore(deps, `${path}.missing`)
    expect(nameOf(store)).toContain('Лаконика')
    expect(warnings).toEqual([
      `Content file ${path}.missing cannot be read (no such file); using the last saved content`,
    ])
  })

  it('starts on content saved before the length checks, and warns about each text too long for a message', () => {
    const { path, deps } = setup()
    // Accepted by an earlier version, whose check knew no length limits
    const long = demo.replace(
      'ru: Делаем понятные сайты для малого бизнеса — от лендинга до интернет-магазина.',
      `ru: ${'Делаем понятные сайты. '.repeat(200)}`,
    )
    writeFileSync(path, long)
    const hash = createHash('sha256').update(long).digest('hex')
    saveContentVersion(deps.db, { source: 'file', hash, yaml: long }, deps.clock.now())
    const { store, warnings } = loadContentStore(deps, path)
    expect(nameOf(store)).toContain('Лаконика')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^The content in force has texts too long for one Telegram message/)
    // One instruction for the text: its limit on the "About" screen, and by how much it is over
    const about =
      /business → about → ru: must be at most (\d+) characters long \(it has 4599\): the "About" screen .* would be (\d+) characters \(ru, with the bot's own words\); one Telegram message holds 4096: shorten it by at least (\d+)/.exec(
        warnings[0] ?? '',
      )
    expect(about).not.toBeNull()
    const [limit, total, over] = about?.slice(1).map(Number) ?? []
    expect(over).toBe(4599 - (limit ?? 0))
    expect(over).toBe((total ?? 0) - 4096)
    expect(warnings[0]?.match(/business → about/g)).toHaveLength(1)
    // An upload or an edit of the file is held to the limits
    expect(store.replace(long.replace('Лаконика', 'Лаконика 2'), 'upload').ok).toBe(false)
  })

  it('starts on content saved with a staff-group rule naming a product it lacks, and warns about it', () => {
    const { path, deps } = setup()
    // Accepted by an earlier version, whose check did not look at these product ids
    const typo = demo.replace('handoff:\n', 'handoff:\n  groups: [{ group: -1009876543210, products: [landng] }]\n')
    expect(typo).not.toBe(demo)
    writeFileSync(path, typo)
    const hash = createHash('sha256').update(typo).digest('hex')
    saveContentVersion(deps.db, { source: 'file', hash, yaml: typo }, deps.clock.now())
    const { store, warnings } = loadContentStore(deps, path)
    expect(nameOf(store)).toContain('Лаконика')
    expect(warnings.join('\n')).toMatch(/unknown product id "landng"/)
  })
})

describe('the titles of products taken out', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

  it('are remembered when content is applied, and after a restart', () => {
    const { path, deps } = setup()
    writeFileSync(path, demo)
    const { store } = loadContentStore(deps, path)
    expect(store.productTitle('support', 'en')).toBe('Website support plan')
    expect(store.replace(demoYamlWithoutSupport(), 'upload', 1).ok).toBe(true)
    expect(store.get().products.map((p) => p.id)).not.toContain('support')
    expect(store.productTitle('support', 'ru')).toBe('Техподдержка сайта')
    expect(store.productTitle('landing', 'en')).toBe('Turnkey landing page')
    expect([store.productTitle('never-had', 'ru'), store.productTitle(null, 'ru')]).toEqual([undefined, undefined])

    // Restarted on the upload, which lacks it
    const restarted = loadContentStore(deps, path).store
    expect(restarted.get().products.map((p) => p.id)).not.toContain('support')
    expect(restarted.productTitle('support', 'en')).toBe('Website support plan')
  })

  it('the title it last had wins: renamed, then taken out', () => {
    const { path, deps } = setup()
    writeFileSync(path, demo)
    const { store } = loadContentStore(deps, path)
    expect(store.replace(demo.replace('ru: Техподдержка сайта', 'ru: Поддержка'), 'upload', 1).ok).toBe(true)
    expect(store.replace(demoYamlWithoutSupport(), 'upload', 1).ok).toBe(true)
    expect(loadContentStore(deps, path).store.productTitle('support', 'ru')).toBe('Поддержка')
  })

  it('the first start with them takes the titles of the versions saved before, the newest winning', () => {
    const { path, deps } = setup()
    // Saved by earlier versions: an older title, then content whose text is now too long for a message
    const older = demo.replace('ru: Техподдержка сайта', 'ru: Поддержка')
    const long = demo.replace(
      'ru: Делаем понятные сайты для малого бизнеса — от лендинга до интернет-магазина.',
      `ru: ${'Делаем понятные сайты. '.repeat(200)}`,
    )
    saveContentVersion(deps.db, { source: 'file', hash: sha256(older), yaml: older }, deps.clock.now())
    saveContentVersion(deps.db, { source: 'upload', hash: sha256(long), yaml: long, uploadedBy: 1 }, deps.clock.now())
    // The file, edited since, no longer has the support plan
    writeFileSync(path, demoYamlWithoutSupport())
    const { store } = loadContentStore(deps, path)
    expect(store.get().products.map((p) => p.id)).not.toContain('support')
    expect(store.productTitle('support', 'ru')).toBe('Техподдержка сайта')
    expect(store.productTitle('support', 'en')).toBe('Website support plan')
  })

  it('the versions saved before are read at the first start only, also when none had a product', () => {
    const { path, deps } = setup()
    const noProducts = (name: string) =>
      `business:\n  name: ${name}\n  about: We build websites\n  timezone: Europe/Moscow\n  hours:\n    mon: ["10:00-19:00"]\n`
    writeFileSync(path, noProducts('Studio'))
    expect(loadContentStore(deps, path).store.get().products).toEqual([])
    // A version with products no start applied (the bot applies, and so remembers, every version it saves)
    saveContentVersion(deps.db, { source: 'upload', hash: sha256(demo), yaml: demo, uploadedBy: 1 }, deps.clock.now())
    writeFileSync(path, noProducts('Studio 2'))
    const restarted = loadContentStore(deps, path).store
    expect(JSON.stringify(restarted.get().business.name)).toContain('Studio 2')
    expect(restarted.productTitle('support', 'ru')).toBeUndefined()
  })
})
