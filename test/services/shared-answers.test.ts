import { describe, expect, it } from 'vitest'
import { listAnswers } from '../../db/repositories/answers.ts'
import type { QuizQuestion } from '../../src/content/schema.ts'
import { FUNNEL } from '../../src/services/funnel.ts'
import { knownAnswers } from '../../src/services/shared-answers.ts'
import { MINIMAL_YAML } from '../content/helpers.ts'
import { seedClient } from '../helpers/clients.ts'
import { contentFrom } from '../helpers/flows.ts'
import { createHarness } from '../helpers/harness.ts'

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

describe('shareAnswer: into a flow under way', () => {
  // The minimal file's business and products, with a questionnaire and a quiz that share the budget
  const yaml = MINIMAL_YAML.replace(
    /discovery:[\s\S]*(?=products:)/,
    `discovery:
  questions:
    - key: source
      text: Source?
      type: choice
      options:
        - { value: ads, label: Ads }
        - { value: friends, label: Friends }
    - key: budget
      text: Budget?
      type: choice
      options:
        - { value: lt60, label: up to 60k }
        - { value: mid, label: 60–150k }
quiz:
  questions:
    - key: budget
      text: Your budget?
      same_as: { discovery: budget }
      options:
        - { value: lt60, label: up to 60k, weights: { landing: 3 } }
        - { value: gt60, label: over 60k, weights: { store: 3 } }
`,
  )

  function setUp() {
    const h = createHarness({ content: contentFrom(yaml) })
    const clientId = seedClient(h.deps, 4101).id
    const { discovery, quiz } = h.deps.services
    const discoveryAnswers = () =>
      Object.fromEntries(listAnswers(h.deps.db, clientId, 'discovery').map((a) => [a.questionKey, a.value]))
    return { h, clientId, discovery, quiz, discoveryAnswers }
  }

  it("an answer the twin does not offer (the values are the quiz's own) leaves the twin's answer as it was", () => {
    const { clientId, discovery, quiz, discoveryAnswers } = setUp()
    discovery.answer(clientId, 'budget', 'mid')
    quiz.answer(clientId, 'budget', 'gt60')
    expect(discoveryAnswers()).toEqual({ budget: 'mid' })
    quiz.answer(clientId, 'budget', 'lt60')
    expect(discoveryAnswers()).toEqual({ budget: 'lt60' })
  })

  it('an answer that fills the last open question of discovery: no "edited" before it is complete; completed when opened', () => {
    const { h, clientId, discovery, quiz, discoveryAnswers } = setUp()
    discovery.answer(clientId, 'source', 'friends')
    quiz.answer(clientId, 'budget', 'lt60')
    expect(discoveryAnswers()).toEqual({ source: 'friends', budget: 'lt60' })
    const events = () =>
      h.deps.sqlite
        .prepare('select type from events where client_id = ?')
        .all(clientId)
        .map((e) => (e as { type: string }).type)
    expect(events()).not.toContain('discovery_edited')
    expect(discovery.plan(clientId, { mode: 'start' })).toEqual({ kind: 'done' })
    expect(events()).toContain(FUNNEL.discoveryDone)
  })
})
