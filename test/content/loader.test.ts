import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEMO_CONTENT_PATH,
  formatContentReport,
  formatPath,
  issueCount,
  loadContentFile,
  parseContent,
} from '../../src/content/loader.ts'
import { edit, expectIssue, issuesOf, lineWith, MINIMAL_YAML, windows1251 } from './helpers.ts'

describe('parseContent: a valid file', () => {
  it('accepts business.payment_stages as written: nothing reads it yet, so nothing in it refuses the file', () => {
    const yaml = edit(
      MINIMAL_YAML,
      '  hours:',
      '  payment_stages:\n    - { percent: 30, label: Prepayment }\n    - { percent: 60, label: Design }\n  hours:',
    )
    const result = parseContent(yaml)
    if (!result.ok) throw new Error(formatContentReport(result.errors))
  })

  it('does not hold payment_stages to a message’s length: no client reads it', () => {
    const label = 'Этап '.repeat(800)
    const yaml = edit(MINIMAL_YAML, '  hours:', `  payment_stages:\n    - { percent: 100, label: ${label} }\n  hours:`)
    const result = parseContent(yaml)
    if (!result.ok) throw new Error(formatContentReport(result.errors))
  })

  it('takes a phone as its country writes it, an area code in brackets first too; says what one looks like', () => {
    for (const phone of ['(718) 555-0199', '+1 (718) 555-0199', '+7 495 123-45-67', '718-555-0199']) {
      const result = parseContent(edit(MINIMAL_YAML, '  hours:', `  contacts: { phone: "${phone}" }\n  hours:`))
      if (!result.ok) throw new Error(`${phone}: ${formatContentReport(result.errors)}`)
    }
    const yaml = edit(MINIMAL_YAML, '  hours:', '  contacts: { phone: "call us" }\n  hours:')
    expectIssue(
      yaml,
      'business → contacts → phone',
      'call us',
      'expected a phone number like +1 (212) 555-0142 or +7 495 123-45-67',
    )
  })

  it('accepts the minimal file and fills in every default', () => {
    const result = parseContent(MINIMAL_YAML)
    if (!result.ok) throw new Error(formatContentReport(result.errors))
    const { content } = result
    expect(content.business.hours.tue).toEqual([])
    expect(content.business.holidays).toEqual([])
    expect(content.business.contacts).toEqual({})
    expect(content.discovery.questions[0]).toMatchObject({ required: true, options: [{ handoff: false }, {}] })
    expect(content.quiz.match_threshold).toBe(3)
    expect(content.quiz.questions[0]?.type).toBe('choice')
    expect(content.products[0]).toMatchObject({
      price: { amount: 45000, currency: 'RUB', from: false },
      includes: [],
      in_stock: true,
    })
    expect(content.booking).toEqual({
      slot_minutes: 30,
      capacity: 1,
      min_lead_minutes: 60,
      days_ahead: 14,
      call_now: true,
      call_now_within_minutes: 15,
      reminder_minutes: 60,
    })
    expect(content.followups).toMatchObject({
      quiet_hours: { start: '21:00', end: '09:00' },
      checkin_after_days: 3,
      payment_reminders: { first_after_hours: 2, before_due_days: 1, overdue_days: [1, 3] },
      review_links: [],
    })
    expect(content.handoff).toEqual({ sla_minutes: 15, trigger_words: {}, groups: [], auto_close_days: 3 })
    expect(content.managers).toEqual([])
    expect(content.replies).toEqual([])
  })

  it('treats an empty day (`sun:` or []) as a day off', () => {
    const yaml = edit(MINIMAL_YAML, '    mon: ["10:00-19:00"]\n', '    mon: ["10:00-19:00"]\n    sat: []\n    sun:\n')
    const result = parseContent(yaml)
    expect(result.ok && result.content.business.hours).toMatchObject({ sat: [], sun: [] })
  })

  it('accepts Windows line endings and a byte order mark', () => {
    const result = parseContent(`\uFEFF${MINIMAL_YAML.replaceAll('\n', '\r\n')}`)
    expect(result.ok).toBe(true)
  })
})

describe('parseContent: schema errors name the path and the line', () => {
  it('a weight that is not a number', () => {
    const yaml = edit(MINIMAL_YAML, 'weights: { landing: 3 }', 'weights: { landing: three }')
    expectIssue(
      yaml,
      'quiz → questions → #1 (goal) → options → #1 → weights → landing',
      'landing: three',
      'expected a number',
    )
  })

  it('a missing key, at the line of its parent', () => {
    const yaml = edit(MINIMAL_YAML, '    description: One page\n', '')
    expectIssue(yaml, 'products → #1 (landing) → description', '- id: landing', 'is required')
  })

  it('a missing section', () => {
    const yaml = edit(MINIMAL_YAML, '  timezone: Europe/Moscow\n', '')
    expectIssue(yaml, 'business → timezone', 'business:', 'is required')
  })

  it('an unknown key, with a suggestion for a typo', () => {
    const yaml = edit(MINIMAL_YAML, '    tags: [fast]', '    tags: [fast]\n    in_stok: false')
    expectIssue(yaml, 'products → #1 (landing) → in_stok', 'in_stok', 'unknown key (did you mean "in_stock"?)')
  })

  it('an unknown key without a close match lists the allowed keys', () => {
    const yaml = edit(MINIMAL_YAML, '  about: We build websites', '  about: We build websites\n  colour: red')
    expectIssue(yaml, 'business → colour', 'colour: red', 'allowed here: name, about, values')
  })

  it('a wrong type name, with a suggestion', () => {
    const yaml = edit(MINIMAL_YAML, 'type: choice', 'type: choise')
    expectIssue(
      yaml,
      'discovery → questions → #1 (budget) → type',
      'type: choise',
      'expected one of: choice, multi, text',
    )
    expect(issuesOf(yaml)[0]?.message).toContain('did you mean "choice"?')
  })

  it('a wrong value type says what it got', () => {
    const yaml = edit(MINIMAL_YAML, 'price: { amount: 45000 }', 'price: { amount: "45 000 руб" }')
    expectIssue(yaml, 'products → #1 (landing) → price → amount', '45 000 руб', 'expected a number, got "45 000 руб"')
  })

  it('a yes/no instead of true/false', () => {
    const yaml = edit(MINIMAL_YAML, '    tags: [fast]', '    tags: [fast]\n    in_stock: no')
    expectIssue(yaml, 'products → #1 (landing) → in_stock', 'in_stock: no', 'expected true or false, got "no"')
  })

  it('a number where text is expected', () => {
    const yaml = edit(MINIMAL_YAML, 'title: Landing', 'title: 2024')
    expectIssue(yaml, 'products → #1 (landing) → title', 'title: 2024', 'expected text, got 2024 (put it in quotes')
  })

  it('a URL that is not https', () => {
    const yaml = edit(MINIMAL_YAML, '    tags: [fast]', '    tags: [fast]\n    link: ftp://example.com')
    expectIssue(yaml, 'products → #1 (landing) → link', 'link: ftp', 'expected a link starting with https://')
  })

  it('a digital product is priced in Telegram Stars, and Stars are for digital products only', () => {
    const digital = edit(MINIMAL_YAML, '    tags: [fast]', '    tags: [fast]\n    digital: true')
    expectIssue(
      digital,
      'products → #1 (landing) → price → currency',
      'price: { amount: 45000 }',
      'write its price with currency: XTR',
    )
    const stars = edit(MINIMAL_YAML, 'price: { amount: 45000 }', 'price: { amount: 250, currency: XTR }')
    expectIssue(stars, 'products → #1 (landing) → digital', '- id: landing', 'add digital: true')
    const ok = edit(stars, '    tags: [fast]', '    tags: [fast]\n    digital: true')
    expect(parseContent(ok).ok).toBe(true)
  })

  it('a bad key name', () => {
    const yaml = edit(MINIMAL_YAML, 'key: budget', 'key: Budget Range')
    expectIssue(yaml, 'discovery → questions → #1 → key', 'key: Budget Range', 'lowercase latin letters')
  })

  it('a list that is too short', () => {
    const yaml = edit(
      MINIMAL_YAML,
      '        - value: sell\n          label: Sell\n          weights: { store: 3, "tag:ecommerce": 1 }\n',
      '',
    )
    const optionsLine = lineWith(yaml, 'text: What for?') + 1
    expect(issuesOf(yaml)).toContainEqual({
      path: 'quiz → questions → #1 (goal) → options',
      line: optionsLine,
      message: 'needs at least 2 items',
    })
  })
})

