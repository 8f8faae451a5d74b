/**
 * Quiz and product matching. `scoreQuiz` is the pure, deterministic scoring;
 * the service stores answers as they come, keeps every result as history with
 * one current result per client, and records card feedback.
 *
 * Scoring: each chosen option gives every product `optionWeightFor(option,
 * product)` points (its own weight plus its tags' weights; the rule the content
 * loader checks the threshold with). Products with at least `match_threshold`
 * points match. Ranking: matches first; among them products in stock before
 * those out of stock; then more points first; equal points keep the order of
 * the products in the content file (the owner's order is the tie-break).
 */
import {
  type AnswerMessage,
  type AnswerValue,
  answerKindOf,
  deleteAnswers,
  listAnswers,
  saveAnswer,
} from '../../db/repositories/answers.ts'
import {
  currentQuizResult,
  getQuizResult,
  lastTakeResult,
  listProductVotes,
  markQuizResultShown,
  type QuizOutcome,
  type RankedProduct,
  saveQuizResult,
  setProductVote,
  setShownCount,
  shownCount,
} from '../../db/repositories/quiz-results.ts'
import {
  type Content,
  MAX_REASONS,
  optionWeightFor,
  type Product,
  type Quiz,
  type QuizQuestion,
} from '../content/schema.ts'
import { pickText } from '../content/text.ts'
import { FUNNEL } from './funnel.ts'
import {
  currentAnswers,
  type FlowNext,
  type FlowPlan,
  type FlowQuestion,
  type FlowStep,
  firstUnanswered,
  type KnownAnswer,
  nextAfter,
  planStep,
  previousOf,
  type QuestionFlowDeps,
  questionFingerprint,
  quizFlowQuestions,
  standsAt,
} from './questions.ts'
import { introducingKnown, shareAnswer, takeKnownAnswers } from './shared-answers.ts'

export type { QuizOutcome, RankedProduct } from '../../db/repositories/quiz-results.ts'

/** Cards per batch: two options, and two more on request ("narrow to two"). */
export const CARDS_PER_BATCH = 2

export interface QuizScore {
  ranking: RankedProduct[]
  outcome: QuizOutcome
}

/** The options a stored answer chose, in the question's option order (so the result never depends on tap order). */
function chosenOptions(question: QuizQuestion, value: AnswerValue | undefined) {
  const values = new Set(Array.isArray(value) ? value : value === undefined ? [] : [String(value)])
  return question.options.filter((option) => values.has(option.value))
}

/**
 * Scores every product against the answers (question key → option value(s)).
 * Deterministic: the same content and answers give the same ranking. Outcome:
 * `no_match` when no product reaches the threshold; `tie` when the first two
 * products both match, are both in stock (or both not) and have equal points;
 * `match` otherwise. `reasons` are the chosen options' `reason` texts in
 * `locale`, biggest contribution first.
 */
export function scoreQuiz(
  quiz: Pick<Quiz, 'questions' | 'match_threshold'>,
  products: readonly Product[],
  answers: Readonly<Record<string, AnswerValue>>,
  locale: string,
): QuizScore {
  const scored = products.map((product, index) => {
    let score = 0
    const contributions: (RankedProduct['contributions'][number] & { reason?: string })[] = []
    const against: NonNullable<RankedProduct['against']> = []
    for (const question of quiz.questions) {
      for (const option of chosenOptions(question, answers[question.key])) {
        const points = optionWeightFor(option, product)
        score += points
        if (points < 0) against.push({ question: question.key, option: option.value, points })
        if (points > 0) {
          contributions.push({
            question: question.key,
            option: option.value,
            points,
            ...(option.reason ? { reason: pickText(option.reason, locale) } : {}),
          })
        }
      }
    }
    // Stable sort: equal contributions keep the question order
    contributions.sort((a, b) => b.points - a.points)
    against.sort((a, b) => a.points - b.points)
    const reasons = [...new Set(contributions.flatMap((c) => (c.reason ? [c.reason] : [])))].slice(0, MAX_REASONS)
    const ranked: RankedProduct = {
      productId: product.id,
      score,
      matched: score >= quiz.match_threshold,
      inStock: product.in_stock,
      contributions: contributions.map(({ question, option, points }) => ({ question, option, points })),
      reasons,
      ...(against.length > 0 ? { against } : {}),
    }
    return { ranked, index }
  })
  scored.sort(
    (a, b) =>
      Number(b.ranked.matched) - Number(a.ranked.matched) ||
      Number(b.ranked.inStock) - Number(a.ranked.inStock) ||
      b.ranked.score - a.ranked.score ||
      a.index - b.index,
  )
  const ranking = scored.map((s) => s.ranked)
  const [first, second] = ranking
  let outcome: QuizOutcome = 'match'
  if (!first?.matched) outcome = 'no_match'
  else if (second?.matched && second.inStock === first.inStock && second.score === first.score) outcome = 'tie'
  return { ranking, outcome }
}

