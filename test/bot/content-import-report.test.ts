/**
 * The report an owner reads of an invalid content file sent in the chat: every simple problem of
 * a text at once (not one upload after another), and a count that is true.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createHarness, DEMO_CONTENT_PATH, OWNER_ID, yamlDocument } from '../helpers/harness.ts'

const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')

/** `text` with `from` replaced by `to`; fails loudly when `from` is not there. */
function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from)
  return text.replace(from, to)
}

describe('an invalid content file sent in the chat: what the owner reads', () => {
  it('a title with no Russian and another with a language "eng": both in one report, "2 ошибки"', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const yaml = edit(
      edit(demo, 'title: { ru: Лендинг под ключ, en: Turnkey landing page }', 'title: { en: Turnkey landing page }'),
      'title: { ru: Корпоративный сайт, en: Company website }',
      'title: { ru: Корпоративный сайт, eng: Company website }',
    )
    await h.send(yamlDocument(h, owner, yaml))
    const report = h.fake.lastTextTo(owner.id)
    expect(report).toMatch(/^⚠️ В файле 2 ошибки — бот продолжает работать на прежней версии\./)
    const lines = report.split('\n\n').at(-1)?.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines?.[0]).toMatch(/^Нет текста на основном языке — products → #1 \(landing\) → title: no "ru" text/)
    expect(lines?.[1]).toMatch(
      /^Неизвестный язык — products → #2 \(corporate\) → title → eng: unknown language "eng" \(did you mean "en"\?\)/,
    )
    expect(h.errors()).toEqual([])
  })

  it('one mistake made in many places is counted in every place, not as the lines listed', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    // Every text written { ru: …, en: … } with its Russian taken out
    const yaml = demo.replace(/\{ ru: ([^,{}]+), en: /g, '{ en: ')
    await h.send(yamlDocument(h, owner, yaml))
    const report = h.fake.lastTextTo(owner.id)
    // Three listed, the rest counted in one line: all of them in the header's count
    const more = Number(/the same in (\d+) more places/.exec(report)?.[1])
    expect(more).toBeGreaterThan(50)
    expect(report).toMatch(new RegExp(`^⚠️ В файле ${3 + more} ошиб`))
  })
})

describe('a price written the Russian way', () => {
  const LANDING_PRICE = '    price: { amount: 45000, currency: RUB, from: true }'

  /** The price list a client asking what things cost reads. */
  async function priceList(h: ReturnType<typeof createHarness>, telegramId: number): Promise<string> {
    const user = h.u.user(telegramId, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'Сколько стоит сайт?'))
    return h.fake.textsTo(user.id).find((t) => t.startsWith('💰')) ?? ''
  }

  it('"49 500" (a space or a no-break space between the thousands) and "49 500,50" are taken as the amounts they are', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    await h.send(
      yamlDocument(h, owner, edit(demo, LANDING_PRICE, '    price: { amount: 49 500, currency: RUB, from: true }')),
    )
    expect(h.fake.lastTextTo(owner.id)).toMatch(/^✅ Новый контент применён/)
    expect(await priceList(h, 9601)).toMatch(/^• Лендинг под ключ — от 49\s500\s₽$/m)

    await h.send(
      yamlDocument(
        h,
        owner,
        edit(demo, LANDING_PRICE, '    price: { amount: 1\u00a0049\u00a0500, currency: RUB, from: true }'),
      ),
    )
    expect(h.fake.lastTextTo(owner.id)).toMatch(/^✅ Новый контент применён/)
    expect(await priceList(h, 9602)).toMatch(/^• Лендинг под ключ — от 1\s049\s500\s₽$/m)

    // A decimal comma, in a price written as a block (in { } a comma starts the next key: below)
    const block = '    price:\n      amount: 49 500,50\n      currency: RUB\n      from: true'
    await h.send(yamlDocument(h, owner, edit(demo, LANDING_PRICE, block)))
    expect(h.fake.lastTextTo(owner.id)).toMatch(/^✅ Новый контент применён/)
    expect(await priceList(h, 9603)).toMatch(/^• Лендинг под ключ — от 49\s500,50\s₽$/m)
    expect(h.errors()).toEqual([])
  })

  it('a decimal comma inside { } is told how to write it; "49,500" (thousands or a decimal?) is not guessed', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const before = h.deps.content.get()
    const inBraces = edit(demo, LANDING_PRICE, '    price: { amount: 49 500,50, currency: RUB, from: true }')
    await h.send(yamlDocument(h, owner, inBraces))
    const line = inBraces.split('\n').indexOf('    price: { amount: 49 500,50, currency: RUB, from: true }') + 1
    expect(h.fake.lastTextTo(owner.id)).toContain(
      `products → #1 (landing) → price → 50: inside { } a comma starts the next key: write the amount's decimals after a point (45 000.50), or the amount in quotes ("45 000,50") (line ${line})`,
    )
    const ambiguous = edit(demo, LANDING_PRICE, '    price:\n      amount: 49,500\n      currency: RUB')
    await h.send(yamlDocument(h, owner, ambiguous))
    expect(h.fake.lastTextTo(owner.id)).toContain(
      'products → #1 (landing) → price → amount: expected a number, got "49,500" (write it like 45000 or 45 000)',
    )
    expect(h.deps.content.get()).toBe(before)
  })
})