describe('parseContent: texts', () => {
  it('a language map without the file’s main language (the first of `languages`, ru when they are left out)', () => {
    const yaml = edit(MINIMAL_YAML, 'name: Test studio', 'name: { en: Test studio }')
    expectIssue(yaml, 'business → name', 'name: { en:', 'no "ru" text: with no languages line')
    // English first: a map needs en, not ru
    const english = (languages: string, name: string) =>
      edit(edit(MINIMAL_YAML, 'name: Test studio', `name: ${name}`), '  hours:', `  languages: ${languages}\n  hours:`)
    expect(parseContent(english('[en]', '{ en: Spokes & Co }')).ok).toBe(true)
    expect(parseContent(english('[en, ru]', '{ en: Spokes & Co }')).ok).toBe(true)
    expectIssue(
      english('[en, ru]', '{ ru: Спицы }'),
      'business → name',
      'name: { ru',
      'no "en" text: English is the first of your languages (languages: [en, ru])',
    )
    // A misspelt language is that, not a missing one too: one thing to fix at a place
    expect(issuesOf(english('[en]', '{ ru: Спицы, eng: Spokes }'))).toEqual([
      expect.objectContaining({
        path: 'business → name → eng',
        message: expect.stringContaining('(did you mean "en"?)'),
      }),
    ])
    expect(issuesOf(english('[en]', '{ eng: Spokes }'))).toEqual([
      expect.objectContaining({
        path: 'business → name → eng',
        message: expect.stringContaining('(did you mean "en"?)'),
      }),
    ])
    // Languages written wrong are reported alone, not as every text lacking a language
    expect(issuesOf(english('[english]', '{ en: Spokes & Co }')).map((issue) => issue.path)).toEqual([
      'business → languages → #1',
    ])
    // Content taken before this check still starts the bot
    expect(parseContent(english('[en]', '{ ru: Спицы }'), { saved: true }).ok).toBe(true)
  })

  it('one mistake made all over the file is listed at its first three places, then counted; another stays in sight', () => {
    let yaml = MINIMAL_YAML
    for (const [from, to] of [
      ['name: Test studio', 'name: { en: Test studio }'],
      ['about: We build websites', 'about: { en: We build websites }'],
      ['text: Budget?', 'text: { en: Budget? }'],
      ['text: What for?', 'text: { en: What for? }'],
      ['title: Landing', 'title: { en: Landing }'],
      ['title: Store', 'title: { en: Store }'],
      ['description: A shop', 'description: 42'],
    ] as const)
      yaml = edit(yaml, from, to)
    const issues = issuesOf(yaml)
    const missing = issues.filter((i) => i.message.startsWith('no "ru" text'))
    expect(missing.map((i) => i.path)).toEqual([
      'business → name',
      'business → about',
      'discovery → questions → #1 (budget) → text',
    ])
    const counted = issues.find((i) => i.message.startsWith('the same in 3 more places'))
    expect(counted?.message).toMatch(/^the same in 3 more places \(lines \d+, \d+, \d+\): no "ru" text/)
    expect(issues.some((i) => i.path === 'products → #2 (store) → description')).toBe(true)
    expect(issues).toHaveLength(5)
    // Counted true in the owner's "В файле N ошибок": six texts with no "ru", and the description
    expect(issueCount(issues)).toBe(7)
  })

  it('a bad entry inside a language map is reported at the entry', () => {
    const yaml = edit(MINIMAL_YAML, '  about: We build websites', '  about:\n    ru: Делаем сайты\n    en: 42')
    expectIssue(yaml, 'business → about → en', 'en: 42', 'expected text, got the number 42')
  })

  it('a language code that is not one', () => {
    const yaml = edit(MINIMAL_YAML, 'name: Test studio', 'name: { ru: Тест, English: Test }')
    expectIssue(yaml, 'business → name → English', 'name: { ru', "write the language's code: en")
  })

  it('a variant in a language the bot does not speak, which no client would ever read', () => {
    const typo = edit(MINIMAL_YAML, 'name: Test studio', 'name: { ru: Тест, eng: Test studio }')
    expectIssue(
      typo,
      'business → name → eng',
      'name: { ru',
      'unknown language "eng" (did you mean "en"?): the bot speaks ru and en, and no client would read this variant',
    )
    const other = edit(MINIMAL_YAML, '    title: Landing', '    title:\n      ru: Лендинг\n      de: Landingpage')
    expectIssue(
      other,
      'products → #1 (landing) → title → de',
      'de: Landingpage',
      'unknown language "de": the bot speaks ru and en, and no client would read this variant; take it out',
    )
    // Content taken before this check still starts the bot (with a warning)
    expect(parseContent(other, { saved: true }).ok).toBe(true)
    // Trigger words are matched whatever the language they are listed under
    const words = `${MINIMAL_YAML}handoff:\n  trigger_words: { ru: [обман], uk: [шахраї] }\n`
    expect(parseContent(words).ok).toBe(true)
  })

  it('a trigger word takes "*" at its end only, after a word', () => {
    expect(parseContent(`${MINIMAL_YAML}handoff:\n  trigger_words: { ru: [игнорир*, сколько можно ждать] }\n`).ok).toBe(
      true,
    )
    for (const word of ['"*"', '"и*гнор"', '"**"']) {
      const result = parseContent(`${MINIMAL_YAML}handoff:\n  trigger_words: { ru: [${word}] }\n`)
      expect(result.ok, word).toBe(false)
      expect(JSON.stringify(result), word).toContain('\\"*\\" only at its end')
    }
  })

  it('a staff group rule for a language no client is spoken to in, which would match nobody', () => {
    const yaml = `${MINIMAL_YAML}handoff:\n  groups:\n    - { group: -1009876543210, languages: [en, uk] }\n`
    expect(issuesOf(yaml)).toEqual([
      {
        path: 'handoff → groups → #1 → languages → #2',
        line: lineWith(yaml, 'languages: [en, uk]'),
        message: 'unknown language "uk": the bot speaks ru and en with clients, so this rule would match nobody',
      },
    ])
    expect(parseContent(yaml, { saved: true }).ok).toBe(true)
  })

  it('a comma inside { } that cuts a text in two, with the way out', () => {
    const yaml = edit(MINIMAL_YAML, 'about: We build websites', 'about: { ru: Да, конечно, en: Yes }')
    // At the text, not at a "language" named after a piece of it
    expectIssue(yaml, 'business → about', 'about: {', 'inside { } a ", " or ": " starts a new entry')
    expect(issuesOf(yaml)).toHaveLength(1)
  })

  it('a key with nothing after the colon', () => {
    const yaml = edit(MINIMAL_YAML, 'about: We build websites', 'about:')
    expectIssue(yaml, 'business → about', 'about:', 'is empty')
  })

  it('an empty text', () => {
    const yaml = edit(MINIMAL_YAML, 'about: We build websites', 'about: ""')
    expectIssue(yaml, 'business → about', 'about: ""', 'must not be empty')
  })
})

