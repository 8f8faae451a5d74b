import { describe, expect, it } from 'vitest'
import type { QuizQuestion } from '../../src/content/schema.ts'
import { knownAnswers } from '../../src/services/shared-answers.ts'

const option = (value: string) => ({ value, label: value, weights: {} })
/** A quiz's launch question whose "later" stands for two discovery answers. */
const urgency: QuizQuestion = {
  key: 'urgency',
  text: 'When?',
  type: 'choice',
  options: ['asap', 'later'].map(option),
  same_as: { discovery: 'deadline', answers: { urgent: 'asap', quarter: 'later', flexible: 'later' } },
}
const budget: QuizQuestion = {
  key: 'budget',
  text: 'Budget?',
  type: 'choice',
  options: ['lt60', 'gt60'].map(option),
  same_as: { discovery: 'money' },
}

describe('knownAnswers: what one flow says for the other', () => {
  it('into the quiz: each discovery answer through the map, or the same value without one', () => {
    const discovery = new Map([
      ['deadline', 'flexible'],
      ['money', 'gt60'],
      ['task', 'a shop'],
    ])
    expect(knownAnswers('quiz', [urgency, budget], discovery)).toEqual(
      new Map([
        ['urgency', 'later'],
        ['budget', 'gt60'],
      ]),
    )
  })

  it('into discovery: only what one discovery answer maps to; "later" may be two, so it is left to ask', () => {
    expect(knownAnswers('discovery', [urgency, budget], new Map([['urgency', 'later']]))).toEqual(new Map())
    expect(knownAnswers('discovery', [urgency, budget], new Map([['urgency', 'asap']]))).toEqual(
      new Map([['deadline', 'urgent']]),
    )
  })

  it('nothing from an answer the other flow has no twin of, a skipped one or an unmapped one', () => {
    expect(knownAnswers('quiz', [urgency], new Map([['deadline', 'someday']]))).toEqual(new Map())
    expect(knownAnswers('quiz', [urgency], new Map([['deadline', '']]))).toEqual(new Map())
    expect(knownAnswers('discovery', [budget], new Map([['goal', 'leads']]))).toEqual(new Map())
  })
})
