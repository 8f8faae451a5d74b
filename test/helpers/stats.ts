/** The owner's /stats as a test reads it: the report they got, and its lines by their labels. */
import type { User } from 'grammy/types'
import { type Harness, OWNER_ID } from './harness.ts'

/**
 * The owner asks for `/stats <words>` ("7d", "30d", "сегодня"): the report they got last (the
 * message opening with its 📊 title). `from`: as whom (an owner with a name of their own: the
 * team's names are written from what they send); `language`: their Telegram language instead.
 */
export async function ownerStats(
  h: Harness,
  words = '7d',
  { from, language }: { from?: User; language?: string } = {},
): Promise<string> {
  const owner = { ...(from ?? h.u.user(OWNER_ID)), ...(language === undefined ? {} : { language_code: language }) }
  await h.send(h.u.text(owner, `/stats ${words}`))
  const report = h.fake
    .textsTo(owner.id)
    .filter((t) => t.startsWith('📊'))
    .at(-1)
  if (report === undefined) throw new Error(`no report for /stats ${words}`)
  return report
}

/** The lines of a /stats report, in order. */
export const statsLines = (report: string): string[] => report.split('\n')

/** The line of a /stats report that starts with `label` ("💬 Обращения", "📞", "⏰"), if it has one. */
export const statsLine = (report: string, label: string): string | undefined =>
  statsLines(report).find((line) => line.startsWith(label))