describe('parseContent: texts that must fit one Telegram message', () => {
  const words = (n: number) => 'y'.repeat(n)

  it('a text longer than any message with the bot’s words around it, named with the limit and by how much', () => {
    const yaml = edit(MINIMAL_YAML, 'text: Budget?', `text: ${words(3600)}`)
    const path = 'discovery → questions → #1 (budget) → text'
    expectIssue(yaml, path, 'text: yyy', 'must be at most 3596 characters long (it has 3600)')
    expectIssue(yaml, path, 'text: yyy', 'one Telegram message (4096 characters')
    expectIssue(yaml, path, 'text: yyy', 'shorten it by at least 4')
    const map = edit(MINIMAL_YAML, 'label: up to 100k', `label: { ru: до 100к, en: ${words(3600)} }`)
    expectIssue(
      map,
      'discovery → questions → #1 (budget) → options → #1 → label → en',
      'label: {',
      'must be at most 3596 characters long',
    )
  })

  it('texts that fit alone but not together on one screen: "About", a product’s "Details" and card', () => {
    const about = edit(MINIMAL_YAML, 'about: We build websites', `about: ${words(2000)}\n  values: ${words(2000)}`)
    expectIssue(about, 'business → values', 'values:', 'the "About" screen')
    expect(issuesOf(about)[0]?.message).toMatch(/would be \d+ characters \(ru, .*\); one Telegram message holds 4096/)

    const details = edit(
      MINIMAL_YAML,
      'description: One page',
      `description: ${words(3000)}\n    stock_note: ${words(700)}\n    in_stock: false`,
    )
    expectIssue(details, 'products → #1 (landing) → description', 'description: yyy', 'its "Details"')

    const card = edit(
      MINIMAL_YAML,
      'description: One page',
      `description: One page\n    includes: [${Array(40).fill(words(100)).join(', ')}]`,
    )
    expectIssue(card, 'products → #1 (landing)', '- id: landing', 'its card')
  })

  it('payment details too long for an invoice or a reminder with the order in it', () => {
    const yaml = edit(
      MINIMAL_YAML,
      '  about: We build websites',
      `  about: We build websites\n  payment_details: ${words(3400)}`,
    )
    expectIssue(yaml, 'business → payment_details', 'payment_details:', 'an invoice or a payment reminder')
    expect(issuesOf(yaml)[0]?.message).toMatch(/would be \d+ characters \(ru, .*\); one Telegram message holds 4096/)
    // Content taken before this check still starts the bot (with a warning)
    expect(parseContent(yaml, { saved: true }).ok).toBe(true)
  })

  it('a saved reply with its variables filled in, the business’s from the file and room for the client’s', () => {
    const base = `${MINIMAL_YAML}replies:\n  - name: pay\n    text: "{name}, ${words(3500)}"\n`
    expect(parseContent(base).ok).toBe(true)
    const details = edit(
      base,
      '  about: We build websites',
      `  about: We build websites\n  payment_details: ${words(600)}`,
    )
    const yaml = edit(details, '{name}, ', '{name}, {payment_details} ')
    expectIssue(yaml, 'replies → #1 → text', 'text: "{name}', 'the reply with its variables filled in')
  })

  it('a text too long gets one instruction: how long it is, its limit and by how much, figures that agree', () => {
    /** The figures of every issue about `text` (at it, or at one of its language variants). */
    const figuresFor = (yaml: string, text: string) =>
      issuesOf(yaml)
        .filter((issue) => issue.path === text || issue.path.startsWith(`${text} → `))
        .map((issue) => {
          const figures =
            /^must be at most (\d+) characters long \(it has (\d+)\): .* would be (\d+) characters \([^)]*\); one Telegram message holds 4096: shorten it by at least (\d+)$/.exec(
              issue.message,
            )
          expect(figures, issue.message).not.toBeNull()
          const [limit = 0, has = 0, total = 0, over = 0] = figures?.slice(1).map(Number) ?? []
          expect(over, issue.message).toBe(total - 4096)
          expect(over, issue.message).toBe(has - limit)
          return { path: issue.path, limit, has, over }
        })

    // A saved reply is sent as written: its 5799 characters are 1703 too many for one message
    const reply = `${MINIMAL_YAML}replies:\n  - name: terms\n    text: ${words(5799)}\n`
    expect(figuresFor(reply, 'replies → #1 → text')).toEqual([
      { path: 'replies → #1 → text', limit: 4096, has: 5799, over: 1703 },
    ])
    // …and one that fits a message is not held to a shorter limit
    expect(parseContent(`${MINIMAL_YAML}replies:\n  - name: terms\n    text: ${words(4000)}\n`).ok).toBe(true)

    // A long "about" beside a short "values": once, at the variant to shorten, with the "About" screen's figures
    const about = edit(
      MINIMAL_YAML,
      'about: We build websites',
      `about: { ru: ${words(5799)}, en: We build websites }\n  values: We care`,
    )
    const [atAbout, ...others] = figuresFor(about, 'business → about')
    expect(others).toEqual([])
    expect(atAbout).toMatchObject({ path: 'business → about → ru', has: 5799 })
    expectIssue(about, 'business → about → ru', 'about: {', 'the "About" screen')
    expect(figuresFor(about, 'business → values')).toEqual([])
  })
})

