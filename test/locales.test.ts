import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { Translate } from '../src/bot/context.ts'
import type { TypedI18n } from '../src/bot/i18n.ts'
import { createI18n } from '../src/bot/i18n.ts'
import { KEYS_FILE, messageKeys, messageVariables, renderKeysModule } from '../src/locales/generate-keys.ts'
import type { LocaleKey } from '../src/locales/keys.ts'
import { LANGUAGES } from '../src/locales/languages.ts'

const ROOT = join(import.meta.dirname, '..')

/** Every .ts file under `dir` with its text. */
function sources(dir: string): [string, string][] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => [join(dir, file), readFileSync(join(ROOT, dir, file), 'utf8')])
}

describe('locales', () => {
  it('every locale has exactly the same keys', () => {
    const [first, ...rest] = LANGUAGES.map((l) => [l, [...messageKeys(l).keys()].sort()] as const)
    for (const [locale, keys] of rest) expect(keys, `keys of ${locale}`).toEqual(first?.[1])
  })

  it('every translation uses the same variables as the others', () => {
    const [first, ...rest] = LANGUAGES.map((l) => [l, messageVariables(l)] as const)
    expect(first?.[1].get('start-greeting')).toContain('name') // the reader sees the variables
    for (const [locale, variables] of rest) {
      const differ = [...(first?.[1] ?? [])]
        .filter(([key, names]) => JSON.stringify(variables.get(key)) !== JSON.stringify(names))
        .map(([key, names]) => `${key}: ${first?.[0]} {${names}} vs ${locale} {${variables.get(key)}}`)
      expect(differ, `variables of ${locale}`).toEqual([])
    }
  })

  it('no Russian line guesses a staff member’s or another person’s gender with "(а)": the verb is left out', () => {
    const dir = join(ROOT, 'src/locales/ru')
    const guessed = readdirSync(dir)
      .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n'))
      // The client's own words on the payment button («Я оплатил(а)») are theirs to say, whoever they are
      .filter((line) => /[а-яё]\((а|ла)\)/i.test(line.replaceAll('Я оплатил(а)', '')))
    expect(guessed).toEqual([])
  })

  it('English writes one apostrophe and one kind of quotes: "don\'t", “Share my number”', () => {
    const dir = join(ROOT, 'src/locales/en')
    const lines = readdirSync(dir)
      .flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n'))
      .filter((line) => !line.trimStart().startsWith('#'))
    expect(lines.filter((line) => line.includes('’'))).toEqual([])
    // Straight quotes only inside Fluent's own {"…"} literals, an HTML attribute and a shell command to copy as it is
    const straight = lines.filter(
      (line) =>
        line
          .replace(/\{[^{}]*\}/g, '')
          .replace(/href="[^"]*"/g, '')
          .includes('"') && !line.includes('sqlite3'),
    )
    expect(straight).toEqual([])
  })

  it('the typed keys (src/locales/keys.ts) are the ones the .ftl files define: run `npm run locales:keys`', () => {
    expect(readFileSync(KEYS_FILE, 'utf8')).toBe(renderKeysModule())
  })

  it('a key the .ftl files do not define does not type-check (npm run typecheck runs this file)', () => {
    const t: Translate = (key) => key
    expect(t('menu-back')).toBe('menu-back')
    // @ts-expect-error: no .ftl file defines it
    t('menu-bak')
    const status = 'paid' as 'paid' | 'lost'
    // @ts-expect-error: a key built from a value must exist for every value it can take
    t(`handoff-card-order-${status}`)
    expectTypeOf<TypedI18n['t']>().parameter(1).toEqualTypeOf<LocaleKey>()
  })

  it('an id passed as a number does not type-check: Fluent would group its digits as in an amount', () => {
    const i18n = createI18n('ru', () => ['ru', 'en'])
    // @ts-expect-error: an id is text, or it reads "#1 234" in Russian and "#1,234" in English
    expect(i18n.t('ru', 'export-client-done', { id: 1234 })).toMatch(/^Все данные клиента #1\s234\.$/)
    // @ts-expect-error: so is any variable named …Id
    i18n.t('en', 'fu-kind-payment_reminder', { orderId: 1234, stage: 'first' })
    expect(i18n.t('ru', 'export-client-done', { id: String(1234) })).toBe('Все данные клиента #1234.')
    expect(i18n.t('en', 'broadcast-btn-twin-rest', { other: '1234', count: 1234 })).toBe(
      '📨 Send #1234 to the rest (1,234)',
    )
  })

  it('every translation goes through the typed lookup: the plugin’s own string-keyed API is wrapped in one place', () => {
    const untyped = [...sources('src'), ...sources('conversations')]
      .filter(([, text]) => /from '@grammyjs\/i18n'/.test(text))
      .map(([file]) => file)
    // context.ts narrows the plugin's context flavor, i18n.ts the plugin itself
    expect(untyped.sort()).toEqual([join('src', 'bot', 'context.ts'), join('src', 'bot', 'i18n.ts')])
  })

  it('each language keeps its own words when they alternate, and a language added later is used at once', () => {
    const i18n = createI18n('ru', () => ['ru', 'en'])
    for (let i = 0; i < 3; i++) {
      expect(i18n.t('ru', 'menu-back')).toBe('← В меню')
      expect(i18n.t('en', 'menu-back')).toBe('← Menu')
    }
    // The bundles found for a language are remembered (patches/@grammyjs+i18n+1.1.2.patch)…
    const fluent = i18n.fluent as unknown as { matchBundles(locales: string[]): Set<unknown> }
    expect(fluent.matchBundles(['en'])).toBe(fluent.matchBundles(['en']))
    // …until another language's bundle is added
    expect(i18n.t('de' as never, 'menu-back')).toBe('← В меню')
    i18n.loadLocaleSync('de', { source: 'menu-back = ← Zum Menü' })
    expect(i18n.t('de' as never, 'menu-back')).toBe('← Zum Menü')
    expect(i18n.t('en', 'menu-back')).toBe('← Menu')
  })
})

describe('a date in Russian', () => {
  /**
   * A date of another year ends in «г.» ("31 декабря 2026 г.", `calendarDate`), and a short one in
   * the month's stop ("4 янв."): a message that puts a full stop after it read «2026 г.. Оплатить…».
   * These take a moment with its time of day ("пн, 4 янв. 2027 г., 10:00"), which ends in a figure.
   */
  const GIVEN_A_TIME = new Set([
    'handoff-topic-opened',
    'done-already',
    'done-already-job',
    'done-already-no-order',
    'done-checkin',
    'done-nps',
  ])

  it('is followed by no second full stop: every message given a `due` or a `date`, rendered with «31 декабря 2026 г.»', () => {
    const i18n = createI18n('ru', () => ['ru'])
    const date = '31 декабря 2026 г.'
    const doubled = [...messageVariables('ru')]
      .filter(([key, names]) => !GIVEN_A_TIME.has(key) && (names.includes('due') || names.includes('date')))
      .map(([key, names]) => [key, i18n.t('ru', key as LocaleKey, Object.fromEntries(names.map((n) => [n, date])))])
      .filter(([, text]) => text?.includes('г..'))
    expect(doubled).toEqual([])
    // The overdue reminder, as the client reads it
    expect(i18n.t('ru', 'payment-overdue-title', { name: 'Анна', id: '3', due: date })).toMatch(
      /^Анна, срок оплаты счёта №3 был 31 декабря 2026 г\.[^.]/,
    )
  })
})

describe('counts in words', () => {
  it('agree with the number in Russian and English', () => {
    const i18n = createI18n('ru', () => ['ru', 'en'])
    const started = (locale: string, total: number) =>
      i18n.t(locale, 'broadcast-started', { name: '#7', total, left: 0 })
    expect([1, 3, 5, 21].map((n) => started('ru', n))).toEqual([
      '🚀 Рассылка #7 запущена: 1 получатель.',
      '🚀 Рассылка #7 запущена: 3 получателя.',
      '🚀 Рассылка #7 запущена: 5 получателей.',
      '🚀 Рассылка #7 запущена: 21 получатель.',
    ])
    expect(started('en', 1)).toBe('🚀 Broadcast #7 started: 1 recipient.')
    expect(started('en', 2)).toBe('🚀 Broadcast #7 started: 2 recipients.')
    expect(i18n.t('ru', 'stats-chart-title', { business: 'Ромашка', days: 7 })).toBe('Ромашка · 7 дней')
    expect(i18n.t('en', 'stats-chart-title', { business: 'Daisy', days: 1 })).toBe('Daisy · 1 day')
  })

  it('in the restarted-broadcast notice too: most often a single send was cut off', () => {
    const i18n = createI18n('ru', () => ['ru', 'en'])
    const resumed = (locale: string, uncertain: number) =>
      i18n.t(locale, 'broadcast-resumed', { name: '#7', uncertain })
    // Genitive after «у»: 1 and 21 take the singular, every other number the plural
    expect(resumed('ru', 1)).toContain('у 1 получателя отправка прервалась')
    expect(resumed('ru', 21)).toContain('у 21 получателя отправка прервалась')
    expect(resumed('ru', 3)).toContain('у 3 получателей отправка прервалась')
    expect(resumed('ru', 5)).toContain('у 5 получателей отправка прервалась')
    expect(resumed('ru', 0)).toMatch(/Никому не отправлю дважды\.$/)
    expect(resumed('en', 1)).toContain('for 1 recipient the send was cut off midway — it is not sent to them again.')
    expect(resumed('en', 2)).toContain('for 2 recipients the send was cut off midway — they are not sent it again.')
    expect(resumed('en', 0)).toMatch(/Nobody gets it twice\.$/)
  })

  it("in a quiz product's points on the card, a weight of 2.5 included", () => {
    const i18n = createI18n('ru', () => ['ru', 'en'])
    const points = (locale: string, score: number) => i18n.t(locale, 'handoff-card-quiz-points', { score })
    expect([1, 2, 5, 21, -2, 2.5].map((score) => points('ru', score))).toEqual([
      '1 балл',
      '2 балла',
      '5 баллов',
      '21 балл',
      '-2 балла',
      '2,5 балла',
    ])
    expect([1, 7, 1.5].map((score) => points('en', score))).toEqual(['1 point', '7 points', '1.5 points'])
  })
})
