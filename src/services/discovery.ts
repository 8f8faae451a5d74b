/**
 * Needs discovery: the content file's questions, one at a
 * time. Every answer is stored the moment it is given, so the client always
 * continues at the first unanswered question. Finishing moves the client to
 * the `discovery` stage, records the funnel event and cancels the nudge.
 */
import {
  type AnswerMessage,
  type AnswerValue,
  answerKindOf,
  listAnswers,
  saveAnswer,
} from '../../db/repositories/answers.ts'
import { updateClient } from '../../db/repositories/clients.ts'
import { hasEvent } from '../../db/repositories/events.ts'
import type { DiscoveryQuestion, DiscoveryQuestionType, Text } from '../content/schema.ts'
import { FUNNEL } from './funnel.ts'
import {
  answeredAt,
  currentAnswers,
  type FlowNext,
  type FlowPlan,
  type FlowStep,
  firstUnanswered,
  isBirthdayQuestion,
  isGiven,
  nextAfter,
  planStep,
  previousOf,
  type QuestionFlowDeps,
  questionFingerprint,
  standsAt,
} from './questions.ts'
import { introducingKnown, shareAnswer, takeKnownAnswers } from './shared-answers.ts'

/** One line of "Вот что я понял": the question and the stored answer (undefined when skipped). */
export interface SummaryItem {
  key: string
  type: DiscoveryQuestionType
  text: Text
  options: { value: string; label: Text }[]
  value?: AnswerValue
}

export type DiscoveryService = ReturnType<typeof createDiscoveryService>

