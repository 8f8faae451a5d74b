import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import type { z } from 'zod'
import { formatContentReport, parseContent } from '../../src/content/loader.ts'
import { contentSchema } from '../../src/content/schema.ts'

const DOC_PATH = new URL('../../docs/content.md', import.meta.url)

/** The ```yaml blocks of the reference, in order. */
async function yamlExamples(): Promise<string[]> {
  const markdown = await readFile(DOC_PATH, 'utf8')
  return [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '')
}

function expectValid(yaml: string): void {
  const result = parseContent(yaml)
  expect(result.ok ? '' : formatContentReport(result.errors)).toBe('')
}

describe('the content file reference (docs/content.md)', () => {
  it('has YAML examples without syntax errors', async () => {
    const examples = await yamlExamples()
    expect(examples.length).toBeGreaterThan(5)
    for (const example of examples) {
      expect(parseDocument(example).errors, example).toEqual([])
    }
  })

  it('shows a minimal file that is valid', async () => {
    expectValid((await yamlExamples()).at(-1) ?? '')
  })

  it('shows section examples that together make a valid file', async () => {
    // The quiz example names products of the demo, and the last example is the minimal file.
    const sections = (await yamlExamples())
      .slice(0, -1)
      .filter((example) => /^(business|discovery|products|followups|handoff|managers|replies):/m.test(example))
    expectValid(sections.join('\n'))
  })

  it('has a heading or a table row for every key the file may hold', async () => {
    const markdown = await readFile(DOC_PATH, 'utf8')
    // Every name in backticks in a heading or a table row (`contacts.phone`, `{ label, url }`, `options[].value`)
    const documented = new Set(
      markdown
        .split('\n')
        .filter((line) => line.startsWith('|') || line.startsWith('#'))
        .flatMap((line) => [...line.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]?.match(/[a-z_]+/g) ?? [])),
    )
    const missing = keysOf(contentSchema).filter((path) => !documented.has(path.at(-1) as string))
    // The week's days are one row: `hours.mon` … `hours.sun`
    const weekdays = ['tue', 'wed', 'thu', 'fri', 'sat']
    expect(missing.filter((path) => !weekdays.includes(path.at(-1) as string)).map((p) => p.join('.'))).toEqual([])
  })
})

/** The paths of every key of an object schema, through lists, defaults and optionals. */
function keysOf(schema: z.ZodType, path: string[] = []): string[][] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def
  if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) {
    return keysOf(def.innerType as z.ZodType, path)
  }
  if (def.type === 'pipe') return keysOf(def.in as z.ZodType, path)
  if (def.type === 'array') return keysOf(def.element as z.ZodType, path)
  if (def.type !== 'object') return []
  return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, value]) => [
    [...path, key],
    ...keysOf(value, [...path, key]),
  ])
}
