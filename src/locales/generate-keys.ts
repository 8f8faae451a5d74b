/**
 * Writes src/locales/keys.ts: the union of every message key in the .ftl files, so a key
 * that no locale defines does not type-check, whether it is written in `ctx.t(…)`, a staff
 * translator, a ternary or a notice `{ key: … }`. Run `npm run locales:keys` after adding
 * or removing a key; test/locales.test.ts fails while the file is out of date.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// No trailing slash: the i18n plugin names locales after the folder of each .ftl file
export const LOCALES_DIR = dirname(fileURLToPath(import.meta.url))
export const KEYS_FILE = join(LOCALES_DIR, 'keys.ts')
/** The locale whose keys are the reference; the test checks every other locale has the same ones. */
const REFERENCE_LOCALE = 'ru'

/** Message keys of one locale (`key = …` at the start of a line), with the file each is in. */
export function messageKeys(locale: string): Map<string, string> {
  return new Map([...messages(locale)].map(([key, { file }]) => [key, file]))
}

/**
 * The variables each message of one locale uses (`{ $name }`, selectors included): a
 * translation that names another variable than the reference shows it raw to the client.
 */
export function messageVariables(locale: string): Map<string, string[]> {
  return new Map(
    [...messages(locale)].map(([key, { text }]) => [
      key,
      [...new Set([...text.matchAll(/\$([a-zA-Z][\w-]*)/g)].map((m) => m[1] ?? ''))].sort(),
    ]),
  )
}

/** Each message of a locale: its file and its whole text (indented and blank lines continue it). */
function messages(locale: string): Map<string, { file: string; text: string }> {
  const found = new Map<string, { file: string; text: string }>()
  const dir = join(LOCALES_DIR, locale)
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
    let current: { file: string; text: string } | undefined
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const start = /^([a-zA-Z][a-zA-Z0-9_-]*)\s*=(.*)$/.exec(line)
      if (start) {
        const key = start[1] as string
        const seen = found.get(key)
        if (seen) throw new Error(`Duplicate message key "${key}" in ${locale}/${file} (also in ${seen.file})`)
        current = { file, text: start[2] ?? '' }
        found.set(key, current)
      } else if (current && (line.trim() === '' || /^\s/.test(line))) current.text += `\n${line}`
      else current = undefined // a comment, a term or anything else at the margin ends the message
    }
  }
  return found
}

/** The text of keys.ts for the .ftl files as they are now. */
export function renderKeysModule(): string {
  const keys = [...messageKeys(REFERENCE_LOCALE).keys()].sort()
  return [
    `// Generated from src/locales/${REFERENCE_LOCALE}/*.ftl by \`npm run locales:keys\` (src/locales/generate-keys.ts).`,
    '// Do not edit: test/locales.test.ts fails when this file is not what the .ftl files give.',
    '',
    '/** Every message key the locale files define. */',
    'export type LocaleKey =',
    ...keys.map((key) => `  | '${key}'`),
    '',
  ].join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(KEYS_FILE, renderKeysModule())
  console.log(`Wrote ${KEYS_FILE}`)
}
