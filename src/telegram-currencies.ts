/**
 * Telegram's figures per currency, as the bot knows them (money.ts). The sandbox's Bot API keeps
 * its own (sandbox/telegram/methods/payments.ts): a stand-in for Telegram that read the bot's copy
 * would agree with its mistakes.
 */

/**
 * Telegram's smallest invoice in each currency it takes, in the currency's minor units: `min_amount`
 * in core.telegram.org/bots/payments/currencies.json, about one US dollar each. Telegram moves
 * them with the exchange rate; this copy is from when a dollar bought about 75 roubles and 430
 * tenge. So it is no promise of what Telegram takes today — Telegram's own answer to an invoice
 * decides that (an invoice it refuses goes as payment details: bot/telegram-invoice.ts) — but a
 * measure, in every currency alike, of what an amount is worth: money.ts's `leastInvoiced` reads it.
 */
const MIN_AMOUNT: Readonly<Record<string, number>> = {
  AED: 367,
  AFN: 7740,
  ALL: 10212,
  AMD: 52243,
  ARS: 9326,
  AUD: 128,
  AZN: 169,
  BAM: 161,
  BDT: 8488,
  BGN: 162,
  BND: 132,
  BOB: 690,
  BRL: 543,
  CAD: 124,
  CHF: 91,
  CLP: 705,
  CNY: 648,
  COP: 369501,
  CRC: 61513,
  CZK: 2141,
  DKK: 615,
  DOP: 5678,
  DZD: 13326,
  EGP: 1568,
  EUR: 82,
  GBP: 72,
  GEL: 345,
  GTQ: 772,
  HKD: 776,
  HNL: 2405,
  HUF: 30119,
  IDR: 1450170,
  ILS: 323,
  INR: 7478,
  ISK: 124,
  JMD: 15219,
  JPY: 108,
  KES: 10820,
  KGS: 8480,
  KRW: 1112,
  KZT: 43084,
  LBP: 151378,
  LKR: 19470,
  MAD: 890,
  MDL: 1790,
  MNT: 285065,
  MUR: 4039,
  MVR: 1548,
  MXN: 1989,
  MYR: 409,
  MZN: 5563,
  NGN: 38100,
  NIO: 3493,
  NOK: 829,
  NPR: 11970,
  NZD: 138,
  PAB: 100,
  PEN: 379,
  PHP: 4838,
  PKR: 15408,
  PLN: 377,
  PYG: 6508,
  QAR: 364,
  RON: 407,
  RSD: 9735,
  RUB: 7497,
  SAR: 374,
  SEK: 838,
  SGD: 132,
  THB: 3148,
  TJS: 1141,
  TRY: 828,
  TTD: 680,
  TWD: 2788,
  TZS: 232143,
  UAH: 2787,
  UGX: 3603,
  USD: 100,
  UYU: 4414,
  UZS: 1055927,
  VND: 23066,
  YER: 25035,
  ZAR: 1428,
}

/** Telegram's smallest invoice in `currency`, in its minor units (`MIN_AMOUNT`; one Star); undefined for one not in that copy. */
export function telegramMinimum(currency: string): number | undefined {
  return currency === 'XTR' ? 1 : MIN_AMOUNT[currency]
}