export function createDiscoveryService(deps: QuestionFlowDeps) {
  const { db, clock, content, clients, nudges } = deps
  const questions = (): DiscoveryQuestion[] => content.get().discovery.questions
  const answersOf = (clientId: number) => currentAnswers(questions(), listAnswers(db, clientId, 'discovery'))
  const isComplete = (clientId: number) => {
    const all = questions()
    return all.length > 0 && firstUnanswered(all, answersOf(clientId)) < 0
  }

  /** Next step after an answer or a "keep"; finishing the last open question completes the discovery. */
  function proceed(
    clientId: number,
    key: string,
    before: ReadonlyMap<string, AnswerValue>,
    after: ReadonlyMap<string, AnswerValue>,
    mode: { walk?: boolean; edit?: boolean },
  ): FlowNext {
    const all = questions()
    const next = nextAfter(all, after, key, mode)
    const wasComplete = firstUnanswered(all, before) < 0
    if (next.mode === 'done' && !wasComplete) complete(clientId)
    else if (next.mode === 'ask') nudges.arm(clientId, 'discovery')
    return next
  }

  /** Every question answered: stage `discovery`, the funnel event, no more nudge. */
  function complete(clientId: number): void {
    const client = clients.get(clientId)
    if (client) clients.advanceStage(client, 'discovery')
    clients.recordEvent(clientId, FUNNEL.discoveryDone)
    nudges.disarm(clientId, 'discovery')
  }

  return {
    /** Which question a conversation run asks; arms the nudge when the client starts or comes back. */
    plan(clientId: number, step: FlowStep): FlowPlan {
      let answers = answersOf(clientId)
      // Started with nothing answered: what the quiz already asked is taken, not asked again
      const known =
        step.mode === 'start' && answers.size === 0
          ? takeKnownAnswers(deps, 'discovery', clientId, content.get(), questions())
          : []
      if (known.length > 0) answers = answersOf(clientId)
      const planned = introducingKnown(planStep('discovery', questions(), answers, step), known)
      // A date typed without its year counts from the business's today, not UTC's; a phone number
      // without its country code is read as dialled where the client is, when they said (/timezone)
      const timeZone = content.get().business.timezone
      const clientTimeZone = clients.get(clientId)?.timezone ?? undefined
      const plan =
        planned.kind === 'ask' ? { ...planned, question: { ...planned.question, timeZone, clientTimeZone } } : planned
      if (plan.kind === 'ask' && plan.intro) nudges.arm(clientId, 'discovery', { restart: plan.intro === 'fresh' })
      // Complete without a last answer: the content file dropped the only open question
      if (plan.kind === 'done' && !hasEvent(db, clientId, FUNNEL.discoveryDone)) complete(clientId)
      return plan
    },

    /** The question's fingerprint in the content as it is now; undefined when it was removed. */
    fingerprint(key: string): string | undefined {
      const question = questions().find((q) => q.key === key)
      return question ? questionFingerprint(question) : undefined
    },

    /**
     * Stores an answer ('' for a skipped question) and says what comes next; `from` is the
     * message a typed answer came in. A phone or e-mail answer also becomes the client's
     * contact; a `birthday` date, their birthday.
     */
    answer(
      clientId: number,
      key: string,
      value: AnswerValue,
      mode: { walk?: boolean; edit?: boolean } = {},
      from?: AnswerMessage,
    ): FlowNext {
      const question = questions().find((q) => q.key === key)
      if (!question) return { mode: 'ask', key } // removed meanwhile: the plan falls back to the first open question
      const before = answersOf(clientId)
      saveAnswer(db, { clientId, kind: 'discovery', questionKey: key, value }, clock.now(), from)
      shareAnswer(deps, 'discovery', clientId, content.get(), key, value)
      if (isGiven(value) && question.type === 'phone') updateClient(db, clientId, { phone: String(value) })
      if (isGiven(value) && question.type === 'email') updateClient(db, clientId, { email: String(value) })
      // A date question keyed `birthday` is how a client knowingly gives it (for the greeting)
      if (isGiven(value) && isBirthdayQuestion(question)) {
        updateClient(db, clientId, { birthday: String(value) })
      }
      // An answer of a finished discovery changed: the card shows the answers (on the way
      // there they reach it once, with discovery_done, not one edit of the card per answer)
      if (firstUnanswered(questions(), before) < 0) clients.recordEvent(clientId, 'discovery_edited', { key })
      return proceed(clientId, key, before, new Map(before).set(key, value), mode)
    },

    /** The client's message gave one of their stored discovery answers (typed). */
    answeredWith(clientId: number, from: AnswerMessage): boolean {
      return answerKindOf(db, clientId, from) === 'discovery'
    },

    /** "Keep as it is" on an answered question. */
    keep(clientId: number, key: string, mode: { walk?: boolean; edit?: boolean } = {}): FlowNext {
      const answers = answersOf(clientId)
      return proceed(clientId, key, answers, answers, mode)
    },

    back(key: string): FlowNext | undefined {
      return previousOf(questions(), key)
    },

    summary(clientId: number): SummaryItem[] {
      const answers = answersOf(clientId)
      return questions().map((q) => ({
        key: q.key,
        type: q.type,
        text: q.text,
        options: q.options.map((o) => ({ value: o.value, label: o.label })),
        ...(isGiven(answers.get(q.key)) ? { value: answers.get(q.key) } : {}),
      }))
    },

    /** Every current question has an answer (or was skipped). */
    isComplete,

    /** A current question has an answer (the nudge says "answers saved" only then). */
    hasAnswers(clientId: number): boolean {
      return answersOf(clientId).size > 0
    },

    /** A question's button is for the question the client stands at (see `standsAt`). */
    standsAt(clientId: number, key: string, fingerprint: string): boolean {
      return standsAt(questions(), answersOf(clientId), key, fingerprint)
    },

    /** A question's button is for a question the client answered (see `answeredAt`). */
    answeredAt(clientId: number, key: string, fingerprint: string): boolean {
      return answeredAt(questions(), answersOf(clientId), key, fingerprint)
    },

    /** The client picked an option marked `handoff: true` ("detailed, with a person"). */
    wantsPerson(clientId: number): boolean {
      const answers = answersOf(clientId)
      return questions().some((q) => {
        const value = answers.get(q.key)
        const chosen = Array.isArray(value) ? value : [value]
        return q.options.some((o) => o.handoff && chosen.includes(o.value))
      })
    },
  }
}
