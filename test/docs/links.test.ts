/**
 * The documentation holds together: every link in the README and docs/ points
 * to a file that exists and, with `#…`, to a heading in it; the README stays
 * short; nothing relies on documents outside the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = new URL('../..', import.meta.url).pathname
const DOCS = [
  join(ROOT, 'README.md'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(ROOT, 'docs', f)),
]

/** Markdown without fenced code blocks and inline code, where link syntax means nothing. */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '')
}

/** Heading anchors the way GitHub makes them: lowercased, punctuation dropped, spaces as dashes, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  const withoutCode = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
  for (const [, heading] of withoutCode.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = (heading ?? '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-')
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    result.add(n === 0 ? base : `${base}-${n}`)
  }
  return result
}

function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? '')
}

describe('the documentation', () => {
  it('has a README and the five subject files', () => {
    for (const name of ['content', 'managers', 'owners', 'operations', 'architecture']) {
      expect(existsSync(join(ROOT, 'docs', `${name}.md`)), name).toBe(true)
    }
  })

  it.each(DOCS.map((path) => [relative(ROOT, path), path]))(
    '%s links only to files and headings that exist',
    (_, path) => {
      const broken: string[] = []
      const found = links(readFileSync(path, 'utf8'))
      for (const link of found) {
        if (/^[a-z]+:/i.test(link)) continue // web and mail links
        const [file = '', anchor] = link.split('#')
        const target = file ? join(dirname(path), decodeURI(file)) : path
        if (!existsSync(target)) {
          broken.push(`${link}: no such file`)
          continue
        }
        if (anchor !== undefined && !anchors(readFileSync(target, 'utf8')).has(decodeURIComponent(anchor))) {
          broken.push(`${link}: no such heading in ${relative(ROOT, target)}`)
        }
      }
      expect(broken).toEqual([])
    },
  )

  it('checks links in the whole set (the checker itself finds them)', () => {
    const all = DOCS.flatMap((path) => links(readFileSync(path, 'utf8')))
    expect(all.filter((l) => l.includes('#')).length).toBeGreaterThan(10)
    expect(anchors('## Data: `/export`, `/mydata`\n## Data: `/export`, `/mydata`\n')).toEqual(
      new Set(['data-export-mydata', 'data-export-mydata-1']),
    )
  })

  it('keeps the README short', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(300)
  })

  it('does not rely on design notes outside the repository', () => {
    // Citations of the design documents (or their numbered pitfalls) that live outside this repository
    const citation = /\b(ARCHITECTURE|DOMAIN|PRODUCT)\.md|\.\.\/shared\/|\b[Pp]itfall \d/
    const self = new URL(import.meta.url).pathname
    const citing: string[] = []
    const check = (path: string) => {
      const name = relative(ROOT, path)
      if (path !== self && citation.test(readFileSync(path, 'utf8'))) citing.push(name)
    }
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (/\.(ts|js|md|ftl|ya?ml|service)$/.test(entry.name)) check(path)
      }
    }
    for (const dir of ['src', 'db', 'conversations', 'test', 'bench', 'docs', 'deploy']) walk(join(ROOT, dir))
    for (const file of ['README.md', 'Dockerfile', 'compose.yaml', '.env.example', '.ci/run']) check(join(ROOT, file))
    expect(citing).toEqual([])
  })
})
