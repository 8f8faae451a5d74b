/**
 * What an owner reads when the content file on disk changed but is invalid: a header and a
 * hint in the owner's language around the line-by-line report. The report itself stays as
 * the loader writes it (English, one line per problem with its path and line), the same
 * text the log, `npm run content:check` and docs/content.md show, so one line can be
 * looked up in the guide.
 */
import type { Deps } from '../deps.ts'
import { clientLocale } from '../format.ts'

export function contentInvalidNotice(
  deps: Pick<Deps, 'i18n' | 'config' | 'content' | 'services'>,
  ownerId: number,
  report: string,
): string {
  const locale = clientLocale(deps.services.clients.byTelegramId(ownerId), deps)
  return deps.i18n.t(locale, 'content-invalid', { report })
}
