import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MIGRATIONS_FOLDER } from '../../db/migrate.ts'

/** A copy of the committed migrations up to (not including) the one whose tag ends with `tagEnd`. */
export function migrationsBefore(tagEnd: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'cd-migrations-'))
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true })
  const journalPath = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] }
  const index = journal.entries.findIndex((e) => e.tag.endsWith(tagEnd))
  if (index <= 0) throw new Error(`no migration before one tagged …${tagEnd}`)
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }))
  return folder
}
