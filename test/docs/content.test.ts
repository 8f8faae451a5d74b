import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { formatContentReport, parseContent } from '../../src/content/loader.ts'

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
})