/** A card to show: the product as the content file has it now, with why it fits and the client's vote. */
export interface ProductCard {
  product: Product
  /** The product's photo, unless Telegram refused it for this version of the content file. */
  photo?: string
  score: number
  reasons: string[]
  /** The client's answers that speak against it, as their options' reasons ("бюджет до 60 тыс."). */
  caveats: string[]
  vote?: number
}

export interface ResultBatch {
  resultId: number
  outcome: QuizOutcome
  cards: ProductCard[]
  /** Where this batch starts among the result's stored matches (0: the first batch). */
  offset: number
  /** Where the next batch starts ("Show more"): past this batch's cards and any removed product among them. */
  next: number
  /** Matching products not shown yet. */
  remaining: number
  /** The best match can be ordered now (false: all matches are out of stock). */
  bestInStock: boolean
}

export type VoteResult =
  | { status: 'saved' | 'same'; vote: 1 | -1; allShownRejected: boolean; remaining: number; offset: number }
  | { status: 'old' }
  | { status: 'stale' }

export type QuizPlan = FlowPlan | { kind: 'results' }

/** A tap on a question's button: an option (by index), "Keep as it is", or "Done" with the ticks on screen. */
export type AnswerTap = { kind: 'option'; index: number } | { kind: 'keep' } | { kind: 'done'; ticked?: number[] }

export type QuizService = ReturnType<typeof createQuizService>

/** A product photo Telegram refused is left off the cards this long, then tried again. */
const PHOTO_RETRY_MS = 3_600_000

