import { sendDiscoverySummary } from '../src/bot/discovery-summary.ts'
import type { Deps } from '../src/deps.ts'
import { buildQuestionFlow } from './question-flow.ts'
import { requestState } from './to-manager.ts'

export const DISCOVERY_CONVERSATION = 'discovery'

/**
 * Needs discovery (see question-flow.ts: one question per run, answers stored at once).
 * An optional question can be skipped. After the last question: "Вот что я понял" with
 * Correct / Edit (handled in src/bot/features/discovery.ts, outside any conversation).
 */
export function buildDiscoveryConversation(deps: Deps) {
  const service = deps.services.discovery
  return buildQuestionFlow({
    id: DISCOVERY_CONVERSATION,
    service,
    texts: {
      empty: 'discovery-empty',
      emptyButton: 'discovery-next-manager',
      intro: 'discovery-intro',
      resume: 'discovery-resume',
      friend: 'discovery-friend',
    },
    skip: 'store-empty',
    request: (clientId) => requestState(deps.services.handoff, clientId),
    now: () => deps.clock.now(),
    finish: async (conversation, ctx, clientId) =>
      sendDiscoverySummary(ctx, await conversation.external(() => service.summary(clientId))),
  })
}