describe('the report in the owner’s words, and where the guide is', () => {
  it('each line opens with what is wrong in the owner’s language, then the checker’s exact line; the log keeps the line alone', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const yaml = edit(
      edit(
        demo,
        '    price: { amount: 45000, currency: RUB, from: true }',
        '    price: { amount: 45 000 руб, currency: RUB, from: true }',
      ),
      '    in_stock: false',
      '    in_stok: false',
    )
    const lineOf = (text: string) => yaml.split('\n').findIndex((l) => l.includes(text)) + 1
    await h.send(yamlDocument(h, owner, yaml))
    const reply = h.fake.lastTextTo(owner.id)
    expect(reply.split('\n\n').at(-1)?.split('\n')).toEqual([
      `Нужно число — products → #1 (landing) → price → amount: expected a number, got "45 000 руб" (write it like 45000 or 45 000) (line ${lineOf('45 000 руб')})`,
      expect.stringMatching(
        /^Неизвестное поле \(опечатка\?\) — products → #\d \(\w+\) → in_stok: unknown key \(did you mean "in_stock"\?\) \(line \d+\)$/,
      ),
    ])
    // Where the guide is, in a way the owner can follow: not a bare "docs/content.md"
    expect(reply).toContain(
      'Подробно о каждом поле — в руководстве по файлу контента (на английском): это файл docs/content.md в папке с программой бота; если у вас его нет, попросите того, кто устанавливал бота.',
    )
    // The log has the checker's lines as they are, for whoever reads it with the guide
    const logged = h.logs.find((l) => l.msg === 'uploaded content rejected') as { report?: string } | undefined
    expect(logged?.report?.split('\n')[0]).toMatch(/^products → #1 \(landing\) → price → amount: expected a number/)

    const english = h.u.user(OWNER_ID, { language_code: 'en' })
    await h.send(h.u.text(english, '/language'), h.u.callback(english, 'lang:en'))
    await h.send(yamlDocument(h, english, yaml))
    const en = h.fake.lastTextTo(owner.id)
    expect(en.split('\n\n').at(-1)?.split('\n')[0]).toMatch(
      /^A number is needed — products → #1 \(landing\) → price → amount: /,
    )
    expect(en).toContain(
      "Every field is explained in the content guide: the file docs/content.md in the bot's program folder; if you do not have it, ask whoever installed the bot.",
    )
  })
})

describe('a file of a business that speaks English only: what its owner reads', () => {
  /** A bike shop's file: `languages: [en]` unless `languages` says otherwise ('' leaves the line out). */
  const bikeShop = (name: string, about = '  about: Bike servicing and rentals', languages = '[en]') =>
    [
      'business:',
      `  name: ${name}`,
      about,
      '  timezone: Europe/London',
      ...(languages ? [`  languages: ${languages}`] : []),
      '  hours:',
      '    mon: ["09:00-18:00"]',
      '',
    ].join('\n')

  /** The owner, in English, sends `yaml`: the lines of the report they read (or the whole answer when it took the file). */
  async function upload(yaml: string): Promise<string[]> {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { language_code: 'en' })
    await h.send(yamlDocument(h, owner, yaml))
    const reply = h.fake.lastTextTo(owner.id)
    expect(h.errors()).toEqual([])
    return reply.startsWith('✅') ? [reply] : (reply.split('\n\n').at(-1)?.split('\n') ?? [])
  }

  it('`{ en: … }` is taken: English is the file’s main language, no Russian is asked for', async () => {
    const [reply] = await upload(bikeShop('{ en: Spokes & Co }'))
    expect(reply).toMatch(/^✅ New content applied: Spokes & Co/)
  })

  it('a text without the file’s main language says which one, in terms of the file, and what to write', async () => {
    expect(await upload(bikeShop('{ ru: Спицы }'))).toEqual([
      'No text in the main language — business → name: no "en" text: your clients read English only (languages: [en]); write the text in English, without { } — a text in one language needs none (line 2)',
    ])
    // No languages line: the bot speaks ru and en, ru first
    expect(await upload(bikeShop('{ en: Spokes & Co }', undefined, ''))).toEqual([
      'No text in the main language — business → name: no "ru" text: with no languages line the bot speaks Russian and English with clients (languages: [ru, en]), and a text written per language needs the first, ru; add ru: …, or, if your clients read English only, write languages: [en] under business (line 2)',
    ])
  })

  it('a text with ": " in it on the line under its key is told to go in quotes, at the text’s place', async () => {
    const about = '  about:\n    servicing and rentals for every bike: same-day fixes'
    expect(await upload(bikeShop('Spokes & Co', about))).toEqual([
      'Written wrong (YAML) — business → about: the text has ": " in it, which makes it read as "key: value": put the whole text in quotes, "…" (line 4)',
    ])
    // In { }: a ", " or ": " starts a new entry
    expect(await upload(bikeShop('Spokes & Co', '  about: { Bike shop, servicing and rentals: open daily }'))).toEqual([
      'Written wrong (YAML) — business → about: inside { } a ", " or ": " starts a new entry, so the text is read as languages: put the text in quotes, { en: "…" }, or, in one language only, write it without { } (line 3)',
    ])
  })
})