export function createQuizService(deps: QuestionFlowDeps) {
  const { db, clock, content, clients, nudges } = deps
  const questions = (): readonly FlowQuestion[] => quizFlowQuestions(content.get().quiz.questions)
  const answersOf = (clientId: number) => currentAnswers(questions(), listAnswers(db, clientId, 'quiz'))
  /**
   * Photos Telegram refused (a broken link, an expired file id), and when, per loaded version of
   * the content file: the cards go without them for an hour instead of failing once more for
   * each client (an image host down for a while is tried again), and a new version (the owner
   * fixed the link) tries them at once. The owners hear of a photo once per version.
   */
  const refusedPhotos = new WeakMap<Content, Map<string, number>>()
  function refused(): Map<string, number> {
    const current = content.get()
    const map = refusedPhotos.get(current) ?? new Map<string, number>()
    refusedPhotos.set(current, map)
    return map
  }
  const photoUsable = (photo: string) =>
    clock.now() - (refused().get(photo) ?? Number.NEGATIVE_INFINITY) >= PHOTO_RETRY_MS

  /** The client's own result, or undefined (another client's id in forged button data). */
  function ownResult(clientId: number, resultId: number) {
    const result = getQuizResult(db, resultId)
    return result && result.clientId === clientId ? result : undefined
  }

  /** The chosen options' reasons, re-read from the content so a client who switched language sees theirs. */
  function reasonTexts(answers: readonly { question: string; option: string }[], locale: string): string[] {
    const quiz = content.get().quiz
    const texts = answers.flatMap(({ question, option }) => {
      const reason = quiz.questions.find((q) => q.key === question)?.options.find((o) => o.value === option)?.reason
      return reason ? [pickText(reason, locale)] : []
    })
    return [...new Set(texts)].slice(0, MAX_REASONS)
  }

  function reasonsFor(rank: RankedProduct, locale: string): string[] {
    const texts = reasonTexts(rank.contributions, locale)
    return texts.length > 0 ? texts : rank.reasons
  }

  const lastTake = (clientId: number) => lastTakeResult(db, clientId)

  /**
   * The result's matches as stored, best first, and whether each is still in the content
   * file. Positions in "Show more" and the shown count are counted in this list, which never
   * changes: a product removed since is skipped where it stands, and the others keep theirs.
   */
  function matchesOf(result: { ranking: RankedProduct[] }) {
    const products = new Map(content.get().products.map((p) => [p.id, p]))
    const matches = result.ranking.filter((r) => r.matched)
    const offered = (from: number, to = matches.length) =>
      matches.slice(from, to).filter((r) => products.has(r.productId))
    return { products, matches, offered }
  }

  function batch(clientId: number, resultId: number, offset: number, locale: string): ResultBatch | undefined {
    const result = ownResult(clientId, resultId)
    if (!result) return undefined
    const { products, matches, offered } = matchesOf(result)
    const picked: RankedProduct[] = []
    let next = offset
    while (next < matches.length && picked.length < CARDS_PER_BATCH) {
      const rank = matches[next++] as RankedProduct
      // A product removed from the content file since is not offered any more
      if (products.has(rank.productId)) picked.push(rank)
    }
    const votes = listProductVotes(db, resultId)
    const cards = picked.map((rank) => {
      const vote = votes.get(rank.productId)
      const product = products.get(rank.productId) as Product
      return {
        product,
        ...(product.photo && photoUsable(product.photo) ? { photo: product.photo } : {}),
        score: rank.score,
        reasons: reasonsFor(rank, locale),
        caveats: reasonTexts(rank.against ?? [], locale),
        ...(vote !== undefined ? { vote } : {}),
      }
    })
    if (next > shownCount(db, resultId)) setShownCount(db, resultId, next)
    return {
      resultId,
      outcome: result.outcome,
      cards,
      offset,
      next,
      remaining: offered(next).length,
      bestInStock: offered(0)[0]?.inStock ?? false,
    }
  }

  return {
    /**
     * Which question a run asks. Starting after the client's last answers got their result
     * means a new take: the answers are cleared (the stored results keep the history), even
     * when the owner has added a question since — it is not asked on its own with the old
     * answers. Starting with every question answered and no result for them (the bot stopped
     * in between), or with a result the client never got, shows the results; otherwise the
     * take goes on where it stopped.
     */
    plan(clientId: number, step: FlowStep): QuizPlan {
      const all = questions()
      let answers = answersOf(clientId)
      let known: KnownAnswer[] = []
      if (step.mode === 'start' && all.length > 0) {
        const take = lastTake(clientId)
        // A result the client never got (its send failed) is shown again rather than a new take
        if (take?.shownAt === null) return { kind: 'results' }
        if (take) {
          deleteAnswers(db, clientId, 'quiz')
          answers = new Map()
        } else if (firstUnanswered(all, answers) < 0) return { kind: 'results' }
        if (answers.size === 0) known = takeKnownAnswers(deps, 'quiz', clientId, content.get(), all)
        if (known.length > 0) answers = answersOf(clientId)
      }
      const plan = introducingKnown(planStep('quiz', all, answers, step), known)
      if (plan.kind === 'ask' && plan.intro) nudges.arm(clientId, 'quiz', { restart: plan.intro === 'fresh' })
      return plan
    },

    /** The current take has an answer (the nudge says "answers saved" only then). */
    hasAnswers(clientId: number): boolean {
      return answersOf(clientId).size > 0
    },

    /** "Take again": the answers are cleared, so the next start asks every question (the results stay as history). */
    newTake(clientId: number): void {
      deleteAnswers(db, clientId, 'quiz')
    },

    fingerprint(key: string): string | undefined {
      const question = questions().find((q) => q.key === key)
      return question ? questionFingerprint(question) : undefined
    },

    /** Stores an answer and says what comes next; `from` is the message a typed answer came in. */
    answer(
      clientId: number,
      key: string,
      value: AnswerValue,
      mode: { walk?: boolean } = {},
      from?: AnswerMessage,
    ): FlowNext {
      if (!questions().some((q) => q.key === key)) return { mode: 'ask', key }
      saveAnswer(db, { clientId, kind: 'quiz', questionKey: key, value }, clock.now(), from)
      shareAnswer(deps, 'quiz', clientId, content.get(), key, value)
      const next = nextAfter(questions(), answersOf(clientId), key, mode)
      if (next.mode === 'ask') nudges.arm(clientId, 'quiz')
      return next
    },

    /** The client's message gave one of the answers of their current take (typed). */
    answeredWith(clientId: number, from: AnswerMessage): boolean {
      return answerKindOf(db, clientId, from) === 'quiz'
    },

    keep(clientId: number, key: string, mode: { walk?: boolean } = {}): FlowNext {
      const next = nextAfter(questions(), answersOf(clientId), key, mode)
      if (next.mode === 'ask') nudges.arm(clientId, 'quiz')
      return next
    },

    back(key: string): FlowNext | undefined {
      return previousOf(questions(), key)
    },

    /**
     * Scores the answers, stores the result as the current one (history kept),
     * moves the client to `presentation`, records `quiz_done`, cancels the nudge
     * and returns the first batch of cards. A result stored for these answers that never
     * reached the client is returned again instead: the take has one result.
     */
    finish(clientId: number, locale: string): ResultBatch {
      const take = lastTake(clientId)
      if (take?.shownAt === null) return batch(clientId, take.id, 0, locale) as ResultBatch
      const { quiz, products } = content.get()
      const answers = Object.fromEntries(answersOf(clientId))
      const { ranking, outcome } = scoreQuiz(quiz, products, answers, locale)
      const resultId = saveQuizResult(db, { clientId, answers, ranking, outcome }, clock.now())
      const client = clients.get(clientId)
      if (client) clients.advanceStage(client, 'presentation')
      clients.recordEvent(clientId, FUNNEL.quizDone, { resultId, outcome })
      nudges.disarm(clientId, 'quiz')
      return batch(clientId, resultId, 0, locale) as ResultBatch
    },

    /** The result's first batch reached the client: the next start is a new take. */
    shown(resultId: number): void {
      markQuizResultShown(db, resultId, clock.now())
    },

    /**
     * "Show more": the next batch after `offset`. `shown` when that batch was
     * already sent (a double tap); `old` for a result that is no longer current.
     */
    more(clientId: number, resultId: number, offset: number, locale: string): ResultBatch | 'old' | 'stale' | 'shown' {
      const result = ownResult(clientId, resultId)
      if (!result) return 'stale'
      if (!result.isCurrent) return 'old'
      if (shownCount(db, resultId) > offset) return 'shown'
      return batch(clientId, resultId, offset, locale) ?? 'stale'
    },

    /** 👍/👎 on a card of the client's current result; a repeated tap changes nothing. */
    vote(clientId: number, resultId: number, productId: string, vote: 1 | -1): VoteResult {
      const result = ownResult(clientId, resultId)
      if (!result) return { status: 'stale' }
      if (!result.ranking.some((r) => r.productId === productId && r.matched)) return { status: 'stale' }
      if (!result.isCurrent) return { status: 'old' }
      const changed = setProductVote(db, resultId, productId, vote, clock.now())
      // The card lists the options the client rejected
      if (changed) clients.recordEvent(clientId, 'product_vote', { resultId, productId, vote })
      const shown = shownCount(db, resultId)
      const { offered } = matchesOf(result)
      const shownNow = offered(0, shown)
      const votes = listProductVotes(db, resultId)
      return {
        status: changed ? 'saved' : 'same',
        vote,
        allShownRejected: shownNow.length > 0 && shownNow.every((r) => votes.get(r.productId) === -1),
        remaining: offered(shown).length,
        offset: shown,
      }
    },

    /**
     * Telegram refused a product's photo: the cards go without it for a while (`PHOTO_RETRY_MS`).
     * True the first time in this content version (whoever tells the owners tells them once).
     */
    photoRefused(photo: string): boolean {
      const map = refused()
      const known = map.has(photo)
      map.set(photo, clock.now())
      return !known
    },

    /** A product of one of the client's results, for "Details". */
    /**
     * A product of the client's own result, for its card's buttons; `removed` when the owner
     * took it out of the content since (the card is still in the chat).
     */
    product(clientId: number, resultId: number, productId: string): Product | 'removed' | undefined {
      const result = ownResult(clientId, resultId)
      if (!result?.ranking.some((r) => r.productId === productId)) return undefined
      return content.get().products.find((p) => p.id === productId) ?? 'removed'
    },

    /**
     * Unanswered questions left in the current take, or its result the client never got
     * (for a stray button of an old question: the quiz goes on, or shows that result).
     */
    isUnfinished(clientId: number): boolean {
      const all = questions()
      if (all.length === 0) return false
      const take = lastTake(clientId)
      if (take) return take.shownAt === null
      return firstUnanswered(all, answersOf(clientId)) >= 0
    },

    /**
     * A tap on a question's button, once the take has its result, gives the answer stored for
     * that question (a second tap on it), so "already recorded" is true: the chosen option of a
     * one-answer question, "Keep as it is", or "Done" under the ticks that were stored (`ticked`:
     * the option indexes ticked on the tapped message, undefined when its buttons gave way to
     * the answer). Another option, a toggle, Back, or a question changed or gone since is not:
     * no answer changes after the results but by a new take.
     */
    repeatsAnswer(clientId: number, key: string, fingerprint: string, tap: AnswerTap): boolean {
      const question = questions().find((q) => q.key === key)
      if (!question || questionFingerprint(question) !== fingerprint) return false
      const stored = answersOf(clientId).get(key)
      if (stored === undefined) return false
      if (tap.kind === 'keep') return true
      const multi = question.type === 'multi'
      if (tap.kind === 'option') return !multi && question.options[tap.index]?.value === stored
      if (!multi || !Array.isArray(stored)) return false
      if (tap.ticked === undefined) return true
      const ticked = question.options.filter((_, index) => tap.ticked?.includes(index)).map((o) => o.value)
      return ticked.length === stored.length && ticked.every((value) => stored.includes(value))
    },

    /** A question's button is for the question the client's take stands at (see `standsAt`). */
    standsAt(clientId: number, key: string, fingerprint: string): boolean {
      return lastTake(clientId) === undefined && standsAt(questions(), answersOf(clientId), key, fingerprint)
    },

    /** A result was stored at or after `since` (UTC ms): the quiz the nudge is about was finished. */
    finishedSince(clientId: number, since: number): boolean {
      const current = currentQuizResult(db, clientId)
      return current !== undefined && current.createdAt >= since
    },
  }
}
