import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ContentError, loadContentStore } from '../../src/content/store.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { createTestDb } from '../helpers/db.ts'
import { DEMO_CONTENT_PATH } from '../helpers/harness.ts'

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
    const { store, warnings } = loadContentStore(deps, path)
    expect(nameOf(store)).toContain('Лаконика')
    expect(warnings.join('\n')).toMatch(/booking\.slot_minutes: .*\(line \d+\)/)
  })

  it('an invalid upload changes nothing; a valid one is used and survives a restart', () => {
    const { path, deps } = setup()
    writeFileSync(path, demo)
    const { store } = loadContentStore(deps, path)
    const bad = store.replace('business: [', 'upload', 1)
    expect(bad.ok).toBe(false)
    expect(nameOf(store)).toContain('Лаконика')

    expect(store.replace(renamed('Вектор'), 'upload', 1).ok).toBe(true)
    expect(nameOf(store)).toContain('Вектор')
    // restart with the unchanged file: the newer upload stays in force
    expect(nameOf(loadContentStore(deps, path).store)).toContain('Вектор')
    // the owner edits the file afterwards: the edit wins
    writeFileSync(path, renamed('Орбита'))
    expect(nameOf(loadContentStore(deps, path).store)).toContain('Орбита')
  })

  it('refuses to start with neither a valid file nor saved content', () => {
    const { path, deps } = setup()
    writeFileSync(path, 'business: {}')
    expect(() => loadContentStore(deps, path)).toThrow(ContentError)
    expect(() => loadContentStore(deps, `${path}.missing`)).toThrow(/cannot read/)
  })
})