describe('parseContent: where a problem is', () => {
  it('a product is named by its id and a question by its key after their number, the line kept', () => {
    const yaml = edit(
      edit(MINIMAL_YAML, '    price: { amount: 250000 }\n', ''),
      'weights: { landing: 3 }',
      'weights: { landing: three }',
    )
    expect(issuesOf(yaml)).toEqual([
      {
        path: 'quiz → questions → #1 (goal) → options → #1 → weights → landing',
        line: lineWith(yaml, 'landing: three'),
        message: expect.stringContaining('expected a number'),
      },
      { path: 'products → #2 (store) → price', line: lineWith(yaml, '- id: store'), message: 'is required' },
    ])
    expect(formatContentReport(issuesOf(yaml)).split('\n')[1]).toBe(
      `products → #2 (store) → price: is required (line ${lineWith(yaml, '- id: store')})`,
    )
  })
})

describe('parseContent: simple problems of texts, found in one pass', () => {
  /** The first product's title with no "ru", the second's written `store`. */
  const titles = (store: string) =>
    edit(edit(MINIMAL_YAML, 'title: Landing', 'title: { en: Landing }'), 'title: Store', `title: ${store}`)

  it('a text with no "ru" and another with an unknown language: both reported at once, and counted true', () => {
    const yaml = titles('{ ru: Магазин, eng: Store }')
    const issues = issuesOf(yaml)
    expect(issues).toEqual([
      {
        path: 'products → #1 (landing) → title',
        line: lineWith(yaml, 'title: { en: Landing }'),
        message: expect.stringContaining('no "ru" text'),
      },
      {
        path: 'products → #2 (store) → title → eng',
        line: lineWith(yaml, 'eng: Store'),
        message: expect.stringContaining('unknown language "eng" (did you mean "en"?)'),
      },
    ])
    const report = formatContentReport(issues)
    expect(report.split('\n')).toHaveLength(2)
  })

  it('a text the schema found wrong is not reported again for its languages', () => {
    const yaml = titles('{ ru: "", eng: Store }')
    const issues = issuesOf(yaml)
    expect(issues.map((issue) => issue.path)).toEqual([
      'products → #1 (landing) → title',
      'products → #2 (store) → title → ru',
    ])
  })
})

describe('parseContent: a text too long by itself inside a message too long', () => {
  const words = (n: number) => 'y'.repeat(n)

  it('a product title of 4,200 characters: one error, at its line, with the figure that makes every message of it fit', () => {
    const yaml = edit(MINIMAL_YAML, 'title: Landing', `title: ${words(4200)}`)
    const issues = issuesOf(yaml)
    // Not also its card's total, nor its "Details" at the description's line: the title explains both
    expect(issues.map((issue) => issue.path)).toEqual(['products → #1 (landing) → title'])
    const [issue] = issues
    expect(issue?.line).toBe(lineWith(yaml, 'title: yyy'))
    const figures =
      /^must be at most (\d+) characters long \(it has 4200\): its (?:card|"Details") .* would be (\d+) characters \(ru, with the bot's own words\); one Telegram message holds 4096: shorten it by at least (\d+)$/.exec(
        issue?.message ?? '',
      )
    expect(figures, issue?.message).not.toBeNull()
    const [limit = 0, total = 0, over = 0] = figures?.slice(1).map(Number) ?? []
    // The largest of the three figures (the title alone is 604 too long)
    expect(over).toBe(total - 4096)
    expect(over).toBe(4200 - limit)
    expect(over).toBeGreaterThan(4200 - 3596)
    // Shortened by it, the file is valid
    expect(parseContent(edit(MINIMAL_YAML, 'title: Landing', `title: ${words(limit)}`)).ok).toBe(true)
  })

  it('a message the long text alone does not explain is still its own error', () => {
    // The title is 104 too long (its "Details" more: that figure), and the card with forty long
    // "includes" more than the title holds
    const yaml = edit(
      MINIMAL_YAML,
      'title: Landing',
      `title: ${words(3700)}\n    includes: [${Array(40).fill(words(100)).join(', ')}]`,
    )
    const issues = issuesOf(yaml)
    expect(issues.map((issue) => issue.path)).toEqual(['products → #1 (landing)', 'products → #1 (landing) → title'])
    expect(issues[0]?.message).toMatch(/^its card .*shorten it by at least \d+$/)
    expect(issues[1]?.message).toMatch(
      /^must be at most 3580 characters long \(it has 3700\): its "Details" .*shorten it by at least 120$/,
    )
  })
})

