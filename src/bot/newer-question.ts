import { flowRunning } from '../../conversations/continuation.ts'
import type { Deps } from '../deps.ts'
import { FOLLOWUP_TYPED_SCORE_MS, RATING_STANDS_MS, TYPED_SCORE_MS } from '../services/time.ts'
import type { BotContext } from './context.ts'
import { followupQuestionStanding, reviewRequestStanding, typedFollowupScore } from './features/followups.ts'
import { ratingQuestionStanding, typedRating } from './features/handoff.ts'
import {
  closeQuestionStanding,
  scoreUnderSolvedThanks,
  solvedThanksStanding,
  typedCloseAnswer,
} from './features/handoff-relay.ts'
import { chatOf, isAcknowledgement } from './handoff/message-entry.ts'

/** The longest a question below is read as standing: no word of the bot's older than that is one. */
const STANDS_AT_MOST_MS = Math.max(FOLLOWUP_TYPED_SCORE_MS, RATING_STANDS_MS, TYPED_SCORE_MS)

/**
 * Whether the client's message answers a question the bot asked after the step a flow of theirs
 * waits at, and so goes past the flow (its handlers are not run for it) to that question's reader,
 * the step waiting as it was. A flow takes what the client types next as its step's answer unless
 * the bot has asked something else since: a booking left at its day picker took the "5" typed days
 * later right under the order's check-in ("use the buttons… which day?"), and the check-in stayed
 * unanswered. The questions asked outside the flows, each read here as its own reader reads it
 * (one function for both, so a message goes past only to be taken): the check-in's and NPS's
 * score, "Is your question solved?" and the request's two ratings, a score under "glad it's
 * solved". Each is answered only while it is the bot's newest word in that chat, so a step asked
 * after it (a flow begun since, or its question asked again) gets what is typed under it. A ❤️ or a
 * 👎 alone, typed or a sticker, under a check-in or a request's rating question is its rating; a
 * thanks, a 👍 or a ❤ sticker under the others, or under the review request, is said to it too,
 * not to the step. Anything else — a day typed under the check-in — is the step's, as before.
 * (/forget's and the newsletter's typed answers are read before the flows: features/privacy.ts.)
 */
export function answersNewerQuestion(deps: Deps, ctx: BotContext): boolean {
  const { client, message } = ctx
  if (!client || !message || !flowRunning(ctx)) return false
  const { handoff } = deps.services
  // Under no word of the bot's there is no question of its to answer (from memory: most messages
  // at a step are under the step itself, read no further than the few words checks below)
  if (!handoff.botSaidLast(client.id, chatOf(message), STANDS_AT_MOST_MS)) return false
  const request = handoff.current(client.id)
  // A rating question's answer may be a sticker too (a ❤️, a 👎: `ratingAnswer`)
  if (typedFollowupScore(deps, client, message) !== undefined || typedRating(deps, ctx, client, message) !== undefined)
    return true
  if (message.text !== undefined) {
    const answers =
      (request !== undefined && typedCloseAnswer(deps, client, request, message) !== undefined) ||
      (request === undefined && scoreUnderSolvedThanks(ctx, deps, client, message) !== undefined)
    if (answers) return true
  }
  if (!isAcknowledgement(message)) return false
  return (
    followupQuestionStanding(deps, client, message) !== undefined ||
    reviewRequestStanding(deps, client, message) ||
    ratingQuestionStanding(deps, ctx, client, message) !== undefined ||
    (request !== undefined && closeQuestionStanding(deps, client, request, message) !== undefined) ||
    (request === undefined && solvedThanksStanding(ctx, deps, client, message))
  )
}
