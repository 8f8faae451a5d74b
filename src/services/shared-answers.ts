/**
 * Questions asked in both flows: "Tell us what you need" and the quiz may both ask about the
 * deadline and the budget. A quiz question names its twin in discovery (`same_as` in the
 * content file), and a flow started afresh takes what the client already answered there
 * instead of asking again: the client never repeats themselves. The answers are stored as the
 * flow's own (the card, the summary and the quiz's scoring read them as if given there), and
 * the client is shown what was taken, to change with Back if it no longer holds.
 */
import { type AnswerValue, listAnswers, saveAnswer } from '../../db/repositories/answers.ts'
import type { Content, QuizQuestion, Text } from '../content/schema.ts'
import {
  currentAnswers,
  type FlowPlan,
  type FlowQuestion,
  isGiven,
  type QuestionFlow,
  type QuestionFlowDeps,
} from './questions.ts'

/** An answer taken from the other flow, as the client is shown it: the question and the option. */
export interface KnownAnswer {
  text: Text
  label: Text
}

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
 * From the quiz to discovery an answer is taken only when one discovery answer maps to it
 * ("in 2–3 months" in the quiz may be "2–3 months" or "no rush" in discovery: asked, not guessed).
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
  const otherQuestions: readonly FlowQuestion[] =
    flow === 'quiz' ? content.discovery.questions : content.quiz.questions.map((q) => ({ ...q, required: true }))
  const other = currentAnswers(otherQuestions, listAnswers(deps.db, clientId, otherFlow))
  const known = knownAnswers(flow, content.quiz.questions, other)
  const taken: KnownAnswer[] = []
  for (const question of questions) {
    const value = known.get(question.key)
    const option = question.options.find((o) => o.value === value)
    if (value === undefined || !option || !isGiven(value)) continue
    saveAnswer(deps.db, { clientId, kind: flow, questionKey: question.key, value }, deps.clock.now())
    taken.push({ text: question.text, label: option.label })
  }
  return taken
}