describe('parseContent: business settings', () => {
  it('an unknown time zone', () => {
    const yaml = edit(MINIMAL_YAML, 'timezone: Europe/Moscow', 'timezone: Moscow')
    expectIssue(
      yaml,
      'business → timezone',
      'timezone: Moscow',
      'unknown time zone "Moscow" (did you mean Europe/Moscow?)',
    )
    // A city of another zone, and a misspelt name
    for (const [written, meant] of [
      ['Almaty', 'Asia/Almaty'],
      ['new york', 'America/New_York'],
      ['Europe/Berln', 'Europe/Berlin'],
      ['Moskow', 'Europe/Moscow'],
      // A city on another's time, and a city written in Russian
      ['Kazan', 'Europe/Moscow'],
      ['Europe/Kazan', 'Europe/Moscow'],
      ['Уфа', 'Asia/Yekaterinburg'],
      ['Новосибирск', 'Asia/Novosibirsk'],
      ['Khabarovsk', 'Asia/Vladivostok'],
      ['Нижний Новгород', 'Europe/Moscow'],
      ['saint_petersburg', 'Europe/Moscow'],
    ]) {
      const other = edit(MINIMAL_YAML, 'timezone: Europe/Moscow', `timezone: ${written}`)
      expectIssue(other, 'business → timezone', `timezone: ${written}`, `(did you mean ${meant}?)`)
    }
    for (const nowhere of ['Narnia', 'MSK']) {
      const yaml = edit(MINIMAL_YAML, 'timezone: Europe/Moscow', `timezone: ${nowhere}`)
      expectIssue(yaml, 'business → timezone', `timezone: ${nowhere}`, 'use an IANA name such as Europe/Moscow')
    }
  })

  it('a malformed working-hours interval', () => {
    const yaml = edit(MINIMAL_YAML, 'mon: ["10:00-19:00"]', 'mon: ["10:00-19:00"]\n    tue: ["10-19"]')
    expectIssue(yaml, 'business → hours → tue → #1', 'tue:', 'expected a time range like "10:00-19:00"')
  })

  it('a single interval written without brackets', () => {
    const yaml = edit(MINIMAL_YAML, 'mon: ["10:00-19:00"]', 'mon: 10:00-19:00')
    expectIssue(
      yaml,
      'business → hours → mon',
      'mon: 10:00',
      'expected a list, got "10:00-19:00" (write a list: ["10:00-19:00"])',
    )
  })

  it('an interval that ends before it starts', () => {
    const yaml = edit(
      MINIMAL_YAML,
      'mon: ["10:00-19:00"]',
      'mon:\n      - "10:00-19:00"\n    fri:\n      - "22:00-02:00"',
    )
    expectIssue(yaml, 'business → hours → fri → #1', '22:00-02:00', 'ends before it starts')
  })

  it('overlapping intervals, reported at the later one', () => {
    const yaml = edit(MINIMAL_YAML, 'mon: ["10:00-19:00"]', 'mon:\n      - "14:00-19:00"\n      - "10:00-15:00"')
    expectIssue(yaml, 'business → hours → mon → #1', '14:00-19:00', 'overlaps "10:00-15:00"')
  })

  it('touching intervals (a lunch break) are fine', () => {
    const yaml = edit(MINIMAL_YAML, 'mon: ["10:00-19:00"]', 'mon: ["10:00-13:00", "14:00-19:00", "19:00-24:00"]')
    expect(parseContent(yaml).ok).toBe(true)
  })

  it('no working hours at all', () => {
    const yaml = edit(MINIMAL_YAML, 'mon: ["10:00-19:00"]', 'mon: []')
    expectIssue(yaml, 'business → hours', 'hours:', 'no working hours on any day')
  })

  it('a holiday that is not a real date, or not written as one', () => {
    const yaml = edit(MINIMAL_YAML, '  hours:', '  holidays: ["2026-01-01", "2026-02-30"]\n  hours:')
    expectIssue(yaml, 'business → holidays → #2', 'holidays:', 'no such day in the calendar')
    // A day of every year: 29 February is one (in leap years), 30 February none
    const yearly = edit(MINIMAL_YAML, '  hours:', '  holidays: ["01-01", "02-29", "02-30", "31.12"]\n  hours:')
    expect(issuesOf(yearly).map((i) => [i.path, i.message])).toEqual([
      ['business → holidays → #3', 'no such day in the calendar'],
      ['business → holidays → #4', 'expected a date like 2026-12-31, or 12-31 for every year (write 12-31)'],
    ])
    const written = edit(MINIMAL_YAML, '  hours:', '  holidays: ["1.01.2026", 31.12.2026]\n  hours:')
    expectIssue(
      written,
      'business → holidays → #1',
      'holidays:',
      'expected a date like 2026-12-31, or 12-31 for every year (write 2026-01-01)',
    )
    // One line per date: a real day written otherwise is not said to be "no such day" too
    expect(issuesOf(written).map((i) => [i.path, i.message])).toEqual([
      ['business → holidays → #1', 'expected a date like 2026-12-31, or 12-31 for every year (write 2026-01-01)'],
      ['business → holidays → #2', 'expected a date like 2026-12-31, or 12-31 for every year (write 2026-12-31)'],
    ])
  })

  it('languages written by their names: the codes to write instead', () => {
    const one = edit(MINIMAL_YAML, '  hours:', '  languages: русский\n  hours:')
    expectIssue(
      one,
      'business → languages',
      'languages:',
      'expected a list of language codes, got "русский" (write [ru])',
    )
    const listed = edit(MINIMAL_YAML, '  hours:', '  languages: [ru, English]\n  hours:')
    expectIssue(listed, 'business → languages → #2', 'languages:', "write the language's code: en")
  })
})

describe('parseContent: questions', () => {
  it('a choice question without options', () => {
    const yaml = edit(
      MINIMAL_YAML,
      '      options:\n        - { value: lt100, label: up to 100k }\n        - { value: gt100, label: over 100k }\n',
      '',
    )
    expectIssue(yaml, 'discovery → questions → #1 (budget) → options', 'key: budget', 'needs at least 2 options')
  })

  it('options on a text question', () => {
    const yaml = edit(MINIMAL_YAML, 'type: choice', 'type: text')
    expect(issuesOf(yaml)).toContainEqual({
      path: 'discovery → questions → #1 (budget) → options',
      line: lineWith(yaml, 'text: Budget?') + 2,
      message: 'options are only for choice and multi questions, this one is "text"',
    })
  })

  it('validation that does not fit the type, a bad regex, min above max', () => {
    const yaml = edit(
      MINIMAL_YAML,
      'quiz:\n',
      `    - key: pages
      text: How many pages?
      type: number
      validation: { min: 10, max: 5, pattern: "[a-" }
quiz:
`,
    )
    const line = lineWith(yaml, 'validation:')
    const path = 'discovery → questions → #2 (pages) → validation'
    expect(issuesOf(yaml)).toEqual([
      { path: `${path} → pattern`, line, message: expect.stringContaining('not a valid regular expression') },
      { path: `${path} → pattern`, line, message: expect.stringContaining('does not apply to a number question') },
      { path: `${path} → max`, line, message: 'max is smaller than min' },
    ])
  })

  it('a text answer length above the 2000 characters an answer can have', () => {
    const yaml = edit(
      MINIMAL_YAML,
      'quiz:\n',
      `    - key: task
      text: What should the site do?
      type: text
      validation: { min_length: 2500, max_length: 3000 }
quiz:
`,
    )
    const line = lineWith(yaml, 'validation:')
    const path = 'discovery → questions → #2 (task) → validation'
    expect(issuesOf(yaml)).toEqual([
      { path: `${path} → min_length`, line, message: expect.stringContaining('must be at most 2000') },
      { path: `${path} → max_length`, line, message: expect.stringContaining('must be at most 2000') },
    ])
    // Content taken before this check still starts the bot (with a warning)
    expect(parseContent(yaml, { saved: true }).ok).toBe(true)
  })

  it('more options than Telegram shows buttons under one message, with the bot’s own', () => {
    const options = (n: number) =>
      Array.from({ length: n }, (_, i) => `        - { value: c${i}, label: Город ${i} }`).join('\n')
    const question = (section: string, n: number) =>
      edit(
        MINIMAL_YAML,
        `${section}:\n  questions:\n`,
        `${section}:\n  questions:\n    - key: city\n      text: Город?\n      type: multi\n      options:\n${options(n)}\n`,
      )
    expect(parseContent(question('discovery', 96)).ok).toBe(true)
    for (const section of ['discovery', 'quiz']) {
      const yaml = question(section, 97)
      expect(issuesOf(yaml)).toContainEqual({
        path: `${section} → questions → #1 (city) → options`,
        line: lineWith(yaml, 'text: Город?') + 2,
        message: expect.stringContaining('at most 96 options: Telegram shows at most 100 buttons under a message'),
      })
    }
    // Content taken before this check still starts the bot (with a warning)
    expect(parseContent(question('discovery', 97), { saved: true }).ok).toBe(true)
  })

  it('a question with no validation settings for its type', () => {
    const yaml = edit(
      MINIMAL_YAML,
      'quiz:\n',
      `    - key: phone
      text: Phone?
      type: phone
      validation:
        max_length: 20
quiz:
`,
    )
    expectIssue(
      yaml,
      'discovery → questions → #2 (phone) → validation → max_length',
      'max_length: 20',
      'a phone question has no validation',
    )
  })
})

