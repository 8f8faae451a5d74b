import { describe, expect, it } from 'vitest'
import { formatPhone, parsePhone, phoneAtEnd, phoneInText, writePhonesAsIn } from '../../src/phone.ts'
import {
  currentAnswers,
  describeAnswer,
  type FlowQuestion,
  nextAfter,
  parseDate,
  parseNumber,
  parseTypedAnswer,
  planStep,
  previousOf,
  questionFingerprint,
  readableAnswers,
} from '../../src/services/questions.ts'

/** When the client wrote (a two-digit year is read near it). */
const NOW = Date.UTC(2026, 10, 23, 9)

describe('typed answers', () => {
  it('numbers as people type them, within bounds', () => {
    expect(parseNumber('150 000')).toBe(150000)
    expect(parseNumber('1,5')).toBe(1.5)
    expect(parseNumber('150\u00a0000')).toBe(150000)
    // A comma or a point grouping thousands, however it is written
    expect(parseNumber('150,000')).toBe(150000)
    expect(parseNumber('1,500,000')).toBe(1500000)
    expect(parseNumber('1.500.000')).toBe(1500000)
    expect(parseNumber('1,500.50')).toBe(1500.5)
    expect(parseNumber('1.500,50')).toBe(1500.5)
    expect(parseNumber('-1,500')).toBe(-1500)
    // A decimal mark otherwise
    expect(parseNumber('2.5')).toBe(2.5)
    expect(parseNumber('0,125')).toBe(0.125)
    expect(parseNumber('1500,250')).toBe(1500.25)
    // A point before three digits reads two ways: the client is asked which
    expect(parseNumber('1.500')).toEqual({ thousands: 1500, decimal: 1.5 })
    for (const bad of ['150k', '1.2.3', '', 'пять', '1,50,000', '1,500.5.0', '1,', ',5', '1.500,000,5'])
      expect(parseNumber(bad)).toBeUndefined()
    const area = { type: 'number' as const, validation: { min: 10, max: 500 } }
    expect(parseTypedAnswer(area, ' 42 ', NOW)).toEqual({ ok: true, value: 42 })
    expect(parseTypedAnswer(area, '9', NOW)).toEqual({
      ok: false,
      problem: { code: 'out-of-range', min: 10, max: 500 },
    })
    expect(parseTypedAnswer(area, 'много', NOW)).toEqual({ ok: false, problem: { code: 'not-number' } })
    // Said as people say a number: in words, with its scale, hedged; not with more beside it
    const budget = { type: 'number' as const }
    for (const [typed, value] of [
      ['двести пятьдесят', 250],
      ['сорок две', 42],
      ['150к', 150_000],
      ['1,5 млн', 1_500_000],
      ['полмиллиона', 500_000],
      ['тыщ 120', 120_000],
      ['около 50 тыс.', 50_000],
      ['about 50k', 50_000],
      ['a hundred and twenty thousand', 120_000],
    ] as const)
      expect(parseTypedAnswer(budget, typed, NOW), typed).toEqual({ ok: true, value })
    for (const typed of ['2к', '5 m', '2 комнаты', 'от 100 тысяч', 'до 50к', 'миллион двести', 'сто, двадцать'])
      expect(parseTypedAnswer(budget, typed, NOW), typed).toEqual({ ok: false, problem: { code: 'not-number' } })
  })

  it('phones: 10–15 digits, a Russian 8 becomes +7', () => {
    expect(parsePhone('8 (916) 123-45-67')).toBe('+79161234567')
    expect(parsePhone('+7 916 123 45 67')).toBe('+79161234567')
    expect(parsePhone('+44 20 7946 0958')).toBe('+442079460958')
    expect(parsePhone('8\u2011916\u2011123\u201145\u201167')).toBe('+79161234567')
    expect(parsePhone('9161234567')).toBe('9161234567')
    // Shared with Telegram's button: international, written without the "+"
    expect(parsePhone('442079460958', { shared: true })).toBe('+442079460958')
    expect(parsePhone('79161234567', { shared: true })).toBe('+79161234567')
    for (const bad of ['12345', 'call me', '+7 916 123 45 67 89 00 11', '+7-916-abc'])
      expect(parsePhone(bad)).toBeUndefined()
    // One digit short: a Russian number after its trunk "8", or one its country's numbers cannot be
    for (const short of ['8 (916) 123-45-6', '8-916-123-45-6', '+7 916 123 45 6', '+44 20 79', '+1 202 555 012']) {
      expect(parsePhone(short), short).toBeUndefined()
    }
    expect(parsePhone('7916123456', { shared: true })).toBeUndefined()
    // A local number of ten digits starting with 8 (an area code) is still one
    expect(parsePhone('812 123 45 67')).toBe('812 123 45 67')
    // "00" dialled for the "+"
    expect(parsePhone('0044 7700 900123')).toBe('+447700900123')
    expect(parsePhone('00 7 916 123 45 67')).toBe('+79161234567')
  })

  it('a number of the business’s own country, as dialled there, gets its international form', () => {
    try {
      writePhonesAsIn('Europe/Dublin')
      expect(parsePhone('087 123 4567')).toBe('+353871234567')
      writePhonesAsIn('America/New_York')
      expect(parsePhone('(212) 555-0142')).toBe('+12125550142')
      // One its country has no such number as (no area code starts with 0): kept as typed
      expect(parsePhone('012 345 6789')).toBe('012 345 6789')
      writePhonesAsIn('Europe/London')
      expect(parsePhone('020 7946 0958')).toBe('+442079460958')
      // A Moscow mobile typed without its 8 is no London number: kept as typed
      expect(parsePhone('916 123 45 67')).toBe('916 123 45 67')
      writePhonesAsIn('Europe/Dublin')
      expect(parsePhone('4951234567')).toBe('4951234567')
      // In Russia a ten-digit number stays as typed (it may be Kazakhstan's)
      writePhonesAsIn('Europe/Moscow')
      expect(parsePhone('916 123-45-67')).toBe('916 123-45-67')
    } finally {
      writePhonesAsIn('Europe/Moscow')
    }
  })

  it('a number at the end of a command is split off the day and time before it, which it never runs into', () => {
    expect(phoneAtEnd('завтра 12:00 +7 916 123-45-67')).toEqual({ phone: '+79161234567', before: 'завтра 12:00' })
    expect(phoneAtEnd('завтра 12 8 916 123 45 67')).toEqual({ phone: '+79161234567', before: 'завтра 12' })
    expect(phoneAtEnd('fri 3pm 0044 20 7946 0958')).toEqual({ phone: '+442079460958', before: 'fri 3pm' })
    expect(phoneAtEnd('пт 11 916 123 45 67')).toEqual({ phone: '916 123 45 67', before: 'пт 11' })
    expect(phoneAtEnd('пт 15')).toBeUndefined()
    // The time's minutes or hour are not run into a number after them
    expect(phoneAtEnd('пт 3 916 123 45 67')).toEqual({ phone: '916 123 45 67', before: 'пт 3' })
    expect(phoneAtEnd('tomorrow 10 30 87 123 4567')).toBeUndefined()
    expect(phoneAtEnd('tomorrow 3pm 1 212 555 0142')).toEqual({ phone: '+12125550142', before: 'tomorrow 3pm' })
    expect(phoneAtEnd('11.12 10:30')).toBeUndefined()
  })

  it('a number said among words is the one number in them; two numbers, or none, are not', () => {
    expect(phoneInText('my number is 0044 7700 900123')).toBe('+447700900123')
    expect(phoneInText('звоните 8 916 123-45-67 после обеда')).toBe('+79161234567')
    expect(phoneInText('Мой номер: +7 (916) 123-45-67.')).toBe('+79161234567')
    expect(phoneInText('8 916 123 45 67')).toBe('+79161234567')
    expect(phoneInText('с 14 до 16, номер 89161234567')).toBe('+79161234567')
    expect(phoneInText('89161234567 или 89167654321')).toBeUndefined()
    // A number before it running into it, one said not to be it, a long message: none
    expect(phoneInText('позвоните в 15 89161234567')).toBeUndefined()
    expect(phoneInText('мой старый 89161234567 не работает, звоните на рабочий')).toBeUndefined()
    expect(phoneInText("don't call 89161234567")).toBeUndefined()
    // A "no" or a "не" elsewhere in the words is no denial of the number
    expect(phoneInText('нет, мой номер 8 916 123-45-67')).toBe('+79161234567')
    expect(phoneInText('my phone no. +44 7700 900123')).toBe('+447700900123')
    expect(
      phoneInText(
        'здравствуйте, хотел уточнить по заказу, можно ли перезвонить мне завтра утром по номеру 89161234567',
      ),
    ).toBeUndefined()
    // …unless the question is only which number the client gave
    const long = 'Around 80 products. Also, my phone number changed: it is now +1 646 555 0199'
    expect(phoneInText(long)).toBeUndefined()
    expect(phoneInText(long, { anyLength: true })).toBe('+16465550199')
    expect(phoneInText('мой старый 89161234567 не работает, звоните на рабочий', { anyLength: true })).toBeUndefined()
    // Only numbers written as phones are, and not a toll-free line
    expect(phoneInText('и у меня новый номер: 8 916 555-01-99, звоните на него', { anyLength: true })).toBe(
      '+79165550199',
    )
    expect(phoneInText('ИНН 7701234567, КПП 770101001, реквизиты в файле', { anyLength: true })).toBeUndefined()
    expect(phoneInText('Номер заказа 4012345678, подскажите, когда доставка', { anyLength: true })).toBeUndefined()
    expect(phoneInText('Я звонил вам на 8 800 555-35-35, но никто не ответил', { anyLength: true })).toBeUndefined()
    expect(phoneInText('позвоните завтра')).toBeUndefined()
    // A try at a number that fails is that failure, not a search among its parts
    expect(phoneInText('8 916 123 45')).toBeUndefined()
    expect(parseTypedAnswer({ key: 'phone', type: 'phone' } as never, 'мой номер 8 916 123-45-67', NOW)).toMatchObject({
      ok: true,
      value: '+79161234567',
    })
  })

  it('phones shown grouped as their country writes them; local or unknown numbers as stored', () => {
    expect(formatPhone('+79161234567')).toBe('+7 916 123 45 67')
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958')
    expect(formatPhone('+12025550123')).toBe('+1 202 555 0123')
    expect(formatPhone('9161234567')).toBe('9161234567')
    // Too short for its country: shown as stored, not half grouped
    expect(formatPhone('+7999000942')).toBe('+7999000942')
    // Shown grouped, read back the same: a known number offered on a button is typed back
    expect(parsePhone(formatPhone('+79161234567'))).toBe('+79161234567')
  })

  it('dates in the usual forms, real dates only', () => {
    expect(parseDate('01.03.2026', NOW)).toBe('2026-03-01')
    expect(parseDate('1.3.26', NOW)).toBe('2026-03-01')
    expect(parseDate('2026-03-01', NOW)).toBe('2026-03-01')
    // Slashes or dashes, for a business in Moscow: the one reading that is a date, day first or month first
    expect(parseDate('25/12/2026', NOW)).toBe('2026-12-25')
    expect(parseDate('12/25/2026', NOW)).toBe('2026-12-25')
    expect(parseDate('01/01/2026', NOW)).toBe('2026-01-01')
    expect(parseDate('01/03/2026', NOW)).toEqual({ dayFirst: '2026-03-01', monthFirst: '2026-01-03' })
    expect(parseDate('04-05-26', NOW)).toEqual({ dayFirst: '2026-05-04', monthFirst: '2026-04-05' })
    // A two-digit year is at most 20 years ahead: a birthday in '90 is 1990, a deadline in '46 is 2046
    expect(parseDate('24.11.90', NOW)).toBe('1990-11-24')
    expect(parseDate('24.11.46', NOW)).toBe('2046-11-24')
    expect(parseDate('24.11.47', NOW)).toBe('1947-11-24')
    expect(parseDate('1.3.00', NOW)).toBe('2000-03-01')
    for (const bad of [
      '31.02.2026',
      '12.25.2026',
      '13/13/2026',
      '01.03/2026',
      '2026-13-01',
      'завтра',
      '31.02',
      '5 дней',
    ]) {
      expect(parseDate(bad, NOW), bad).toBeUndefined()
    }
    // "12/10" without a year: day first here, as the day's own order; "Dec 10" and "10 дек" in short
    expect(parseDate('12/10', NOW)).toBe('2027-10-12')
    expect(parseDate('Dec 10', NOW)).toBe('2026-12-10')
    expect(parseDate('10 дек', NOW)).toBe('2026-12-10')
    // A business in New York writes dates month first: "04/05" is April 5, never asked; "25/11"
    // has the one reading. In São Paulo, as in Moscow, day first
    const newYork = { timeZone: 'America/New_York' }
    expect(parseDate('01/03/2026', NOW, newYork)).toBe('2026-01-03')
    expect(parseDate('12/10', NOW, newYork)).toBe('2026-12-10')
    expect(parseDate('25/12/2026', NOW, newYork)).toBe('2026-12-25')
    expect(parseDate('25/11', NOW, newYork)).toBe('2026-11-25')
    expect(parseDate('04/05/1990', NOW, { timeZone: 'America/Sao_Paulo' })).toEqual({
      dayFirst: '1990-05-04',
      monthFirst: '1990-04-05',
    })
  })

  it('looked up either way (`nearest`: /today), a day and month without a year is the nearest one, past or future', () => {
    // Today is 23 November 2026
    expect(parseDate('20.11', NOW, { nearest: true })).toBe('2026-11-20')
    expect(parseDate('20 ноября', NOW, { nearest: true })).toBe('2026-11-20')
    expect(parseDate('8 марта', NOW, { nearest: true })).toBe('2027-03-08')
    expect(parseDate('1.06', NOW, { nearest: true })).toBe('2026-06-01')
    expect(parseDate('20.11.2025', NOW, { nearest: true })).toBe('2025-11-20')
  })

  it('a day and month without a year is the nearest one ahead; with a year, that one', () => {
    // Today is 23 November 2026
    expect(parseDate('8 марта', NOW)).toBe('2027-03-08')
    expect(parseDate('08.03', NOW)).toBe('2027-03-08')
    expect(parseDate('25.11', NOW)).toBe('2026-11-25')
    expect(parseDate('23.11', NOW)).toBe('2026-11-23')
    expect(parseDate('30 декабря', NOW)).toBe('2026-12-30')
    expect(parseDate('8 марта 2028 г.', NOW)).toBe('2028-03-08')
    expect(parseDate('March 8th', NOW)).toBe('2027-03-08')
    expect(parseDate('December 31, 2026', NOW)).toBe('2026-12-31')
    expect(parseDate('8 March', NOW)).toBe('2027-03-08')
    // Counted from the business's today: at 01:30 in Moscow on 5 December, "4.12" is a year ahead
    const night = Date.parse('2026-12-04T22:30:00Z')
    expect(parseDate('4.12', night, { timeZone: 'Europe/Moscow' })).toBe('2027-12-04')
    expect(parseDate('5.12', night, { timeZone: 'Europe/Moscow' })).toBe('2026-12-05')
    // A birthday's year is what is asked: without it, no date
    const birthday = { type: 'date', key: 'birthday' } as const
    expect(parseTypedAnswer(birthday, '8 марта', NOW)).toEqual({ ok: false, problem: { code: 'date' } })
    expect(parseTypedAnswer(birthday, '08.03', NOW)).toEqual({ ok: false, problem: { code: 'date' } })
    expect(parseTypedAnswer(birthday, '8 марта 1990', NOW)).toEqual({ ok: true, value: '1990-03-08' })
    // Its two-digit year is a past one: born in '40 is 1940, a deadline in '40 is 2040
    expect(parseTypedAnswer(birthday, '08.03.40', NOW)).toEqual({ ok: true, value: '1940-03-08' })
    expect(parseDate('08.03.40', NOW)).toBe('2040-03-08')
  })

  it('e-mail, text length and pattern', () => {
    expect(parseTypedAnswer({ type: 'email' }, ' Anna@Example.COM ', NOW)).toEqual({
      ok: true,
      value: 'anna@example.com',
    })
    expect(parseTypedAnswer({ type: 'email' }, 'anna@', NOW)).toEqual({ ok: false, problem: { code: 'email' } })
    const text = { type: 'text' as const, validation: { min_length: 3, max_length: 5, pattern: '^[a-z]+$' } }
    expect(parseTypedAnswer(text, 'ab', NOW)).toEqual({ ok: false, problem: { code: 'too-short', min: 3 } })
    expect(parseTypedAnswer(text, 'abcdef', NOW)).toEqual({ ok: false, problem: { code: 'too-long', max: 5 } })
    expect(parseTypedAnswer(text, 'ABC', NOW)).toEqual({ ok: false, problem: { code: 'pattern' } })
    expect(parseTypedAnswer(text, '   ', NOW)).toEqual({ ok: false, problem: { code: 'empty' } })
    // Without max_length a text answer is still capped
    expect(parseTypedAnswer({ type: 'text' }, 'я'.repeat(2001), NOW)).toEqual({
      ok: false,
      problem: { code: 'too-long', max: 2000 },
    })
  })

  it('answers read back with labels, formatted numbers and dates; skipped reads as nothing', () => {
    const options = [
      { value: 'a', label: { ru: 'Первый', en: 'First' } },
      { value: 'b', label: 'Второй' },
    ]
    expect(describeAnswer({ type: 'multi', options }, ['a', 'b'], 'en')).toBe('First, Второй')
    expect(describeAnswer({ type: 'choice', options }, 'a', 'ru')).toBe('Первый')
    expect(describeAnswer({ type: 'number', options: [] }, 150000.5, 'ru')).toMatch(/^150\s000,5$/)
    expect(describeAnswer({ type: 'date', options: [] }, '2026-03-01', 'en')).toBe('March 1, 2026')
    expect(describeAnswer({ type: 'phone', options: [] }, '+79161234567', 'ru')).toBe('+7 916 123 45 67')
    expect(describeAnswer({ type: 'text', options: [] }, '', 'ru')).toBeUndefined()
  })

  it('stored answers as the team reads them: in the order of the questions, one to a question since removed last', () => {
    const questions = [
      {
        key: 'goal',
        text: { ru: 'Цель?', en: 'Goal?' },
        type: 'choice' as const,
        options: [{ value: 'sell', label: { ru: 'Продавать', en: 'Sell' } }],
      },
      { key: 'note', text: 'Note?', type: 'text' as const, options: [] },
    ]
    // Stored in the order given: the note first, then an answer to a question no longer asked
    const stored = new Map<string, string | string[]>([
      ['note', ''],
      ['old', ['x', 'y']],
      ['goal', 'sell'],
    ])
    expect(readableAnswers(questions, stored, 'ru')).toEqual([
      { question: 'Цель?', answer: 'Продавать' },
      { question: 'Note?', answer: undefined },
      { question: 'old', answer: 'x, y' },
    ])
  })
})

