import { afterEach, describe, expect, it } from 'vitest'
import { writeMoneyAsIn } from '../src/format.ts'
import {
  currencyName,
  currencySign,
  currencyTyped,
  decimalAmount,
  formatMoney,
  isCurrency,
  isScaleWord,
  leastInvoiced,
  majorToMinor,
  minorDigits,
  minorToMajor,
  readAmount,
  readCurrency,
  scaleLetter,
  unreadThousands,
  writtenToMinor,
} from '../src/money.ts'

/** What a person types → minor units of the currency. */
const toMinor = (text: string, currency: string) => {
  const written = readAmount(text)
  return written && writtenToMinor(written, written.currency ?? currency)
}

describe('money: stored in minor units with the ISO 4217 exponent', () => {
  it('knows each currency’s exponent from ISO 4217, not from display rules', () => {
    expect([minorDigits('RUB'), minorDigits('USD'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 2, 0, 3])
    // Intl shows these without decimals; ISO 4217 gives them two
    expect([minorDigits('HUF'), minorDigits('IDR')]).toEqual([2, 2])
    expect(isCurrency('ABC')).toBe(false)
    expect(isCurrency('rub')).toBe(false)
    expect(() => minorDigits('ABC')).toThrow(/ISO 4217/)
  })

  it('knows Telegram Stars (XTR): whole Stars, shown with a star', () => {
    expect(isCurrency('XTR')).toBe(true)
    expect(minorDigits('XTR')).toBe(0)
    expect(toMinor('250XTR', 'RUB')).toBe(250)
    expect(toMinor('250.5XTR', 'RUB')).toBeUndefined()
    expect(formatMoney(2500, 'XTR', 'ru')).toBe('2\u00a0500 ⭐')
    expect(decimalAmount(250, 'XTR')).toBe('250')
  })

  it('reads typed amounts per currency: RUB kopecks, USD cents, JPY without decimals, KWD with three', () => {
    expect(toMinor('45000', 'RUB')).toBe(4_500_000)
    expect(toMinor('1250,5', 'RUB')).toBe(125_050)
    expect(toMinor('1250.55', 'RUB')).toBe(125_055)
    expect(toMinor('1250.555', 'RUB')).toBeUndefined()
    expect(toMinor('19.99USD', 'RUB')).toBe(1_999)
    expect(toMinor('500$', 'RUB')).toBe(50_000)
    expect(toMinor('150000', 'JPY')).toBe(150_000)
    expect(toMinor('150000¥', 'RUB')).toBe(150_000)
    expect(toMinor('1500.5', 'JPY')).toBeUndefined()
    expect(toMinor('12.345KWD', 'RUB')).toBe(12_345)
    expect(toMinor('12,5', 'KWD')).toBe(12_500)
    expect(readAmount('500ABC')).toBeUndefined()
    expect(readAmount('45xyz')).toBeUndefined()
  })

  it('reads a dot between thousands in the currencies whose amounts take it: roubles, tenge, hryvnias, sums', () => {
    expect(toMinor('12.500', 'RUB')).toBe(1_250_000)
    expect(toMinor('1.200.000', 'KZT')).toBe(120_000_000)
    expect(toMinor('12.500,50', 'UAH')).toBe(1_250_050)
    expect(toMinor('12.500', 'BYN')).toBe(1_250_000)
    expect(toMinor('12.500руб.', 'USD')).toBe(1_250_000)
    expect(toMinor('1.200.000₸', 'RUB')).toBe(120_000_000)
    // Sums are written so in Tashkent: «1.500.000 сум»
    expect(toMinor('1.500.000', 'UZS')).toBe(150_000_000)
    expect(toMinor('1.500.000сум', 'RUB')).toBe(150_000_000)
    expect(readAmount('12.500,50₴')).toEqual({ units: 12_500, fraction: '50', grouped: '.', currency: 'UAH' })
    // Elsewhere a dot before three digits is a decimal point or thousands, and no amount is guessed
    for (const [text, currency] of [
      ['12.500', 'USD'],
      ['12.500', 'EUR'],
      ['1.200.000', 'EUR'],
      ['12.500,50', 'USD'],
      ['12.500', 'JPY'],
    ] as const) {
      expect(toMinor(text, currency), `${text} ${currency}`).toBeUndefined()
      expect(unreadThousands(readAmount(text) ?? { units: 0, fraction: '' }, currency), `${text} ${currency}`).toBe('.')
    }
    // …except where three decimals are the currency's own: dinars
    expect(toMinor('12.345', 'KWD')).toBe(12_345)
    expect(toMinor('12,345', 'KWD')).toBe(12_345)
    // A comma between thousands, as English writes them, in any currency: 1 500 in English, 1,5 in Russian
    for (const [text, currency] of [
      ['1,500', 'RUB'],
      ['1,500', 'USD'],
      ['1,200,000', 'KZT'],
      ['12,500.50', 'USD'],
    ] as const) {
      expect(toMinor(text, currency), `${text} ${currency}`).toBeUndefined()
      expect(unreadThousands(readAmount(text) ?? { units: 0, fraction: '' }, currency), `${text} ${currency}`).toBe(',')
    }
    // Too many decimals is that, not thousands; a first group is one to three digits, not a zero
    expect(toMinor('12.500,505', 'RUB')).toBeUndefined()
    expect(unreadThousands(readAmount('12.500,505') ?? { units: 0, fraction: '' }, 'RUB')).toBeUndefined()
    expect(unreadThousands(readAmount('0.500') ?? { units: 0, fraction: '' }, 'RUB')).toBeUndefined()
    expect(readAmount('1.2.3')).toBeUndefined()
    expect(toMinor('1.200,000', 'RUB')).toBeUndefined()
  })

  it('reads tenge and hryvnias by their signs and words', () => {
    expect(readAmount('500₸')).toEqual({ units: 500, fraction: '', currency: 'KZT' })
    expect(readAmount('₴500')).toEqual({ units: 500, fraction: '', currency: 'UAH' })
    expect(readAmount('500тг')).toMatchObject({ currency: 'KZT' })
    for (const word of ['тг', 'тг.', 'тенге', 'Тенге', 'KZT', '₸']) expect(readCurrency(word), word).toBe('KZT')
    for (const word of ['грн', 'грн.', 'гривна', 'гривны', 'гривен', 'гривня', 'гривні', 'гривень', 'UAH', '₴']) {
      expect(readCurrency(word), word).toBe('UAH')
    }
  })

  it('reads thousands said short, as people write a price: "45к", "45k", "1,5к", "45тыс", "$2k"', () => {
    expect(toMinor('45к', 'RUB')).toBe(4_500_000)
    expect(toMinor('45k', 'RUB')).toBe(4_500_000)
    expect(toMinor('1,5к', 'RUB')).toBe(150_000)
    expect(toMinor('45тыс', 'RUB')).toBe(4_500_000)
    expect(readAmount('$2k')).toEqual({ units: 2000, fraction: '', currency: 'USD' })
    expect(readAmount('1,2345к')).toBeUndefined()
  })

  it('reads thousands and millions with their words, as a number said in words is written: "5тысяч", "1,5млн", "45тыс."', () => {
    expect(toMinor('5тысяч', 'RUB')).toBe(500_000)
    expect(toMinor('1.5тысячи', 'RUB')).toBe(150_000)
    expect(toMinor('45тыс.', 'RUB')).toBe(4_500_000)
    // The currency written onto its scale, as «15 тыс.руб.» is written
    expect(readAmount('15тыс.руб.')).toEqual({ units: 15_000, fraction: '', currency: 'RUB' })
    expect(readAmount('15тыс.₸')).toEqual({ units: 15_000, fraction: '', currency: 'KZT' })
    expect(readAmount('15тыс.abc')).toBeUndefined()
    expect(readAmount('$15тыс.руб.')).toBeUndefined()
    expect(toMinor('1,5млн', 'RUB')).toBe(150_000_000)
    expect(readAmount('2thousand')).toEqual({ units: 2000, fraction: '' })
    // Apart from its number, a scale's word is the amount's, and so is a Latin "k" (no word is "k");
    // another letter alone may be a word of the description («к оплате»): `scaleLetter` says its scale
    expect([isScaleWord('тысяч'), isScaleWord('тыс.'), isScaleWord('млн'), isScaleWord('т.р.')]).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect([isScaleWord('k'), isScaleWord('K')]).toEqual([true, true])
    expect([isScaleWord('к'), isScaleWord('m'), isScaleWord('оплате')]).toEqual([false, false, false])
    expect(['к', 'К', 'т', 'm', 'M', 'kk', 'кк', 'оплате', 'м'].map(scaleLetter)).toEqual([
      'thousand',
      'thousand',
      'thousand',
      'million',
      'million',
      'million',
      'million',
      undefined,
      undefined,
    ])
    // With its currency onto it, apart from the number: «15 тыс.руб.»
    expect([isScaleWord('тыс.руб.'), isScaleWord('тыс.₽'), isScaleWord('тыс.abc')]).toEqual([true, true, false])
  })

  it('reads a currency sign written before the amount, as English writes it: €500, $19.99', () => {
    expect(toMinor('€500', 'RUB')).toBe(50_000)
    expect(readAmount('€500')).toEqual({ units: 500, fraction: '', currency: 'EUR' })
    expect(readAmount('£450')).toEqual({ units: 450, fraction: '', currency: 'GBP' })
    expect(toMinor('$19.99', 'RUB')).toBe(1_999)
    expect(readAmount('₽45000')).toMatchObject({ currency: 'RUB' })
    // One sign, on one side: not both, and a code goes after
    expect(readAmount('€500€')).toBeUndefined()
    expect(readAmount('USD500')).toBeUndefined()
  })

  it('converts whole-unit prices and writes plain decimals for files', () => {
    expect(majorToMinor(45_000, 'RUB')).toBe(4_500_000)
    expect(majorToMinor(99.99, 'USD')).toBe(9_999)
    expect(majorToMinor(1_000, 'JPY')).toBe(1_000)
    expect(majorToMinor(1.5, 'KWD')).toBe(1_500)
    expect(decimalAmount(125_050, 'RUB')).toBe('1250.50')
    expect(decimalAmount(5, 'USD')).toBe('0.05')
    expect(decimalAmount(150_000, 'JPY')).toBe('150000')
    expect(decimalAmount(12_345, 'KWD')).toBe('12.345')
    expect(decimalAmount(-7, 'KWD')).toBe('-0.007')
    expect(minorToMajor(125_050, 'RUB')).toBe(1250.5)
    expect(minorToMajor(150_000, 'JPY')).toBe(150_000)
    expect(minorToMajor(12_345, 'KWD')).toBe(12.345)
  })

  it('writes an amount in a code not in ISO 4217 (stored before codes were checked) as stored, in messages and files alike', () => {
    expect(formatMoney(4_500_000, 'RUR', 'ru')).toBe('4500000 RUR')
    expect(decimalAmount(4_500_000, 'RUR')).toBe('4500000')
    expect(decimalAmount(-250, 'HRK')).toBe('-250')
    expect(minorToMajor(100_000, 'HRK')).toBe(100_000)
  })

  it('formats for the locale: whole amounts without decimals, otherwise every digit the currency has', () => {
    expect(formatMoney(4_500_000, 'RUB', 'ru')).toMatch(/^45\s000\s₽$/)
    expect(formatMoney(125_050, 'RUB', 'ru')).toMatch(/^1\s250,50\s₽$/)
    expect(formatMoney(50_000, 'USD', 'en')).toBe('$500')
    expect(formatMoney(125_099, 'USD', 'en')).toBe('$1,250.99')
    expect(formatMoney(150_000, 'JPY', 'en')).toBe('¥150,000')
    expect(formatMoney(150_000, 'JPY', 'ru')).toMatch(/^150\s000\s¥$/)
    expect(formatMoney(12_345, 'KWD', 'en')).toMatch(/^KWD\s12\.345$/)
    expect(formatMoney(12_000, 'KWD', 'ru')).toMatch(/^12\sKWD$/)
  })

  it('writes a currency in Russian by its own sign where Intl has only its code: «5 000 ₸», not «5 000 KZT»', () => {
    expect(formatMoney(500_000, 'KZT', 'ru')).toMatch(/^5\s000\s₸$/)
    expect(formatMoney(500_050, 'KZT', 'ru')).toMatch(/^5\s000,50\s₸$/)
    // A sign several currencies share names none: the code stays
    expect(formatMoney(500_000, 'KPW', 'ru')).toMatch(/^5\s000\sKPW$/)
  })

  it('writes the Belarusian rouble in Russian in words, not «5 000 BYN»: «бел. руб.», and "Br" in Belarus', () => {
    // Intl's Russian has only its code, and a narrow «р.» that reads as the Russian rouble
    expect(formatMoney(500_000, 'BYN', 'ru')).toMatch(/^5\s000\sбел\.\sруб\.$/)
    expect(formatMoney(500_050, 'BYN', 'ru')).toMatch(/^5\s000,50\sбел\.\sруб\.$/)
    expect(currencySign('BYN', 'ru')).toBe('бел.\u00a0руб.')
    expect(currencyName('BYN', 'ru')).toBe('белорусский рубль (бел.\u00a0руб.)')
    // Typed apart after an amount it is its code, which /invoice reads back
    expect(currencyTyped('BYN', 'ru')).toBe('BYN')
    // English writes it by its code, as it writes the Swiss franc or the dirham
    expect(formatMoney(500_000, 'BYN', 'en')).toBe('BYN\u00a05,000')
  })

  it('writes the Uzbek sum, the Tajik somoni and the Moldovan leu in Russian in words, «5 000 сум», not «5 000 UZS»', () => {
    // Intl's Russian has only their codes; its Turkmen manat «ТМТ» and Kyrgyz som «⃀» are already not codes
    expect(formatMoney(500_000, 'UZS', 'ru')).toMatch(/^5\s000\sсум$/)
    expect(formatMoney(500_050, 'UZS', 'ru')).toMatch(/^5\s000,50\sсум$/)
    expect(formatMoney(500_000, 'TJS', 'ru')).toMatch(/^5\s000\sсомони$/)
    expect(formatMoney(500_000, 'MDL', 'ru')).toMatch(/^5\s000\sлей$/)
    expect(currencyName('UZS', 'ru')).toBe('узбекский сум (сум)')
    // Typed apart after an amount as written, and read back: «сум», «сомони»; «лей» is the Romanian
    // leu's word too, and the Moldovan one is typed by its code
    expect(['UZS', 'TJS', 'MDL'].map((c) => currencyTyped(c, 'ru'))).toEqual(['сум', 'сомони', 'MDL'])
    // English writes them by their codes, as it writes the Swiss franc
    expect(formatMoney(500_000, 'UZS', 'en')).toBe('UZS\u00a05,000')
  })

  it('reads the Central Asian currencies by their words: «сум», «сўм» the Uzbek sum, «сом» the Kyrgyz som, «сомони» the Tajik', () => {
    for (const word of ['сум', 'Сум', 'сўм', 'сумов', 'UZS']) expect(readCurrency(word), word).toBe('UZS')
    for (const word of ['сом', 'сомов', 'KGS']) expect(readCurrency(word), word).toBe('KGS')
    for (const word of ['сомони', 'TJS']) expect(readCurrency(word), word).toBe('TJS')
    expect(readAmount('150000сум')).toEqual({ units: 150_000, fraction: '', currency: 'UZS' })
    expect(readAmount('5000сом')).toMatchObject({ currency: 'KGS' })
    // «лей» may be the Romanian leu as well as the Moldovan: no guess
    expect(readCurrency('лей')).toBeUndefined()
  })

  describe('each currency Telegram takes, in Russian and in English', () => {
    // Back to Russian and English as a business in Moscow writes them (the harness's demo)
    afterEach(() => writeMoneyAsIn('Europe/Moscow'))
    /** Intl's spaces (no-break, narrow no-break) as plain ones, for the table to read. */
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')
    /**
     * 1 234,50 in each: its sign where the currency has one of its own, or a word («бел. руб.»);
     * its code where its readers write it so too ("AED", "CHF", "PLN": prices in Dubai, Zurich,
     * Warsaw read so in either language), never a code where a sign or word is expected.
     */
    const TABLE: [string, string, string][] = [
      ['AED', '1 234,50 AED', 'AED 1,234.50'],
      ['AFN', '1 234,50 ؋', '؋1,234.50'],
      ['ALL', '1 234,50 ALL', 'ALL 1,234.50'],
      ['AMD', '1 234,50 ֏', '֏1,234.50'],
      ['ARS', '1 234,50 ARS', 'ARS 1,234.50'],
      ['AUD', '1 234,50 A$', 'A$1,234.50'],
      ['AZN', '1 234,50 ₼', '₼1,234.50'],
      ['BAM', '1 234,50 BAM', 'BAM 1,234.50'],
      ['BDT', '1 234,50 ৳', '৳1,234.50'],
      ['BGN', '1 234,50 BGN', 'BGN 1,234.50'],
      ['BND', '1 234,50 BND', 'BND 1,234.50'],
      ['BOB', '1 234,50 BOB', 'BOB 1,234.50'],
      ['BRL', '1 234,50 R$', 'R$1,234.50'],
      // Not among Telegram's: it takes no invoice in it (payment details go instead)
      ['BYN', '1 234,50 бел. руб.', 'BYN 1,234.50'],
      ['CAD', '1 234,50 CA$', 'CA$1,234.50'],
      ['CHF', '1 234,50 CHF', 'CHF 1,234.50'],
      ['CLP', '123 450 CLP', 'CLP 123,450'],
      ['CNY', '1 234,50 CN¥', 'CN¥1,234.50'],
      ['COP', '1 234,50 COP', 'COP 1,234.50'],
      ['CRC', '1 234,50 ₡', '₡1,234.50'],
      ['CZK', '1 234,50 CZK', 'CZK 1,234.50'],
      ['DKK', '1 234,50 DKK', 'DKK 1,234.50'],
      ['DOP', '1 234,50 DOP', 'DOP 1,234.50'],
      ['DZD', '1 234,50 DZD', 'DZD 1,234.50'],
      ['EGP', '1 234,50 EGP', 'EGP 1,234.50'],
      ['EUR', '1 234,50 €', '€1,234.50'],
      ['GBP', '1 234,50 £', '£1,234.50'],
      ['GEL', '1 234,50 ₾', '₾1,234.50'],
      ['GTQ', '1 234,50 GTQ', 'GTQ 1,234.50'],
      ['HKD', '1 234,50 HK$', 'HK$1,234.50'],
      ['HNL', '1 234,50 HNL', 'HNL 1,234.50'],
      ['HUF', '1 234,50 HUF', 'HUF 1,234.50'],
      ['IDR', '1 234,50 IDR', 'IDR 1,234.50'],
      ['ILS', '1 234,50 ₪', '₪1,234.50'],
      ['INR', '1 234,50 ₹', '₹1,234.50'],
      ['ISK', '123 450 ISK', 'ISK 123,450'],
      ['JMD', '1 234,50 JMD', 'JMD 1,234.50'],
      ['JPY', '123 450 ¥', '¥123,450'],
      ['KES', '1 234,50 KES', 'KES 1,234.50'],
      ['KGS', '1 234,50 ⃀', '⃀1,234.50'],
      ['KRW', '123 450 ₩', '₩123,450'],
      ['KZT', '1 234,50 ₸', '₸1,234.50'],
      ['LBP', '1 234,50 LBP', 'LBP 1,234.50'],
      ['LKR', '1 234,50 LKR', 'LKR 1,234.50'],
      ['MAD', '1 234,50 MAD', 'MAD 1,234.50'],
      ['MDL', '1 234,50 лей', 'MDL 1,234.50'],
      ['MNT', '1 234,50 ₮', '₮1,234.50'],
      ['MUR', '1 234,50 MUR', 'MUR 1,234.50'],
      ['MVR', '1 234,50 MVR', 'MVR 1,234.50'],
      ['MXN', '1 234,50 MX$', 'MX$1,234.50'],
      ['MYR', '1 234,50 MYR', 'MYR 1,234.50'],
      ['MZN', '1 234,50 MZN', 'MZN 1,234.50'],
      ['NGN', '1 234,50 ₦', '₦1,234.50'],
      ['NIO', '1 234,50 NIO', 'NIO 1,234.50'],
      ['NOK', '1 234,50 NOK', 'NOK 1,234.50'],
      ['NPR', '1 234,50 NPR', 'NPR 1,234.50'],
      ['NZD', '1 234,50 NZ$', 'NZ$1,234.50'],
      ['PAB', '1 234,50 PAB', 'PAB 1,234.50'],
      ['PEN', '1 234,50 PEN', 'PEN 1,234.50'],
      ['PHP', '1 234,50 ₱', '₱1,234.50'],
      ['PKR', '1 234,50 PKR', 'PKR 1,234.50'],
      ['PLN', '1 234,50 PLN', 'PLN 1,234.50'],
      ['PYG', '123 450 ₲', '₲123,450'],
      ['QAR', '1 234,50 QAR', 'QAR 1,234.50'],
      ['RON', '1 234,50 RON', 'RON 1,234.50'],
      ['RSD', '1 234,50 RSD', 'RSD 1,234.50'],
      ['RUB', '1 234,50 ₽', '₽1,234.50'],
      ['SAR', '1 234,50 SAR', 'SAR 1,234.50'],
      ['SEK', '1 234,50 SEK', 'SEK 1,234.50'],
      ['SGD', '1 234,50 SGD', 'SGD 1,234.50'],
      ['THB', '1 234,50 ฿', '฿1,234.50'],
      ['TJS', '1 234,50 сомони', 'TJS 1,234.50'],
      ['TRY', '1 234,50 ₺', '₺1,234.50'],
      ['TTD', '1 234,50 TTD', 'TTD 1,234.50'],
      ['TWD', '1 234,50 NT$', 'NT$1,234.50'],
      ['TZS', '1 234,50 TZS', 'TZS 1,234.50'],
      ['UAH', '1 234,50 ₴', '₴1,234.50'],
      ['UGX', '123 450 UGX', 'UGX 123,450'],
      ['USD', '1 234,50 $', '$1,234.50'],
      ['UYU', '1 234,50 UYU', 'UYU 1,234.50'],
      ['UZS', '1 234,50 сум', 'UZS 1,234.50'],
      ['VND', '123 450 ₫', '₫123,450'],
      ['YER', '1 234,50 YER', 'YER 1,234.50'],
      ['ZAR', '1 234,50 ZAR', 'ZAR 1,234.50'],
      ['XTR', '123 450 ⭐', '123,450 ⭐'],
    ]

    it('writes each in a business outside Belarus and the English-speaking countries (Moscow)', () => {
      writeMoneyAsIn('Europe/Moscow')
      const written = TABLE.map(([code]) => [
        code,
        plain(formatMoney(123_450, code, 'ru')),
        plain(formatMoney(123_450, code, 'en')),
      ])
      expect(written).toEqual(TABLE)
    })

    it('in Belarus its rouble by its own sign, "Br", as Belarus writes it; every other currency as in Moscow', () => {
      writeMoneyAsIn('Europe/Minsk')
      expect(plain(formatMoney(123_450, 'BYN', 'ru'))).toBe('1 234,50 Br')
      expect(plain(formatMoney(500_000, 'BYN', 'ru'))).toBe('5 000 Br')
      expect(currencySign('BYN', 'ru')).toBe('Br')
      expect(currencyName('BYN', 'ru')).toBe('белорусский рубль (Br)')
      // The Russian rouble is told apart by its own sign; English keeps the code
      expect(plain(formatMoney(123_450, 'RUB', 'ru'))).toBe('1 234,50 ₽')
      expect(plain(formatMoney(123_450, 'BYN', 'en'))).toBe('BYN 1,234.50')
      const elsewhere = TABLE.filter(([code]) => code !== 'BYN')
      expect(
        elsewhere.map(([code]) => [
          code,
          plain(formatMoney(123_450, code, 'ru')),
          plain(formatMoney(123_450, code, 'en')),
        ]),
      ).toEqual(elsewhere)
    })
  })

  it('names a currency as the money is written: its sign, how a manager types it, its name', () => {
    expect(['RUB', 'KZT', 'USD', 'CAD', 'KWD', 'XTR'].map((c) => currencySign(c, 'ru'))).toEqual([
      '₽',
      '₸',
      '$',
      'CA$',
      'KWD',
      '⭐',
    ])
    // Typed apart after an amount, as /invoice reads it back: "CA$" is no sign it reads
    expect(['RUB', 'KZT', 'USD', 'CAD', 'XTR'].map((c) => currencyTyped(c, 'ru'))).toEqual([
      '₽',
      '₸',
      '$',
      'CAD',
      'XTR',
    ])
    for (const c of ['RUB', 'KZT', 'USD', 'CAD', 'XTR']) expect(readCurrency(currencyTyped(c, 'ru')), c).toBe(c)
    expect(currencyName('RUB', 'ru')).toBe('российский рубль (₽)')
    expect(currencyName('KZT', 'ru')).toBe('казахский тенге (₸)')
    expect(currencyName('XTR', 'ru')).toBe('Telegram Stars (⭐)')
  })
})

describe('the least amount a typed invoice takes', () => {
  it('is about ten US cents’ worth in each currency, a round figure, and never under one whole unit', () => {
    const least = (currency: string) => formatMoney(leastInvoiced(currency), currency, 'ru').replace(/\s/g, ' ')
    expect(['RUB', 'KZT', 'UAH', 'JPY', 'KRW', 'UZS'].map(least)).toEqual([
      '10 ₽',
      '50 ₸',
      '5 ₴',
      '20 ¥',
      '200 ₩',
      '2 000 сум',
    ])
    expect(['USD', 'EUR', 'GBP', 'KWD', 'XTR'].map(least)).toEqual(['1 $', '1 €', '1 £', '1 KWD', '1 ⭐'])
    // A currency Telegram's list has not: one whole unit
    expect(least('BYN')).toBe('1 бел. руб.')
  })
})

describe('money in English, as the business’s country writes it', () => {
  // Back to the English before any content is applied: American, as Intl's own "en"
  afterEach(() => writeMoneyAsIn('America/New_York'))
  const inEnglish = (timezone: string, minor: number, currency: string) => {
    writeMoneyAsIn(timezone)
    return formatMoney(minor, currency, 'en')
  }

  it('in Canada its dollar is a bare "$", and the US dollar is told apart from it', () => {
    expect(inEnglish('America/Toronto', 125_000, 'CAD')).toBe('$1,250')
    expect(inEnglish('America/Vancouver', 125_050, 'CAD')).toBe('$1,250.50')
    expect(inEnglish('America/Toronto', 90_000, 'USD')).toBe('US$900')
    // Russian has no Canadian variant: "CA$" says which dollar
    expect(formatMoney(125_000, 'CAD', 'ru')).toMatch(/^1\s250\sCA\$$/)
  })

  it('elsewhere each country’s own: the US dollar bare in New York, the Australian one in Sydney, the pound in London', () => {
    expect(inEnglish('America/New_York', 90_000, 'USD')).toBe('$900')
    expect(inEnglish('America/New_York', 125_000, 'CAD')).toBe('CA$1,250')
    expect(inEnglish('Australia/Sydney', 125_000, 'AUD')).toBe('$1,250')
    expect(inEnglish('Australia/Sydney', 90_000, 'USD')).toBe('USD\u00a0900')
    expect(inEnglish('Pacific/Auckland', 125_000, 'NZD')).toBe('$1,250')
    expect(inEnglish('Europe/London', 125_000, 'GBP')).toBe('£1,250')
    expect(inEnglish('Europe/London', 90_000, 'USD')).toBe('US$900')
    expect(inEnglish('Europe/Dublin', 125_000, 'EUR')).toBe('€1,250')
  })

  it('a business outside the English-speaking countries keeps Intl’s English: the dollar bare, the rouble with its own sign', () => {
    expect(inEnglish('Europe/Moscow', 90_000, 'USD')).toBe('$900')
    // "₽" as the content's own words write it ("up to 60k ₽"): an owner read "RUB 120,000" beside them
    expect(inEnglish('Europe/Moscow', 12_000_000, 'RUB')).toBe('₽120,000')
    expect(inEnglish('Europe/Moscow', 4_500_000, 'EUR')).toBe('€45,000')
    expect(inEnglish('Asia/Almaty', 4_500_000, 'KZT')).toBe('₸45,000')
    expect(inEnglish('Australia/Sydney', 4_500_000, 'RUB')).toBe('₽45,000')
    // A sign other currencies share names none: the code stays
    expect(inEnglish('Europe/Moscow', 4_500_000, 'KPW')).toBe('KPW\u00a045,000')
    expect(inEnglish('Europe/Moscow', 4_500_000, 'FKP')).toBe('FKP\u00a045,000')
    expect(formatMoney(4_500_000, 'RUB', 'ru')).toMatch(/^45\s000\s₽$/)
    expect(formatMoney(4_500_000, 'UAH', 'ru')).toMatch(/^45\s000\s₴$/)
  })
})