describe('parseContent: checks across the file', () => {
  it('a duplicate product id, at the second one', () => {
    const yaml = edit(MINIMAL_YAML, '  - id: store', '  - id: landing')
    expect(issuesOf(yaml)).toContainEqual({
      path: 'products → #2 (landing) → id',
      line: lineWith(yaml, 'title: Store') - 1,
      message: 'duplicate product id "landing", already used at products → #1 → id',
    })
  })

  it('duplicate question keys, in discovery and in the quiz', () => {
    const withDiscovery = edit(MINIMAL_YAML, 'quiz:\n', '    - { key: budget, text: Again?, type: text }\nquiz:\n')
    const yaml = edit(
      withDiscovery,
      'products:',
      '    - key: goal\n      text: Again quiz?\n      options: [{ value: a, label: A }, { value: b, label: B }]\nproducts:',
    )
    expect(issuesOf(yaml)).toEqual([
      {
        path: 'discovery → questions → #2 (budget) → key',
        line: lineWith(yaml, 'key: budget, text: Again?'),
        message: 'duplicate question key "budget", already used at discovery → questions → #1 → key',
      },
      {
        path: 'quiz → questions → #2 (goal) → key',
        line: lineWith(yaml, 'text: Again quiz?') - 1,
        message: 'duplicate question key "goal", already used at quiz → questions → #1 → key',
      },
    ])
  })

  it('duplicate option values', () => {
    const yaml = edit(MINIMAL_YAML, '{ value: gt100, label: over 100k }', '{ value: lt100, label: over 100k }')
    expectIssue(
      yaml,
      'discovery → questions → #1 (budget) → options → #2 → value',
      'label: over 100k',
      'duplicate option value "lt100", already used at discovery → questions → #1 → options → #1 → value',
    )
  })

  it('a weight naming an unknown product, with a suggestion', () => {
    const yaml = edit(MINIMAL_YAML, 'weights: { landing: 3 }', 'weights: { landng: 3 }')
    expectIssue(
      yaml,
      'quiz → questions → #1 (goal) → options → #1 → weights → landng',
      'landng: 3',
      'unknown product id "landng" (did you mean "landing"?)',
    )
  })

  it('a staff group rule naming an unknown product, with a suggestion', () => {
    const yaml = `${MINIMAL_YAML}handoff:\n  groups:\n    - { group: -1009876543210, products: [landing, stor] }\n`
    expectIssue(
      yaml,
      'handoff → groups → #1 → products → #2',
      'products: [landing, stor]',
      'unknown product id "stor" (did you mean "store"?)',
    )
    expect(issuesOf(yaml)).toHaveLength(1)
  })

  it('a weight naming a product that does not exist at all lists the ids', () => {
    const yaml = edit(MINIMAL_YAML, 'weights: { landing: 3 }', 'weights: { corporate: 3 }')
    expectIssue(
      yaml,
      'quiz → questions → #1 (goal) → options → #1 → weights → corporate',
      'corporate: 3',
      'product ids: landing, store',
    )
  })

  it('a weight naming an unknown tag', () => {
    const yaml = edit(MINIMAL_YAML, '"tag:ecommerce": 1', '"tag:shop": 1')
    expectIssue(
      yaml,
      'quiz → questions → #1 (goal) → options → #2 → weights → tag:shop',
      'tag:shop',
      'unknown tag "shop": no product has it',
    )
  })

  it('a tag written as a product id', () => {
    const yaml = edit(MINIMAL_YAML, 'weights: { landing: 3 }', 'weights: { landing: 3, fast: 1 }')
    expectIssue(yaml, 'quiz → questions → #1 (goal) → options → #1 → weights → fast', 'fast: 1', 'write "tag:fast"')
  })

  describe("a quiz question's same_as", () => {
    const linked = (sameAs: string) =>
      edit(MINIMAL_YAML, '      text: What for?\n', `      text: What for?\n      same_as: ${sameAs}\n`)

    it('names a discovery question that exists, with a suggestion', () => {
      expectIssue(
        linked('{ discovery: budgt }'),
        'quiz → questions → #1 (goal) → same_as → discovery',
        'same_as',
        'no discovery question "budgt" (did you mean "budget"?)',
      )
    })

    it('maps answers that both questions have', () => {
      const yaml = linked('{ discovery: budget, answers: { lt100: leads, huge: sell, gt100: buy } }')
      expectIssue(
        yaml,
        'quiz → questions → #1 (goal) → same_as → answers → huge',
        'same_as',
        '"budget" has no answer "huge"',
      )
      expectIssue(
        yaml,
        'quiz → questions → #1 (goal) → same_as → answers → gt100',
        'same_as',
        'this question has no answer "buy"',
      )
      expect(issuesOf(yaml)).toHaveLength(2)
    })

    it('an answer map that maps nothing', () => {
      expectIssue(
        linked('{ discovery: budget, answers: {} }'),
        'quiz → questions → #1 (goal) → same_as → answers',
        'same_as',
        'maps no answer',
      )
    })

    it('without answers, needs answer values in common', () => {
      expectIssue(
        linked('{ discovery: budget }'),
        'quiz → questions → #1 (goal) → same_as → discovery',
        'same_as',
        'no answer values in common',
      )
    })

    it('links two one-answer questions only', () => {
      const yaml = edit(
        linked('{ discovery: budget, answers: { lt100: leads } }'),
        '      text: What for?\n',
        '      text: What for?\n      type: multi\n',
      )
      expectIssue(
        yaml,
        'quiz → questions → #1 (goal) → same_as → discovery',
        'same_as',
        'only two one-answer questions can be the same',
      )
    })

    it('a valid link parses', () => {
      expect(parseContent(linked('{ discovery: budget, answers: { lt100: leads, gt100: sell } }')).ok).toBe(true)
    })
  })

  it('a match threshold no product can reach', () => {
    const yaml = edit(MINIMAL_YAML, 'quiz:\n', 'quiz:\n  match_threshold: 10\n')
    expectIssue(yaml, 'quiz → match_threshold', 'match_threshold: 10', 'the best possible is 4, "store"')
  })

  it('runs only once the structure is valid, so schema errors come first', () => {
    const yaml = edit(edit(MINIMAL_YAML, '  - id: store', '  - id: landing'), 'price: { amount: 45000 }', 'price: {}')
    expect(issuesOf(yaml).map((issue) => issue.path)).toEqual(['products → #1 (landing) → price → amount'])
  })
})

