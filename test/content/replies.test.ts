import { describe, expect, it } from 'vitest'
import { formatContentReport, parseContent } from '../../src/content/loader.ts'
import { fillTemplate, templateVariables } from '../../src/content/replies.ts'
import { expectIssue, issuesOf, lineWith, MINIMAL_YAML } from './helpers.ts'

const withReplies = (replies: string) => `${MINIMAL_YAML}replies:\n${replies}`

describe('replies: in the content file', () => {
  it('a valid reply with variables, buttons and links, and the desk settings with their defaults', () => {
    const yaml = withReplies(
      `  - name: price
    text:
      ru: "{name}, счёт на {order_amount} ждёт оплаты до {order_due}. {manager}"
      en: "{ name }, the invoice for {order_amount} is due {order_due}."
    buttons: [pay, manager]
    links:
      - { label: { ru: Портфолио, en: Portfolio }, url: "https://example.com/works" }
  - name: call
    text: "Созвонимся {next_call}. Наш телефон: {business_phone}"
    buttons: [book]
`,
    ).replace('  timezone: Europe/Moscow', '  timezone: Europe/Moscow\n  contacts:\n    phone: "+7 495 123-45-67"')
    const result = parseContent(`${yaml}managers:\n  - id: 5100002\n    hours:\n      mon: ["10:00-14:00"]\n`)
    if (!result.ok) throw new Error(formatContentReport(result.errors))
    expect(result.content.replies).toHaveLength(2)
    expect(result.content.replies[0]).toMatchObject({ name: 'price', buttons: ['pay', 'manager'] })
    expect(result.content.replies[1]?.links).toEqual([])
    expect(result.content.managers).toEqual([
      { id: 5100002, hours: { mon: ['10:00-14:00'], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } },
    ])
    expect(result.content.handoff.auto_close_days).toBe(3)
  })

  it('an unknown variable is an error at its line, with a suggestion', () => {
    const yaml = withReplies('  - name: hello\n    text: "Здравствуйте, {nmae}!"\n')
    expectIssue(yaml, 'replies → #1 → text', 'text: "Здравствуйте', 'unknown variable {nmae} (did you mean {name}?)')
  })

  it('an unknown variable in one language names that language; without a close match the list is given', () => {
    const yaml = withReplies(
      '  - name: hello\n    text:\n      ru: "Привет, {name}"\n      en: "Hi, {discount_code}"\n',
    )
    expectIssue(
      yaml,
      'replies → #1 → text → en',
      'en: "Hi',
      'unknown variable {discount_code}; the variables are {name}',
    )
  })

  it('a reply without the default language is an error', () => {
    const yaml = withReplies('  - name: hello\n    text: { en: "Hi, {name}" }\n')
    expectIssue(yaml, 'replies → #1 → text', 'text: { en:', 'no "ru" text')
  })

  it('a variable about the business needs that field in the file', () => {
    const yaml = withReplies('  - name: phone\n    text: "Звоните: {business_phone}"\n')
    expectIssue(yaml, 'replies → #1 → text', 'text: "Звоните', '{business_phone} needs business → contacts → phone')
  })

  it('names are short latin keys, unique; buttons come from the list, once each', () => {
    const yaml = withReplies(
      `  - name: Hello there
    text: Привет
  - name: hi
    text: Привет
  - name: hi
    text: Здравствуйте
    buttons: [book, book, discount]
`,
    )
    const issues = issuesOf(yaml)
    expect(issues).toContainEqual({
      path: 'replies → #1 → name',
      line: lineWith(yaml, 'name: Hello there'),
      message: expect.stringContaining('lowercase latin letters'),
    })
    expect(issues).toContainEqual({
      path: 'replies → #3 → buttons → #3',
      line: lineWith(yaml, 'buttons: [book, book, discount]'),
      message: expect.stringContaining('expected one of: book, pay, manager, menu'),
    })
    const duplicate = withReplies('  - name: hi\n    text: Привет\n  - name: hi\n    text: Здравствуйте\n')
    expect(issuesOf(duplicate)).toContainEqual({
      path: 'replies → #2 → name',
      line: lineWith(duplicate, 'text: Здравствуйте') - 1,
      message: 'duplicate reply name "hi", already used at replies → #1 → name',
    })
  })

  it("a manager's hours are checked like the business's, and an id is listed once", () => {
    const yaml = `${MINIMAL_YAML}managers:\n  - id: 42\n    hours:\n      mon: ["19:00-10:00"]\n`
    expectIssue(yaml, 'managers → #1 → hours → mon → #1', '19:00-10:00', 'ends before it starts')
    const twice = `${MINIMAL_YAML}managers:\n  - id: 42\n    hours:\n      mon: ["10:00-19:00"]\n  - id: 42\n    hours:\n      tue: ["10:00-12:00"]\n`
    expect(issuesOf(twice).map((i) => i.message)).toEqual([
      'duplicate manager id "42", already used at managers → #1 → id',
    ])
  })
})

describe('reply templates', () => {
  it('finds variables once each, with or without spaces inside the braces; other braces are text', () => {
    expect(templateVariables('{name}, {name}! { next_call } {}{ 2 } {такое}')).toEqual(['name', 'next_call'])
  })

  it('fills what it knows and leaves the rest as written', () => {
    expect(fillTemplate('{ name }: {order_amount} {other}', { name: 'Анна', order_amount: '45 000 ₽' })).toBe(
      'Анна: 45 000 ₽ {other}',
    )
  })
})
