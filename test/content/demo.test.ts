import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEMO_CONTENT_PATH, formatContentReport, loadContentFile } from '../../src/content/loader.ts'
import { type Content, optionWeightFor, type Text } from '../../src/content/schema.ts'
import { scoreQuiz } from '../../src/services/quiz.ts'

async function loadDemo(): Promise<Content> {
  const result = await loadContentFile(DEMO_CONTENT_PATH)
  if (!result.ok) throw new Error(`the demo content is invalid:\n${formatContentReport(result.errors)}`)
  return result.content
}

/** Every text a client can see, with where it came from. */
function clientTexts(content: Content): [string, Text | undefined][] {
  const { business, discovery, quiz, products, followups } = content
  return [
    ['business.name', business.name],
    ['business.about', business.about],
    ['business.values', business.values],
    ['business.contacts.address', business.contacts.address],
    ['business.payment_details', business.payment_details],
    ...discovery.questions.flatMap((question) => [
      [question.key, question.text] as [string, Text],
      ...(question.hint ? [[`${question.key}.hint`, question.hint] as [string, Text]] : []),
      ...question.options.map((option) => [`${question.key}.${option.value}`, option.label] as [string, Text]),
    ]),
    ...quiz.questions.flatMap((question) => [
      [question.key, question.text] as [string, Text],
      ...question.options.flatMap((option) => [
        [`${question.key}.${option.value}`, option.label] as [string, Text],
        ...(option.reason ? [[`${question.key}.${option.value}.reason`, option.reason] as [string, Text]] : []),
      ]),
    ]),
    ...products.flatMap((product) => [
      [`${product.id}.title`, product.title] as [string, Text],
      [`${product.id}.description`, product.description] as [string, Text],
      [`${product.id}.benefit`, product.benefit] as [string, Text | undefined],
      ...product.includes.map((item, i) => [`${product.id}.includes[${i}]`, item] as [string, Text]),
    ]),
    ...followups.review_links.map((link) => [`review ${link.url}`, link.name] as [string, Text]),
    ...content.replies.flatMap((reply) => [
      [`reply ${reply.name}`, reply.text] as [string, Text],
      ...reply.links.map((link) => [`reply ${reply.name} ${link.url}`, link.label] as [string, Text]),
    ]),
  ]
}

/** What the quiz shows a client answering `answers` (question key → option values): the real scoring. */
function match(content: Content, answers: Record<string, string[]>) {
  const { ranking, outcome } = scoreQuiz(content.quiz, content.products, answers, 'ru')
  return { outcome, first: ranking[0]?.productId, matched: ranking.filter((r) => r.matched).map((r) => r.productId) }
}

describe('the demo content (db/seed/web-studio.yaml)', () => {
  it('is valid', async () => {
    const content = await loadDemo()
    expect(content.business.timezone).toBe('Europe/Moscow')
  })

  it('speaks Russian and English everywhere', async () => {
    for (const [where, text] of clientTexts(await loadDemo())) {
      expect(text, where).toEqual({ ru: expect.any(String), en: expect.any(String) })
    }
  })

  it('works Mon–Fri 10–19 and Sat 11–16', async () => {
    const { hours, holidays } = (await loadDemo()).business
    expect(hours).toEqual({
      mon: ['10:00-19:00'],
      tue: ['10:00-19:00'],
      wed: ['10:00-19:00'],
      thu: ['10:00-19:00'],
      fri: ['10:00-19:00'],
      sat: ['11:00-16:00'],
      sun: [],
    })
    expect(holidays.length).toBeGreaterThanOrEqual(2)
  })

  it('asks the discovery questions of the domain guide, budget as buttons', async () => {
    const questions = (await loadDemo()).discovery.questions
    expect(questions.map((question) => question.key)).toEqual(
      expect.arrayContaining([
        'source',
        'task',
        'brand',
        'brief',
        'deadline',
        'budget',
        'examples',
        'priorities',
        'approach',
      ]),
    )
    expect(questions.find((question) => question.key === 'budget')?.type).toBe('choice')
    const approach = questions.find((question) => question.key === 'approach')
    expect(approach?.options.find((option) => option.value === 'detailed')?.handoff).toBe(true)
    expect(approach?.options.find((option) => option.value === 'quick')?.handoff).toBe(false)
  })

  it('shows every section of the file, and the languages, an optional one at least as an example in a comment', () => {
    const text = readFileSync(DEMO_CONTENT_PATH, 'utf8')
    const sections = [
      'business',
      'discovery',
      'quiz',
      'products',
      'payments',
      'telegram_business',
      'booking',
      'followups',
      'handoff',
      'managers',
      'replies',
    ]
    // `key:`, or in a comment: `# key:` (a section) or `  # key:` (a key of one)
    const shown = (key: string, indent = '') => new RegExp(`^((# ?)?${indent}|${indent}# )${key}:`, 'm').test(text)
    expect(sections.filter((section) => !shown(section))).toEqual([])
    expect(shown('languages', ' {2}')).toBe(true)
    expect(shown('groups', ' {2}')).toBe(true)
  })

  it('has one product honestly marked as unavailable, with a note', async () => {
    const unavailable = (await loadDemo()).products.filter((product) => !product.in_stock)
    expect(unavailable).toHaveLength(1)
    expect(unavailable[0]?.stock_note).toBeDefined()
  })

  it('says what every price includes, in roubles', async () => {
    for (const product of (await loadDemo()).products) {
      expect(product.includes.length, product.id).toBeGreaterThanOrEqual(3)
      expect(product.price.currency, product.id).toBe('RUB')
    }
  })

  it('has review links for Yandex Maps, 2GIS and Google', async () => {
    const hosts = (await loadDemo()).followups.review_links.map((link) => new URL(link.url).hostname)
    expect(hosts).toEqual(['yandex.ru', '2gis.ru', 'g.page'])
  })

  it('has trigger words in both languages', async () => {
    const words = (await loadDemo()).handoff.trigger_words
    expect(words.ru).toContain('обман*')
    expect(words.en).toContain('scam*')
  })

  it('matches sensible products for typical answers, each a clear first choice', async () => {
    const content = await loadDemo()
    const typical: [Record<string, string[]>, string][] = [
      [{ goal: ['sell'], size: ['catalog'], urgency: ['later'], budget: ['gt300'] }, 'store'],
      [{ goal: ['leads'], size: ['one'], urgency: ['asap'], budget: ['lt60'] }, 'landing'],
      [{ goal: ['present'], size: ['few'], urgency: ['month'], budget: ['60_150'] }, 'corporate'],
      [{ goal: ['maintain'], extras: ['updates'] }, 'support'],
    ]
    for (const [answers, first] of typical) {
      expect(match(content, answers), first).toMatchObject({ outcome: 'match', first })
    }
    expect(match(content, { goal: ['present'], extras: ['logo'], budget: ['60_150'] }).matched).toContain(
      'brand_identity',
    )
  })

  it('can match every product with some answers', async () => {
    const content = await loadDemo()
    for (const product of content.products) {
      // The answers that favour this product most: its best option of each single-choice
      // question, every option that gives it points in a multiple-choice one
      const answers: Record<string, string[]> = {}
      for (const question of content.quiz.questions) {
        const weighted = question.options.map((option) => ({ option, weight: optionWeightFor(option, product) }))
        const chosen =
          question.type === 'multi'
            ? weighted.filter((w) => w.weight > 0)
            : weighted.sort((a, b) => b.weight - a.weight).slice(0, 1)
        answers[question.key] = chosen.map((w) => w.option.value)
      }
      expect(match(content, answers).matched, product.id).toContain(product.id)
    }
  })
})
