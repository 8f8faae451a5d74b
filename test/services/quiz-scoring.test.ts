import { describe, expect, it } from 'vitest'
import type { AnswerValue } from '../../src/services/questions.ts'
import { scoreQuiz } from '../../src/services/quiz.ts'
import { contentFrom } from '../helpers/flows.ts'
import { demoContent } from '../helpers/harness.ts'
import { QUIZ_YAML } from '../helpers/quiz-content.ts'

const content = contentFrom(QUIZ_YAML)
const score = (answers: Record<string, AnswerValue>, locale = 'ru') =>
  scoreQuiz(content.quiz, content.products, answers, locale)
const order = (answers: Record<string, AnswerValue>) => score(answers).ranking.map((r) => `${r.productId}:${r.score}`)

describe('quiz scoring (pure)', () => {
  it('adds product and tag weights of every chosen option; matches reach the threshold', () => {
    const { ranking, outcome } = score({ goal: 'all', extras: ['fast'] })
    expect(outcome).toBe('match')
    expect(ranking.map((r) => [r.productId, r.score, r.matched, r.inStock])).toEqual([
      ['alpha', 5, true, true],
      ['beta', 4, true, true],
      ['delta', 4, true, true], // 3 for "all" + 1 through its tag "fast"
      ['gamma', 3, true, false], // exactly the threshold counts; out of stock goes after those in stock
    ])
  })

  it('ties are broken by the order of products in the content file, and reported as a tie at the top', () => {
    expect(order({ goal: 'all', extras: ['fast'] }).slice(1, 3)).toEqual(['beta:4', 'delta:4'])
    const { ranking, outcome } = score({ goal: 'tie', extras: ['nothing'] })
    expect(outcome).toBe('tie')
    expect(ranking.slice(0, 2).map((r) => r.productId)).toEqual(['alpha', 'beta'])
  })

  it('out of stock is ranked after every in-stock match even with more points', () => {
    const outOfStockFirst = contentFrom(
      QUIZ_YAML.replace(
        'weights: { alpha: 5, beta: 4, gamma: 3, delta: 3 }',
        'weights: { alpha: 5, beta: 4, gamma: 9, delta: 3 }',
      ),
    )
    const { ranking, outcome } = scoreQuiz(outOfStockFirst.quiz, outOfStockFirst.products, { goal: 'all' }, 'ru')
    expect(ranking.map((r) => r.productId)).toEqual(['alpha', 'beta', 'delta', 'gamma'])
    expect(ranking.at(-1)).toMatchObject({ score: 9, inStock: false, matched: true })
    expect(outcome).toBe('match')
  })

  it('below the threshold is no match; negative weights push a product down', () => {
    const { ranking, outcome } = score({ goal: 'none', extras: ['cheap'] })
    expect(outcome).toBe('no_match')
    expect(ranking.every((r) => !r.matched)).toBe(true)
    expect(ranking.find((r) => r.productId === 'gamma')?.score).toBe(-1)
    // gamma: 3 for "all", -1 for "cheap": below the threshold now
    expect(order({ goal: 'all', extras: ['cheap'] })).toEqual(['alpha:5', 'beta:4', 'delta:4', 'gamma:2'])
    // …and are kept as what speaks against it, for its card
    expect(score({ goal: 'all', extras: ['cheap'] }).ranking.find((r) => r.productId === 'gamma')?.against).toEqual([
      { question: 'extras', option: 'cheap', points: -1 },
    ])
  })

  it('explains a match with the chosen options’ reasons, biggest contribution first, in the client’s language', () => {
    const delta = score({ goal: 'all', extras: ['fast', 'cheap'] }).ranking.find((r) => r.productId === 'delta')
    expect(delta?.reasons).toEqual(['нужно всё', 'срочно', 'небольшой бюджет'])
    expect(delta?.contributions).toEqual([
      { question: 'goal', option: 'all', points: 3 },
      { question: 'extras', option: 'fast', points: 1 },
      { question: 'extras', option: 'cheap', points: 1 },
    ])
    // Nothing against it: no `against` at all (results stored before have none either)
    expect(delta?.against).toBeUndefined()
    const english = score({ goal: 'all', extras: ['fast'] }, 'en').ranking.find((r) => r.productId === 'delta')
    expect(english?.reasons).toEqual(['you need everything', 'it is urgent'])
  })

  it('is deterministic: the order of multi-choice taps and unknown values change nothing', () => {
    const a = score({ goal: 'all', extras: ['cheap', 'fast'] })
    const b = score({ goal: 'all', extras: ['fast', 'cheap', 'gone'] })
    expect(a).toEqual(b)
  })

  it('the demo content: a quick lead-generation site points to the landing page', () => {
    const demo = demoContent()
    const { ranking, outcome } = scoreQuiz(
      demo.quiz,
      demo.products,
      { goal: 'leads', size: 'one', urgency: 'asap', budget: 'lt60', extras: ['seo'] },
      'ru',
    )
    expect(outcome).toBe('match')
    expect(ranking[0]).toMatchObject({ productId: 'landing', score: 10, matched: true })
    expect(ranking[0]?.reasons).toEqual(['нужны заявки', 'одна страница', 'срочно'])
    expect(ranking.filter((r) => r.matched).map((r) => r.productId)).toEqual(['landing'])
  })
})
