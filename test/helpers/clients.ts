/**
 * Puts clients straight into the database for owner-side tests (broadcast segments,
 * exports, stats), through the real services where a service exists.
 */
import { updateClient } from '../../db/repositories/clients.ts'
import { type ClientRow, clientTags, quizResults, type Stage } from '../../db/schema.ts'
import type { Deps } from '../../src/deps.ts'

export interface SeedClient {
  firstName?: string
  username?: string
  consent?: boolean
  language?: string
  stage?: Stage
  tags?: string[]
  /** The current quiz result ranks this product first. */
  topProduct?: string
  lastSeenAt?: number
  optedOut?: boolean
  blocked?: boolean
  forgotten?: boolean
  phone?: string
}

export function seedClient(deps: Deps, telegramId: number, seed: SeedClient = {}): ClientRow {
  const { client } = deps.services.clients.touch({
    telegramId,
    firstName: seed.firstName ?? `Client${telegramId}`,
    lastName: null,
    username: seed.username ?? null,
    languageCode: seed.language ?? 'ru',
  })
  deps.services.clients.setLanguage(client.id, seed.language ?? 'ru', true)
  if (seed.consent ?? true) deps.services.clients.answerConsent(client.id, true)
  if (seed.optedOut) deps.services.clients.optOut(client.id)
  if (seed.stage) deps.services.clients.advanceStage(client, seed.stage)
  if (seed.lastSeenAt !== undefined) updateClient(deps.db, client.id, { lastSeenAt: seed.lastSeenAt })
  if (seed.phone) updateClient(deps.db, client.id, { phone: seed.phone })
  for (const tag of seed.tags ?? []) {
    deps.db.insert(clientTags).values({ clientId: client.id, tag, createdAt: deps.clock.now() }).run()
  }
  if (seed.topProduct) {
    deps.db
      .insert(quizResults)
      .values({
        clientId: client.id,
        answers: {},
        ranking: [{ productId: seed.topProduct, score: 5, reasons: [] }],
        outcome: 'match',
        createdAt: deps.clock.now(),
      })
      .run()
  }
  if (seed.blocked) deps.services.clients.markBlocked(telegramId)
  if (seed.forgotten) deps.services.erasure.erase(client.id)
  return deps.services.clients.get(client.id) as ClientRow
}
