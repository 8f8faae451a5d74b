/**
 * The report an owner reads of an invalid content file sent in the chat: every simple problem of
 * a text at once (not one upload after another), and a count that is true.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createHarness, DEMO_CONTENT_PATH, OWNER_ID, yamlDocument } from '../helpers/harness.ts'

const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')

/** `text` with `from` replaced by `to`; fails loudly when `from` is not there. */
function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from)
  return text.replace(from, to)
}

describe('an invalid content file sent in the chat: what the owner reads', () => {
  it('a title with no Russian and another with a language "eng": both in one report, "2 ошибки"', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const yaml = edit(
      edit(demo, 'title: { ru: Лендинг под ключ, en: Turnkey landing page }', 'title: { en: Turnkey landing page }'),
      'title: { ru: Корпоративный сайт, en: Company website }',
      'title: { ru: Корпоративный сайт, eng: Company website }',
    )
    await h.send(yamlDocument(h, owner, yaml))
    const report = h.fake.lastTextTo(owner.id)
    expect(report).toMatch(/^⚠️ В файле 2 ошибки — бот продолжает работать на прежней версии\./)
    const lines = report.split('\n\n').at(-1)?.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines?.[0]).toMatch(/^products\[0\] \(landing\)\.title: missing the "ru" variant/)
    expect(lines?.[1]).toMatch(
      /^products\[1\] \(corporate\)\.title\.eng: unknown language "eng" \(did you mean "en"\?\)/,
    )
    expect(h.errors()).toEqual([])
  })

  it('one mistake made in many places is counted in every place, not as the lines listed', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    // Every text written { ru: …, en: … } with its Russian taken out
    const yaml = demo.replace(/\{ ru: ([^,{}]+), en: /g, '{ en: ')
    await h.send(yamlDocument(h, owner, yaml))
    const report = h.fake.lastTextTo(owner.id)
    // Three listed, the rest counted in one line: all of them in the header's count
    const more = Number(/the same in (\d+) more places/.exec(report)?.[1])
    expect(more).toBeGreaterThan(50)
    expect(report).toMatch(new RegExp(`^⚠️ В файле ${3 + more} ошиб`))
  })
})
