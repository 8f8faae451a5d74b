/**
 * What an owner reads when the content file on disk changed but is invalid: a header and a
 * hint in the owner's language around the line-by-line report. Each line opens with what is
 * wrong in a few words of the owner's language ("Нужно число — "), then the line as the loader
 * writes it (English, with its path and line), the same text the log, `npm run content:check`
 * and docs/content.md show, so one line can be looked up in the guide.
 */
import {
  type ContentIssue,
  type ContentIssueKind,
  formatContentReport,
  stoppedBeforeContent,
} from '../content/loader.ts'
import type { Content } from '../content/schema.ts'
import type { ReplacedUpload } from '../content/store.ts'
import type { Deps } from '../deps.ts'
import { describeWorkingHours, formatWhen, personLocale, quietHoursRange } from '../format.ts'
import type { LocaleKey } from '../locales/keys.ts'
import type { TranslationArgs } from './context.ts'
import { staffName } from './handoff/texts.ts'

/** The report's share of a message (Telegram takes 4096 characters): the header around it, with where the guide is, and the line after a file not read take up to some 700. */
const REPORT_MAX_CHARS = 3300

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
  t: { more: (count: number) => string; unread: string; lead: (kind: ContentIssueKind) => string },
): string {
  const report = formatContentReport(errors, { maxChars: REPORT_MAX_CHARS, more: t.more, lead: t.lead })
  return stoppedBeforeContent(errors) ? `${report}\n\n${t.unread}` : report
}

export function contentInvalidNotice(
  deps: Pick<Deps, 'i18n' | 'config' | 'content' | 'services'>,
  ownerId: number,
  errors: readonly ContentIssue[],
): string {
  const locale = personLocale(deps, ownerId)
  const more = (count: number) => deps.i18n.t(locale, 'content-report-more', { count })
  const report = ownerReport(errors, {
    more,
    unread: deps.i18n.t(locale, 'content-report-unread'),
    lead: (kind) => deps.i18n.t(locale, 'content-issue-lead', { kind }),
  })
  return deps.i18n.t(locale, 'content-invalid', { report })
}

/** The content an edit of the file on the server put in force (`next`), over `previous`. */
export interface ContentSwap {
  previous: Content
  next: Content
}

/**
 * After a report of its errors: the file is valid again — `applied` (with what it changed in
 * clients' promises, `swap`), or as it was before them (nothing to apply).
 */
export function contentFixedNotice(
  deps: Pick<Deps, 'i18n' | 'config' | 'content' | 'services'>,
  ownerId: number,
  applied: boolean,
  swap?: ContentSwap,
): string {
  const locale = personLocale(deps, ownerId)
  const text = deps.i18n.t(locale, 'content-fixed', { applied: applied ? 'yes' : 'no' })
  return applied && swap ? text + ownerPromiseChanges(deps, locale, swap) : text
}

const ownerPromiseChanges = (deps: Pick<Deps, 'i18n'>, locale: string, { previous, next }: ContentSwap) =>
  promiseChanges(previous, next, locale, (key, args) => deps.i18n.t(locale, key, args))

/**
 * The file on the server was edited and is in force now, over a file an owner sent in the chat:
 * when that one came and who sent it, and how to have it back (and, with `swap`, what the edit
 * changed in clients' promises). The owner who sent it believed it
 * in force, and nothing said otherwise.
 */
export function contentUploadReplacedNotice(
  deps: Deps,
  ownerId: number,
  replaced: ReplacedUpload,
  swap?: ContentSwap,
): string {
  const locale = personLocale(deps, ownerId)
  const when = formatWhen(replaced.at, deps.content.get().business.timezone, locale, deps.clock.now())
  const by = staffName(deps, replaced.by)
  const text = deps.i18n.t(locale, 'content-upload-replaced', { when: by ? `${when}, ${by}` : when })
  return swap ? text + ownerPromiseChanges(deps, locale, swap) : text
}

/**
 * What new content changed among the settings that change what clients are promised — the
 * working hours, the holidays, the manager's answer time, the quiet hours, the time zone — as a
 * paragraph to go under the owner's "applied" (an empty string when none changed): the owner
 * decides those promises, and "products: 5, questions: 10" did not say a new answer time was
 * taken. Only what differs from `previous`, each as it is now and as it was.
 */
export function promiseChanges(
  previous: Content,
  next: Content,
  locale: string,
  t: (key: LocaleKey, args?: TranslationArgs) => string,
): string {
  const lines: string[] = []
  const changed = (was: string, now: string, key: LocaleKey) => {
    if (was !== now) lines.push(t(key, { now, was }))
  }
  changed(describeWorkingHours(previous, locale), describeWorkingHours(next, locale), 'content-changed-hours')
  const wasOff = new Set(previous.business.holidays)
  const nowOff = new Set(next.business.holidays)
  const added = [...nowOff].filter((day) => !wasOff.has(day))
  const removed = [...wasOff].filter((day) => !nowOff.has(day))
  if (added.length > 0) lines.push(t('content-changed-holidays-added', { days: added.join(', ') }))
  if (removed.length > 0) lines.push(t('content-changed-holidays-removed', { days: removed.join(', ') }))
  changed(String(previous.handoff.sla_minutes), String(next.handoff.sla_minutes), 'content-changed-sla')
  changed(
    quietHoursRange(previous.followups.quiet_hours, locale),
    quietHoursRange(next.followups.quiet_hours, locale),
    'content-changed-quiet-hours',
  )
  changed(previous.business.timezone, next.business.timezone, 'content-changed-timezone')
  return lines.length === 0 ? '' : `\n\n${t('content-changes', { lines: lines.map((line) => `• ${line}`).join('\n') })}`
}
