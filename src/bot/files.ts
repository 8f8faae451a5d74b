import type { Api } from 'grammy'

/** A YAML file (a content file); Windows' Notepad may have added ".txt" to its name (and Explorer hide it). */
export const isYamlDocument = (doc: { file_name?: string; mime_type?: string }): boolean =>
  /\.ya?ml(\.txt)?$/i.test(doc.file_name ?? '') || /yaml/i.test(doc.mime_type ?? '')

/**
 * Text that reads as a content file pasted into a message: several `key:` lines (keys are Latin,
 * so a Russian note "Напоминание: позвонить" is none), one of them indented under another, as
 * every content file's are.
 */
export function looksLikeYaml(text: string): boolean {
  const keys = text.split('\n').filter((line) => /^\s*(- +)?[A-Za-z_][\w-]*:( |$)/.test(line))
  return keys.length >= 3 && keys.some((line) => /^\s/.test(line))
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError'
}

/**
 * Downloads a file a user sent: getFile, then the file URL on the same Bot API root
 * (a self-hosted server too) with the same `fetch` and connections the bot uses — so tests serve the
 * bytes from the fake API, and nothing here needs the network of its own.
 * @throws FileTooLargeError past `maxBytes`; Error when the download fails.
 */
export async function downloadTelegramFile(api: Api, fileId: string, maxBytes: number): Promise<Buffer> {
  const file = await api.getFile(fileId)
  if (file.file_size !== undefined && file.file_size > maxBytes) throw new FileTooLargeError(`${file.file_size} bytes`)
  if (!file.file_path) throw new Error('Telegram gave no file path (the file may be over 20 MB)')
  const root = api.options?.apiRoot ?? 'https://api.telegram.org'
  const doFetch = (api.options?.fetch ?? fetch) as typeof fetch
  const res = await doFetch(`${root}/file/bot${api.token}/${file.file_path}`, { ...api.options?.baseFetchConfig })
  if (!res.ok) throw new Error(`file download failed with HTTP ${res.status}`)
  const data = Buffer.from(await res.arrayBuffer())
  if (data.length > maxBytes) throw new FileTooLargeError(`${data.length} bytes`)
  return data
}
