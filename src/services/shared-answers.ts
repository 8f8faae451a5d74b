/**
 * Questions asked in both flows: "Tell us what you need" and the quiz may both ask about the
 * deadline and the budget. A quiz question names its twin in discovery (`same_as` in the
 * content file), and a flow started afresh takes what the client already answered there
 * instead of asking again: the client never repeats themselves. The answers are stored as the
 * flow's own (the card, the summary and the quiz's scoring read them as if given there), and
 * the client is shown what was taken, to change with Back if it no longer holds. An answer
 * given or changed later in one flow follows into the other while that one is under way or
 * done (`shareAnswer`), where the mapping gives one: the latest answer then holds in both.
 */
import { type AnswerValue, listAnswers, saveAnswer } from '../../db/repositories/answers.ts'
import { lastTakeResult } from '../../db/repositories/quiz-results.ts'
import type { Content, QuizQuestion } from '../content/schema.ts'
import {
  currentAnswers,
  type FlowPlan,
  type FlowQuestion,
  firstUnanswered,
  isGiven,
  type KnownAnswer,
  type QuestionFlow,
  type QuestionFlowDeps,
  quizFlowQuestions,
} from './questions.ts'

/** The plan of a flow that started with answers taken: still a fresh start, with what was taken. */
export function introducingKnown<Plan extends FlowPlan | { kind: 'results' }>(plan: Plan, known: KnownAnswer[]): Plan {
  return plan.kind === 'ask' && known.length > 0 ? { ...plan, intro: 'fresh', known } : plan
}

/** A quiz question's answer for each answer of its discovery twin (`same_as.answers`; none: the same values). */
function toQuizValues(question: QuizQuestion): Map<string, string> {
  const link = question.same_as
  if (!link) return new Map()
  if (link.answers) return new Map(Object.entries(link.answers))
  return new Map(question.options.map((option) => [option.value, option.value]))
}

/**
 * What `other` (the other flow's answers) already says for `flow`'s questions, by their key.
 * From the quiz to discovery an answer is taken only when one discovery answer maps to it (two
 * mapped to one quiz answer: the discovery question is asked, not guessed).
 */
export function knownAnswers(
  flow: QuestionFlow,
  quiz: readonly QuizQuestion[],
  other: ReadonlyMap<string, AnswerValue>,
): Map<string, string> {
  const known = new Map<string, string>()
  for (const question of quiz) {
    const twin = question.same_as?.discovery
    if (twin === undefined) continue
    const toQuiz = toQuizValues(question)
    if (flow === 'quiz') {
      const given = other.get(twin)
      const value = typeof given === 'string' ? toQuiz.get(given) : undefined
      if (value !== undefined) known.set(question.key, value)
    } else {
      const given = other.get(question.key)
      const sources = [...toQuiz].filter(([, value]) => value === given).map(([source]) => source)
      if (sources.length === 1) known.set(twin, sources[0] as string)
    }
  }
  return known
}

/** A flow's questions as the flow helpers see them (every quiz question must be answered). */
function questionsOf(flow: QuestionFlow, content: Pick<Content, 'discovery' | 'quiz'>): readonly FlowQuestion[] {
  return flow === 'discovery' ? content.discovery.questions : quizFlowQuestions(content.quiz.questions)
}

/**
 * For a flow started with nothing answered: stores the answers the other flow already gave
 * to the same questions as this flow's and returns them, in the order of `questions`, for the
 * client to see.
 */
export function takeKnownAnswers(
  deps: Pick<QuestionFlowDeps, 'db' | 'clock'>,
  flow: QuestionFlow,
  clientId: number,
  content: Pick<Content, 'discovery' | 'quiz'>,
  questions: readonly FlowQuestion[],
): KnownAnswer[] {
  const otherFlow: QuestionFlow = flow === 'quiz' ? 'discovery' : 'quiz'
  const other = currentAnswers(questionsOf(otherFlow, content), listAnswers(deps.db, clientId, otherFlow))
  const known = knownAnswers(flow, content.quiz.questions, other)
  const taken: KnownAnswer[] = []
  for (const [index, question] of questions.entries()) {
    const value = known.get(question.key)
    const option = question.options.find((o) => o.value === value)
    if (value === undefined || !option || !isGiven(value)) continue
    saveAnswer(deps.db, { clientId, kind: flow, questionKey: question.key, value }, deps.clock.now())
    taken.push({ number: index + 1, text: question.text, label: option.label })
  }
  return taken
}

/**
 * The client answered `key` in `flow`: when the other flow asks the same, and is under way or
 * done (it has answers; a quiz take whose result is out is done with — a new take takes the
 * answer as it starts), its answer becomes the one this maps to, when that is one of its
 * question's options. A discovery complete before records `discovery_edited`, as an answer
 * changed there does (the card shows the answers); one this answer completes is completed when
 * the client next opens it, as one whose last question the content dropped. Nothing when the
 * mapping leaves the other answer open (see knownAnswers): that answer stays as it was.
 */
export function shareAnswer(
  deps: Pick<QuestionFlowDeps, 'db' | 'clock' | 'clients'>,
  flow: QuestionFlow,
  clientId: number,
  content: Pick<Content, 'discovery' | 'quiz'>,
  key: string,
  value: AnswerValue,
): void {
  const { db } = deps
  const other: QuestionFlow = flow === 'quiz' ? 'discovery' : 'quiz'
  const [twinKey, twinValue] = [...knownAnswers(other, content.quiz.questions, new Map([[key, value]]))][0] ?? []
  if (twinKey === undefined || twinValue === undefined) return
  const questions = questionsOf(other, content)
  // Without an answer map the values are the quiz's own: one the twin does not offer is not written
  if (!questions.find((q) => q.key === twinKey)?.options.some((o) => o.value === twinValue)) return
  const stored = listAnswers(db, clientId, other)
  if (stored.length === 0) return
  if (stored.some((a) => a.questionKey === twinKey && a.value === twinValue)) return
  if (other === 'quiz' && lastTakeResult(db, clientId)) return
  const wasComplete = firstUnanswered(questions, currentAnswers(questions, stored)) < 0
  saveAnswer(db, { clientId, kind: other, questionKey: twinKey, value: twinValue }, deps.clock.now())
  if (other === 'discovery' && wasComplete) deps.clients.recordEvent(clientId, 'discovery_edited', { key: twinKey })
}
