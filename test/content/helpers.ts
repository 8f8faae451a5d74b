import { expect } from 'vitest'
import { type ContentIssue, parseContent } from '../../src/content/loader.ts'

/** A small valid file; tests change one thing in it and look at the report. */
export const MINIMAL_YAML = `business:
  name: Test studio
  about: We build websites
  timezone: Europe/Moscow
  hours:
    mon: ["10:00-19:00"]
discovery:
  questions:
    - key: budget
      text: Budget?
      type: choice
      options:
        - { value: lt100, label: up to 100k }
        - { value: gt100, label: over 100k }
quiz:
  questions:
    - key: goal
      text: What for?
      options:
        - value: leads
          label: Leads
          weights: { landing: 3 }
        - value: sell
          label: Sell
          weights: { store: 3, "tag:ecommerce": 1 }
products:
  - id: landing
    title: Landing
    description: One page
    price: { amount: 45000 }
    tags: [fast]
  - id: store
    title: Store
    description: A shop
    price: { amount: 250000 }
    tags: [ecommerce]
`

/** `text` with `from` replaced by `to`; fails loudly when `from` is not there. */
export function edit(text: string, from: string, to: string): string {
  expect(text, `the test YAML should contain ${JSON.stringify(from)}`).toContain(from)
  return text.replace(from, to)
}

/** 1-based number of the only line containing `marker`. */
export function lineWith(text: string, marker: string): number {
  const lines = text.split('\n')
  const matches = lines.flatMap((line, index) => (line.includes(marker) ? [index + 1] : []))
  expect(matches, `exactly one line should contain ${JSON.stringify(marker)}`).toHaveLength(1)
  return matches[0] as number
}

/**
 * The issues of a file that must be invalid, as the checker says them: without the kind that
 * picks an owner's words before each line (test/bot/content-import-report.test.ts reads those).
 */
export function issuesOf(yaml: string): Omit<ContentIssue, 'kind'>[] {
  const result = parseContent(yaml)
  if (result.ok) throw new Error('expected the content to be invalid, but it passed')
  return result.errors.map(({ kind: _kind, ...issue }) => issue)
}

/** Asserts one issue at `path`, on the line containing `marker`, whose message contains `message`. */
export function expectIssue(yaml: string, path: string, marker: string, message: string): void {
  const issues = issuesOf(yaml)
  expect(issues).toContainEqual({ path, line: lineWith(yaml, marker), message: expect.stringContaining(message) })
}

/**
 * `text` in the Windows-1251 encoding (Cyrillic Windows' "ANSI"), as Notepad may save it: a
 * character it has no byte for (₽, é) becomes "?".
 */
export function windows1251(text: string): Buffer {
  const decoder = new TextDecoder('windows-1251')
  const byteOf = new Map<string, number>()
  for (let byte = 0; byte < 256; byte++) byteOf.set(decoder.decode(Uint8Array.of(byte)), byte)
  return Buffer.from(Array.from(text, (char) => byteOf.get(char) ?? 0x3f))
}
