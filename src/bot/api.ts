import { autoRetry } from '@grammyjs/auto-retry'
import type { Api } from 'grammy'

/**
 * Installs on an Api (the bot's, which jobs use too) what every call needs:
 * - retries of 429 (after `retry_after`) and of 5xx/network errors with backoff;
 * - a 403 from a private chat marks the client blocked, so broadcasts and
 *   follow-ups skip them from then on.
 * Not installed inside conversations: they build their own Api, where these
 * transformers do not apply (docs/architecture.md, the stack's pitfalls).
 */
export function configureApi(api: Api, onBlocked: (telegramId: number) => void): void {
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: false }))
  // Transformers see the raw response: a failed call is `{ ok: false }` here, thrown only later
  api.config.use(async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal)
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id
    if (!res.ok && res.error_code === 403 && typeof chatId === 'number' && chatId > 0) onBlocked(chatId)
    return res
  })
}