describe('parseContent: YAML problems', () => {
  it('a syntax error has the line', () => {
    const yaml = edit(MINIMAL_YAML, 'tags: [fast]', 'tags: [fast')
    const issues = issuesOf(yaml)
    expect(issues[0]).toMatchObject({ path: '', message: expect.stringMatching(/^YAML syntax error: /) })
    expect(issues[0]?.line).toBeGreaterThanOrEqual(lineWith(yaml, 'tags: [fast'))
  })

  it('a key written twice in one block', () => {
    const yaml = edit(MINIMAL_YAML, '  about: We build websites', '  about: We build websites\n  about: Again')
    expect(issuesOf(yaml)).toEqual([
      {
        path: '',
        line: lineWith(yaml, 'about: Again'),
        message: 'YAML syntax error: the key "about" is written twice in one block: keep one',
        unread: true,
      },
    ])
  })

  it('tabs used for indentation, without the lines they throw out of their blocks', () => {
    const yaml = edit(MINIMAL_YAML, '  timezone: Europe/Moscow', '\ttimezone: Europe/Moscow')
    expect(issuesOf(yaml)).toEqual([
      {
        path: '',
        line: lineWith(yaml, '\ttimezone'),
        message: 'YAML syntax error: a tab in the indentation: indent with spaces only',
        unread: true,
      },
    ])
  })

  /** The first problem of `yaml` (a syntax error is what the rest follows from). */
  const firstOf = (yaml: string) => issuesOf(yaml)[0]

  it('the mistakes an owner makes in YAML, each in their words, with what to do', () => {
    // One space too many after a text: read as the end of that text, and reported at the line to fix
    const indented = edit(MINIMAL_YAML, '  timezone: Europe/Moscow', '   timezone: Europe/Moscow')
    expect(issuesOf(indented)).toEqual([
      {
        path: '',
        line: lineWith(indented, 'timezone:'),
        message:
          "YAML syntax error: this line is indented more than the key above it, so it reads as the end of that key's text: if it is a key, indent it like the other keys of its block; if it goes on with the text, put the whole text in quotes",
        unread: true,
      },
    ])
    // A text going on on the next line with ": " in it reads the same way: the hint names both
    const goesOn = edit(
      MINIMAL_YAML,
      '  about: We build websites',
      '  about: We build websites\n    for business: fast and honest',
    )
    expect(firstOf(goesOn)?.message).toContain('if it goes on with the text, put the whole text in quotes')
    // After a blank line and comments: the line whose indentation is off, not the blank one
    const afterComment = edit(
      MINIMAL_YAML,
      '  timezone: Europe/Moscow',
      '  contacts:\n    phone: "+7 495 123-45-67"\n\n  # The time zone\n   timezone: Europe/Moscow',
    )
    expect(firstOf(afterComment)?.line).toBe(lineWith(afterComment, 'timezone:'))
    // The rest: the line of the mistake, and what to do about it
    const STAR = 'YAML syntax error: a text starting with * must be in quotes: "*…"'
    const mistakes: { from: string; to: string; at: string; message: string }[] = [
      {
        from: '    mon: ["10:00-19:00"]',
        to: '    mon: ["10:00-19:00"]\n   tue: ["10:00-19:00"]',
        at: 'tue:',
        message:
          'YAML syntax error: the indentation does not match its block (keys of one block start at the same column): check this line and the ones above it',
      },
      {
        from: 'about: We build websites',
        to: 'about: Note: we build websites',
        at: 'about: Note',
        message: 'YAML syntax error: a text with ": " in it: put the whole text in quotes',
      },
      {
        from: 'about: We build websites',
        to: 'about: "We build websites',
        at: 'about: "We',
        message: 'YAML syntax error: a text in quotes has no closing quote: add it at the end of the text',
      },
      {
        from: 'about: We build websites',
        to: 'about: @studio builds websites',
        at: 'about: @studio',
        message: 'YAML syntax error: a text starting with @ must be in quotes: "@…"',
      },
      {
        from: '  timezone: Europe/Moscow',
        to: '  timezone:Europe/Moscow',
        at: 'timezone:Europe',
        message: 'YAML syntax error: not a "key: value" line: is the colon, or the space after it, missing?',
      },
      {
        from: '  about: We build websites',
        to: '  about:\n    ru: |\n    Делаем сайты с 2016 года.\n      Лендинги и магазины: под ключ.',
        at: 'Делаем сайты',
        message: 'YAML syntax error: the lines of a text after "|" or ">" must be indented more than its key',
      },
      { from: 'about: We build websites', to: 'about: *best* websites', at: 'about: *best*', message: STAR },
      {
        from: 'about: We build websites',
        to: 'about: "Best" websites',
        at: 'about: "Best"',
        message:
          'YAML syntax error: text after a closing quote: put quotes only around the whole text (inside it, use « »)',
      },
    ]
    for (const { from, to, at, message } of mistakes) {
      const yaml = edit(MINIMAL_YAML, from, to)
      expect(firstOf(yaml), to).toEqual({ path: '', line: lineWith(yaml, at), message, unread: true })
    }
    const bracket = edit(MINIMAL_YAML, 'mon: ["10:00-19:00"]', 'mon: ["10:00-19:00"\n    tue: ["10:00-19:00"]')
    expect(firstOf(bracket)?.message).toBe(
      'YAML syntax error: a list in [ ] is not closed: end it with ] (on the line above, or on this one)',
    )
    // An alias (*name) is refused like a text starting with *, and once
    const alias = edit(MINIMAL_YAML, 'about: We build websites', 'about: *best')
    expect(issuesOf(alias)).toEqual([{ path: '', line: lineWith(alias, 'about: *best'), message: STAR, unread: true }])
  })

  it('an empty file', () => {
    expect(issuesOf('')).toEqual([{ path: '', message: 'the file is empty' }])
    expect(issuesOf('# only a comment\n')).toEqual([{ path: '', message: 'the file is empty' }])
  })

  it('a file saved in Windows-1251 is refused at the first line it garbles, not run with "�" for every letter', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'clientdesk-encoding-'))
    try {
      const file = join(folder, 'content.yaml')
      const yaml = edit(MINIMAL_YAML, 'about: We build websites', 'about: Делаем сайты')
      await writeFile(file, windows1251(yaml))
      expect(await loadContentFile(file)).toEqual({
        ok: false,
        errors: [
          {
            path: '',
            line: lineWith(yaml, 'Делаем сайты'),
            message: 'the file is not saved as UTF-8 (perhaps as Windows-1251): save it with the encoding UTF-8',
            kind: 'encoding',
            unread: true,
          },
        ],
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('a file saved as UTF-16 ("Unicode" in Notepad) is refused with what to do', () => {
    // One that starts with a long comment in Russian has few zero bytes: its mark tells
    const russian = `# ${'Описание студии и её услуг для клиентов '.repeat(20)}\n${MINIMAL_YAML}`
    for (const yaml of [MINIMAL_YAML, russian]) {
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')])
      expect(issuesOf(utf16.toString('utf8'))).toEqual([
        { path: '', message: 'the file is saved as UTF-16 ("Unicode"): save it with the encoding UTF-8', unread: true },
      ])
    }
  })

  it('a Word document or a PDF renamed to .yaml is not taken for UTF-16', () => {
    // The start of a .docx (a zip): its header, then compressed bytes
    const header = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00])
    const compressed = Buffer.from(Array.from({ length: 600 }, (_, i) => ((i * 193 + 71) % 255) + 1))
    const docx = Buffer.concat([header, Buffer.from('[Content_Types].xml'), compressed])
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n'), Buffer.alloc(3), compressed])
    for (const file of [docx, pdf]) {
      expect(issuesOf(file.toString('utf8'))).toEqual([
        {
          path: '',
          message:
            'this is not a text file (a Word document, a PDF, a picture?): save the content as plain text in UTF-8, with the extension .yaml',
          unread: true,
        },
      ])
    }
  })

  it('a file that is a list instead of a mapping', () => {
    expect(issuesOf('- a\n- b\n')).toEqual([
      { path: '', line: 1, message: 'expected a mapping of keys to values, got a list' },
    ])
  })

  it('reports every problem, top to bottom', () => {
    const broken = edit(
      edit(MINIMAL_YAML, 'timezone: Europe/Moscow', 'timezone: Mars/Olympus'),
      'amount: 250000',
      'amount: -1',
    )
    const yaml = edit(broken, 'type: choice', 'type: number')
    const issues = issuesOf(yaml)
    expect(issues.map((issue) => issue.path)).toEqual([
      'business → timezone',
      'discovery → questions → #1 (budget) → options',
      'products → #2 (store) → price → amount',
    ])
    expect(issues.map((issue) => issue.line)).toEqual([
      lineWith(yaml, 'timezone:'),
      lineWith(yaml, 'text: Budget?') + 2,
      lineWith(yaml, 'amount: -1'),
    ])
  })

  it('follows aliases to the anchored node', () => {
    const yaml = edit(
      edit(MINIMAL_YAML, '    price: { amount: 45000 }', '    price: &price { amount: oops }'),
      '    price: { amount: 250000 }',
      '    price: *price',
    )
    const line = lineWith(yaml, '&price')
    expect(issuesOf(yaml)).toEqual([
      {
        path: 'products → #1 (landing) → price → amount',
        line,
        message: 'expected a number, got "oops" (write it like 45000 or 45 000)',
      },
      {
        path: 'products → #2 (store) → price → amount',
        line,
        message: 'expected a number, got "oops" (write it like 45000 or 45 000)',
      },
    ])
  })
})

