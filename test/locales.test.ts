import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LOCALES_DIR } from '../src/bot/i18n.ts'
import { SUPPORTED_LOCALES } from '../src/config.ts'

function keysOf(locale: string): Set<string> {
  const keys = new Set<string>()
  const dir = join(LOCALES_DIR, locale)
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const key = /^([a-z][a-z0-9-]*)\s*=/.exec(line)?.[1]
      if (key) {
        expect(keys.has(key), `duplicate key ${key} in ${locale}`).toBe(false)
        keys.add(key)
      }
    }
  }
  return keys
}

/** Keys the code asks for literally: t('key') / t("key"); dynamic keys are checked where they are built. */
function keysUsedInCode(): Set<string> {
  const used = new Set<string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/\bt\(\s*(?:[a-z]+,\s*)?['"]([a-z][a-z0-9-]*)['"]/g)) {
          if (m[1]) used.add(m[1])
        }
      }
    }
  }
  walk(join(LOCALES_DIR, '..'))
  walk(join(LOCALES_DIR, '../../conversations'))
  return used
}

describe('locales', () => {
  it('every locale has exactly the same keys', () => {
    const [first, ...rest] = SUPPORTED_LOCALES.map((l) => [l, [...keysOf(l)].sort()] as const)
    for (const [locale, keys] of rest) expect(keys, `keys of ${locale}`).toEqual(first?.[1])
  })

  it('every key the code uses exists', () => {
    const known = keysOf('ru')
    const missing = [...keysUsedInCode()].filter((k) => !known.has(k))
    expect(missing).toEqual([])
  })
})
