/**
 * What an owner reads when the content file on disk changed but is invalid: a header and a
 * hint in the owner's language around the line-by-line report. The report itself stays as
 * the loader writes it (English, one line per problem with its path and line), the same
 * text the log, `npm run content:check` and docs/content.md show, so one line can be
 * looked up in the guide.
 */
import { type ContentIssue, formatContentReport, stoppedBeforeContent } from '../content/loader.ts'
import type { ReplacedUpload } from '../content/store.ts'
import type { Deps } from '../deps.ts'
import { formatWhen, personLocale } from '../format.ts'
import { staffName } from './handoff/texts.ts'

/** The report's share of a message (Telegram takes 4096 characters); the header around it takes the rest. */
const REPORT_MAX_CHARS = 3500

/**
 * The report as owners get it in Telegram, for a file edited on the server and for an
 * uploaded one alike: as many whole lines as one message holds, then "…and N more" in the
 * owner's language — fix these and the next check shows the rest (an owner who sent the
 * file from their phone cannot run `npm run content:check`; the log has the report whole).
 * A file that could not be read at all gets `unread` after it: its one syntax error is not
 * all there is, only all that could be found.
 */
export function ownerReport(
  errors: readonly ContentIssue[],
  t: { more: (count: number) => string; unread: string },
): string {
  const report = formatContentReport(errors, { maxChars: REPORT_MAX_CHARS, more: t.more })
  return stoppedBeforeContent(errors) ? `${report}\n\n${t.unread}` : report
}

export function contentInvalidNotice(
  deps: Pick<Deps, 'i18n' | 'config' | 'content' | 'services'>,
  ownerId: number,
  errors: readonly ContentIssue[],
): string {
  const locale = personLocale(deps, ownerId)
  const more = (count: number) => deps.i18n.t(locale, 'content-report-more', { count })
  const report = ownerReport(errors, { more, unread: deps.i18n.t(locale, 'content-report-unread') })
  return deps.i18n.t(locale, 'content-invalid', { report })
}

/** After a report of its errors: the file is valid again — `applied`, or as it was before them (nothing to apply). */
export function contentFixedNotice(
  deps: Pick<Deps, 'i18n' | 'config' | 'content' | 'services'>,
  ownerId: number,
  applied: boolean,
): string {
  return deps.i18n.t(personLocale(deps, ownerId), 'content-fixed', { applied: applied ? 'yes' : 'no' })
}

/**
 * The file on the server was edited and is in force now, over a file an owner sent in the chat:
 * when that one came and who sent it, and how to have it back. The owner who sent it believed it
 * in force, and nothing said otherwise.
 */
export function contentUploadReplacedNotice(deps: Deps, ownerId: number, replaced: ReplacedUpload): string {
  const locale = personLocale(deps, ownerId)
  const when = formatWhen(replaced.at, deps.content.get().business.timezone, locale, deps.clock.now())
  const by = staffName(deps, replaced.by)
  return deps.i18n.t(locale, 'content-upload-replaced', { when: by ? `${when}, ${by}` : when })
}