describe('formatContentReport', () => {
  const errors = [
    {
      path: 'quiz → questions → #3 → options → #2 → weights → landing',
      line: 57,
      message: 'expected a number, got "x"',
    },
    { path: '', line: 3, message: 'YAML syntax error: bad' },
    { path: '', message: 'cannot read x.yaml: no such file' },
  ]

  it('prints one line per issue', () => {
    expect(formatContentReport(errors)).toBe(
      [
        'quiz → questions → #3 → options → #2 → weights → landing: expected a number, got "x" (line 57)',
        'YAML syntax error: bad (line 3)',
        'cannot read x.yaml: no such file',
      ].join('\n'),
    )
  })

  it('can cut a long report to whole lines that fit, pointing to the full list', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      path: `products → #${i + 1} → title`,
      line: i + 1,
      message: 'x'.repeat(40),
    }))
    const report = formatContentReport(many, { maxChars: 1000 })
    expect(report.length).toBeLessThanOrEqual(1000)
    const lines = report.split('\n')
    expect(lines[0]).toBe(`products → #1 → title: ${'x'.repeat(40)} (line 1)`)
    expect(lines.at(-1)).toBe(`…and ${60 - (lines.length - 1)} more: npm run content:check lists them all`)
    // A report that fits is whole; one line longer than everything is cut, not dropped
    expect(formatContentReport(errors, { maxChars: 1000 })).toBe(formatContentReport(errors))
    const long = formatContentReport([{ path: 'business → about', message: 'y'.repeat(2000) }, ...errors], {
      maxChars: 500,
    })
    expect(long.length).toBeLessThanOrEqual(500)
    expect(long.split('\n')).toEqual([
      expect.stringMatching(/^business → about: y+…$/),
      '…and 3 more: npm run content:check lists them all',
    ])
  })

  it('formats paths the way the owner reads them', () => {
    expect(formatPath(['quiz', 'questions', 2, 'options', 1, 'weights', 'tag:fast'])).toBe(
      'quiz → questions → #3 → options → #2 → weights → tag:fast',
    )
    expect(formatPath([])).toBe('')
  })
})

describe('loadContentFile', () => {
  let folder = ''
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'clientdesk-content-'))
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('reads and validates a file', async () => {
    const file = join(folder, 'ok.yaml')
    await writeFile(file, MINIMAL_YAML)
    const result = await loadContentFile(file)
    expect(result.ok).toBe(true)
  })

  it('reports the same issues as parseContent', async () => {
    const file = join(folder, 'bad.yaml')
    const yaml = edit(MINIMAL_YAML, 'timezone: Europe/Moscow', 'timezone: Moscow')
    await writeFile(file, yaml)
    expect(await loadContentFile(file)).toEqual(parseContent(yaml))
  })

  it('a missing file is one issue', async () => {
    const file = join(folder, 'missing.yaml')
    expect(await loadContentFile(file)).toEqual({
      ok: false,
      errors: [{ path: '', message: `cannot read ${file}: no such file`, kind: 'file' }],
    })
  })

  it('a folder is one issue', async () => {
    const result = await loadContentFile(folder)
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '', message: expect.stringContaining('it is a folder'), kind: 'file' }],
    })
  })

  it('loads the demo file from its exported path', async () => {
    const result = await loadContentFile(DEMO_CONTENT_PATH)
    expect(result.ok).toBe(true)
    expect(parseContent(await readFile(DEMO_CONTENT_PATH, 'utf8'))).toEqual(result)
  })
})