describe('moving through the questions', () => {
  const q = (key: string, required = true): FlowQuestion => ({
    key,
    text: key,
    type: 'choice',
    options: [
      { value: 'x', label: 'X' },
      { value: 'y', label: 'Y' },
    ],
    required,
  })
  const questions = [q('a'), q('b'), q('c', false), q('d')]

  it('starts at the first unanswered question, ignoring answers that no longer fit', () => {
    const answers = currentAnswers(questions, [
      { questionKey: 'a', value: 'x' },
      { questionKey: 'b', value: 'gone' }, // its option was removed from the content
      { questionKey: 'old', value: 'x' },
    ])
    expect([...answers.keys()]).toEqual(['a'])
    const plan = planStep('discovery', questions, answers, { mode: 'start' })
    expect(plan).toMatchObject({
      kind: 'ask',
      intro: 'resume',
      question: { key: 'b', number: 2, total: 4, canBack: true },
    })
    expect(planStep('discovery', questions, new Map(), { mode: 'start' })).toMatchObject({ intro: 'fresh' })
    expect(planStep('discovery', [], new Map(), { mode: 'start' })).toEqual({ kind: 'empty' })
    expect(planStep('discovery', questions, new Map([['zz', 'x']]), { mode: 'ask', key: 'zz' })).toMatchObject({
      kind: 'ask',
      changed: true,
      question: { key: 'a' },
    })
  })

  it('Back walks to the previous answer; walking forward re-offers answered ones until the first open one', () => {
    const answers = new Map<string, string>([
      ['a', 'x'],
      ['b', 'y'],
    ])
    expect(previousOf(questions, 'c')).toEqual({ mode: 'ask', key: 'b', walk: true })
    expect(previousOf(questions, 'a')).toBeUndefined()
    expect(nextAfter(questions, answers, 'a', { walk: true })).toEqual({ mode: 'ask', key: 'b', walk: true })
    expect(nextAfter(questions, answers, 'b', { walk: true })).toEqual({ mode: 'ask', key: 'c' })
    expect(nextAfter(questions, answers, 'a')).toEqual({ mode: 'ask', key: 'c' })
    const all = new Map([...answers, ['c', ''], ['d', 'x']])
    expect(nextAfter(questions, all, 'd')).toEqual({ mode: 'done' })
    expect(nextAfter(questions, all, 'b', { edit: true })).toEqual({ mode: 'done' })
    expect(nextAfter(questions, answers, 'b', { edit: true })).toEqual({ mode: 'ask', key: 'c' })
  })

  it('the fingerprint changes with the options, not with the texts', () => {
    const base = questionFingerprint(q('a'))
    const renamed: FlowQuestion = { ...q('a'), text: 'other' }
    const fewer: FlowQuestion = { ...q('a'), options: [{ value: 'x', label: 'X' }] }
    expect(questionFingerprint(renamed)).toBe(base)
    expect(questionFingerprint(fewer)).not.toBe(base)
    expect(questionFingerprint({ ...q('a'), type: 'multi' })).not.toBe(base)
  })
})

describe('a discovery date question keyed birthday', () => {
  it('is how the client knowingly gives their birthday (used by the greeting)', async () => {
    const { createHarness, demoContent } = await import('../helpers/harness.ts')
    const { findClientByTelegramId } = await import('../../db/repositories/clients.ts')
    const demo = demoContent()
    const content = {
      ...demo,
      discovery: {
        ...demo.discovery,
        questions: [
          ...demo.discovery.questions,
          { key: 'birthday', text: { ru: 'Когда у вас день рождения?' }, type: 'date' as const, required: false },
        ],
      },
    }
    const h = createHarness({ content: content as typeof demo })
    const user = h.u.user(9501)
    await h.send(h.u.text(user, '/start'))
    const client = findClientByTelegramId(h.deps.db, user.id)!
    h.deps.services.discovery.answer(client.id, 'birthday', '1990-11-24')
    expect(findClientByTelegramId(h.deps.db, user.id)?.birthday).toBe('1990-11-24')
  })
})
