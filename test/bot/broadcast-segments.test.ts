/**
 * Segments an owner asks for: clients with an invoice they did not pay, and newcomers (joined
 * within 7 or 30 days). Each choice says how many it reaches before it is pressed; the broadcast
 * still goes only to clients who may get marketing (consent, /stop, blocked) and whom the team
 * owes nothing.
 */
import { describe, expect, it } from 'vitest'
import { broadcastTo, ownerIn, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import type { Harness } from '../helpers/harness.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'
import type { TestUser } from '../helpers/updates.ts'

const DAY = 86_400_000

/** The texts of the buttons of the last message with buttons the owner got. */
const buttonTexts = (h: Harness, owner: TestUser) => h.fake.lastButtonsTo(owner.id).map((b) => b.text)

/** The owner sends /broadcast and the message: the recipients menu follows. */
async function compose(h: Harness, owner: TestUser, text = 'Новость: скидка 10% до пятницы') {
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, text))
}

/** Preview, Send, and the broadcast goes to the end. */
async function previewAndSend(h: Harness, owner: TestUser, send: string, count: number) {
  await pressMatching(h, owner, 'bcm:1:preview')
  await pressMatching(h, owner, `${send} (${count})`)
  await h.deps.services.broadcasts.idle()
}

/** Which of `chats` got the broadcast, and how many times each. */
const reached = (h: Harness, chats: number[]) =>
  Object.fromEntries(chats.map((chat) => [chat, broadcastTo(h, chat).length]).filter(([, n]) => n !== 0))

describe('clients with an unpaid invoice', () => {
  /**
   * Those who ordered and did not pay, with consent: 801 (an invoice), 808 (the prepayment paid,
   * the balance not), 810 (two invoices: one message), 811 (said "I've paid", the team found no
   * payment). Not: 802 (said "I've paid", being checked), 803 (paid), 804 (cancelled), 805
   * (/stop), 806 (no consent), 807 (blocked the bot), 809 (no invoice), 812 (an invoice, but
   * waits for a manager's answer), 813 (a manager with an invoice of his own).
   */
  function clients(h: Harness) {
    const { orders, handoff, staff } = h.deps.services
    const invoiced = (telegramId: number, seed: Parameters<typeof seedClient>[2] = {}) => {
      const client = seedClient(h.deps, telegramId, seed)
      return { client, order: unpaidInvoice(h, client.id) }
    }
    invoiced(801)
    const reported = invoiced(802)
    expect(orders.clientReportsPaid(reported.order.id, reported.client.id).status).toBe('reported')
    orders.markPaid(invoiced(803).order.id)
    orders.cancel(invoiced(804).order.id)
    invoiced(805, { optedOut: true })
    invoiced(806, { consent: false })
    invoiced(807, { blocked: true })
    const parts = invoiced(808)
    orders.markPaid(parts.order.id)
    unpaidInvoice(h, parts.client.id, { description: 'Остаток', partOf: parts.order.id })
    seedClient(h.deps, 809)
    const twice = invoiced(810)
    unpaidInvoice(h, twice.client.id, { description: 'Хостинг' })
    const rejected = invoiced(811)
    orders.clientReportsPaid(rejected.order.id, rejected.client.id)
    expect(orders.rejectClientReport(rejected.order.id)).toBeDefined()
    handoff.open(invoiced(812).client.id, 'question', 'А можно рассрочку?')
    invoiced(813)
    staff.add(813, 'manager', OWNER_ID)
  }
  const everyone = Array.from({ length: 13 }, (_, i) => 801 + i)

  const said = {
    ru: {
      payments: '💳 Оплаты: не важно',
      paidChoice: 'есть оплаченный заказ (2)',
      unpaidChoice: 'есть неоплаченный счёт: 4 из 7 (1 без согласия на рассылку, 1 отписался, 1 заблокировал бота)',
      note: '«Есть неоплаченный счёт» — счёт выставлен и не оплачен, не отменён. Кто нажал «Я оплатил(а)»',
      menu: 'Сейчас: есть неоплаченный счёт\nПолучателей: 4 (не считая 1 клиента, который ждёт ответа менеджера',
      button: '💳 Оплаты: есть неоплаченный счёт',
      send: 'Отправить',
    },
    en: {
      payments: '💳 Payments: any',
      paidChoice: 'has a paid order (2)',
      unpaidChoice: 'has an unpaid invoice: 4 of 7 (1 did not agree to news, 1 unsubscribed, 1 blocked the bot)',
      note: "“Has an unpaid invoice”: an invoice was sent and is neither paid nor cancelled. A client who pressed “I've paid”",
      menu: 'Now: has an unpaid invoice\nRecipients: 4 (not counting 1 client who waits for a manager',
      button: '💳 Payments: has an unpaid invoice',
      send: 'Send',
    },
  }
  for (const language of ['ru', 'en'] as const) {
    it(`the owner sees how many have one, picks them, and exactly they get it (${language})`, async () => {
      const h = createHarness()
      clients(h)
      const owner = await ownerIn(h, language)
      await compose(h, owner)
      await pressMatching(h, owner, said[language].payments)
      // Each choice with how many it reaches: 803 and 808 paid; four did not, 812 waits for an answer
      expect(buttonTexts(h, owner)).toEqual(
        expect.arrayContaining([said[language].paidChoice, said[language].unpaidChoice]),
      )
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].note)
      await pressMatching(h, owner, said[language].unpaidChoice)
      expect(h.fake.lastTextTo(owner.id)).toContain(said[language].menu)
      expect(buttonTexts(h, owner)).toContain(said[language].button)
      await previewAndSend(h, owner, said[language].send, 4)
      expect(reached(h, everyone)).toEqual({ 801: 1, 808: 1, 810: 1, 811: 1 })
      expect(h.errors()).toEqual([])
    })
  }

  it('one payments condition at a time: "has a paid order" replaces it, "any" clears it', async () => {
    const h = createHarness()
    clients(h)
    const owner = await ownerIn(h, 'ru')
    await compose(h, owner)
    await pressMatching(h, owner, '💳 Оплаты')
    await pressMatching(h, owner, 'есть неоплаченный счёт')
    await pressMatching(h, owner, '💳 Оплаты')
    await pressMatching(h, owner, 'есть оплаченный заказ')
    expect(h.fake.lastTextTo(owner.id)).toContain('Сейчас: есть оплаченный заказ (возвраты не в счёт)\nПолучателей: 2')
    await pressMatching(h, owner, '💳 Оплаты')
    await pressMatching(h, owner, 'bcs:1:paid:any')
    expect(h.fake.lastTextTo(owner.id)).toContain(
      'Сейчас: все, кто согласился на рассылку\nПолучателей: 8 (не считая 1',
    )
  })

  it('a forged payments choice is refused and changes nothing', async () => {
    const h = createHarness()
    clients(h)
    const owner = await ownerIn(h, 'ru')
    await compose(h, owner)
    await h.send(h.u.callback(owner, 'bcs:1:paid:overdue'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('Эта кнопка уже неактуальна')
    expect(h.deps.services.broadcasts.segmentOf(h.deps.services.broadcasts.get(1)!)).toEqual({})
  })
})

describe('clients who joined lately', () => {
  /**
   * Clients who first came 40, 20, 8, 3, 2 and 1 days ago and an hour ago, at those times: 903
   * (3 days) and 906 (an hour) joined within 7 days, with 902 (20) and 907 (8) within 30. Not:
   * 901 (40 days), 904 (no consent), 905 (/stop), 908 (joined 40 days ago, wrote yesterday).
   */
  function clients(h: Harness) {
    const now = h.clock.now()
    const joined = (telegramId: number, ago: number, seed: Parameters<typeof seedClient>[2] = {}) => {
      h.clock.set(now - ago)
      const client = seedClient(h.deps, telegramId, seed)
      h.clock.set(now)
      return client
    }
    joined(901, 40 * DAY)
    joined(902, 20 * DAY)
    joined(903, 3 * DAY)
    joined(904, 1 * DAY, { consent: false })
    joined(905, 2 * DAY, { optedOut: true })
    joined(906, 3_600_000)
    joined(907, 8 * DAY)
    joined(908, 40 * DAY, { lastSeenAt: now - DAY })
    return now
  }
  const everyone = Array.from({ length: 8 }, (_, i) => 901 + i)

  it('the owner sees how many joined within 7 and 30 days, picks 7, and exactly they get it', async () => {
    const h = createHarness()
    clients(h)
    const owner = await ownerIn(h, 'ru')
    await compose(h, owner)
    await pressMatching(h, owner, '🆕 Новые: не важно')
    expect(h.fake.lastTextTo(owner.id)).toContain('Выберите: когда впервые пришли к боту')
    // (904, with no consent, and 905, who unsubscribed, joined within both: said beside the count)
    expect(buttonTexts(h, owner)).toEqual(
      expect.arrayContaining([
        'за 7 дней: 2 из 4 (1 без согласия на рассылку, 1 отписался)',
        'за 30 дней: 4 из 6 (1 без согласия на рассылку, 1 отписался)',
      ]),
    )
    await pressMatching(h, owner, 'за 7 дней')
    expect(h.fake.lastTextTo(owner.id)).toContain('Сейчас: впервые пришли за 7 дней\nПолучателей: 2')
    expect(buttonTexts(h, owner)).toContain('🆕 Новые: за 7 дней')
    await previewAndSend(h, owner, 'Отправить', 2)
    expect(reached(h, everyone)).toEqual({ 903: 1, 906: 1 })
    expect(h.errors()).toEqual([])
  })

  it('within 30 days in English; activity is another thing: one who joined long ago and wrote yesterday is not new', async () => {
    const h = createHarness()
    clients(h)
    const owner = await ownerIn(h, 'en')
    await compose(h, owner)
    await pressMatching(h, owner, '🕐 Active: any')
    // Those who wrote within 7 days: the four newcomers who may get news, and 908
    expect(buttonTexts(h, owner)).toContain('within 7 days: 3 of 5 (1 did not agree to news, 1 unsubscribed)')
    await pressMatching(h, owner, 'bcm:1:menu')
    await pressMatching(h, owner, '🆕 Joined: any')
    expect(buttonTexts(h, owner)).toEqual(
      expect.arrayContaining([
        'within 7 days: 2 of 4 (1 did not agree to news, 1 unsubscribed)',
        'within 30 days: 4 of 6 (1 did not agree to news, 1 unsubscribed)',
      ]),
    )
    await pressMatching(h, owner, 'within 30 days')
    expect(h.fake.lastTextTo(owner.id)).toContain('Now: joined within 30 days\nRecipients: 4')
    await previewAndSend(h, owner, 'Send', 4)
    expect(reached(h, everyone)).toEqual({ 902: 1, 903: 1, 906: 1, 907: 1 })
    expect(h.errors()).toEqual([])
  })

  it("a choice's count keeps the conditions picked already", async () => {
    const h = createHarness()
    clients(h)
    // Of the newcomers, 903 (3 days) and 907 (8 days) have an invoice to pay
    for (const telegramId of [903, 907]) {
      unpaidInvoice(h, h.deps.services.clients.byTelegramId(telegramId)!.id)
    }
    const owner = await ownerIn(h, 'ru')
    await compose(h, owner)
    await pressMatching(h, owner, '💳 Оплаты')
    expect(buttonTexts(h, owner)).toContain('есть неоплаченный счёт (2)')
    await pressMatching(h, owner, 'есть неоплаченный счёт')
    await pressMatching(h, owner, '🆕 Новые')
    expect(buttonTexts(h, owner)).toEqual(expect.arrayContaining(['за 7 дней (1)', 'за 30 дней (2)']))
    await pressMatching(h, owner, 'за 7 дней')
    expect(h.fake.lastTextTo(owner.id)).toContain(
      'Сейчас: впервые пришли за 7 дней · есть неоплаченный счёт\nПолучателей: 1',
    )
    await previewAndSend(h, owner, 'Отправить', 1)
    expect(reached(h, everyone)).toEqual({ 903: 1 })
  })
})

describe('how many each tag, quiz result, stage and language reaches', () => {
  /**
   * Clients who may get news: 1001 (vip, опт; customer; quiz: landing), 1002 (vip; en; quiz:
   * store), 1003 (опт; discovery; en; quiz: landing), 1009 (presentation; en; quiz: store), 1011
   * (partner; repeat). Not: 1004 (vip, customer, quiz: landing — waits for a manager's answer),
   * 1005 (vip, quiz: landing, no consent), 1006 (опт, en, /stop), 1007 (vip, customer, blocked the
   * bot), 1008 (vip, en, quiz: landing — a manager), 1010 (vip — erased their data).
   */
  function clients(h: Harness) {
    const d = h.deps
    seedClient(d, 1001, { tags: ['vip', 'опт'], stage: 'customer', topProduct: 'landing' })
    seedClient(d, 1002, { tags: ['vip'], language: 'en', topProduct: 'store' })
    seedClient(d, 1003, { tags: ['опт'], stage: 'discovery', language: 'en', topProduct: 'landing' })
    const waiting = seedClient(d, 1004, { tags: ['vip'], stage: 'customer', topProduct: 'landing' })
    d.services.handoff.open(waiting.id, 'question', 'Когда будет готово?')
    seedClient(d, 1005, { tags: ['vip'], consent: false, topProduct: 'landing' })
    seedClient(d, 1006, { tags: ['опт'], language: 'en', optedOut: true })
    seedClient(d, 1007, { tags: ['vip'], stage: 'customer', blocked: true })
    seedClient(d, 1008, { tags: ['vip'], language: 'en', topProduct: 'landing' })
    d.services.staff.add(1008, 'manager', OWNER_ID)
    seedClient(d, 1009, { stage: 'presentation', language: 'en', topProduct: 'store' })
    seedClient(d, 1010, { tags: ['vip'], forgotten: true })
    seedClient(d, 1011, { tags: ['partner'], stage: 'repeat' })
  }
  const everyone = Array.from({ length: 11 }, (_, i) => 1001 + i)
  const PICKERS = { tag: '🏷', product: '🎯', stage: '📍', language: '🌐' } as const

  /**
   * A picker's choices as its buttons show them: each label with the count in brackets after it,
   * or, when it holds clients who may not get news, "label: N из M (why)".
   */
  function choices(h: Harness, owner: TestUser): { text: string; label: string; count: number; data: string }[] {
    return h.fake
      .lastButtonsTo(owner.id)
      .filter((b) => b.data?.startsWith('bcs:') && !b.data.endsWith(':any'))
      .map((b) => {
        const [, label, count] = /^(.+): (\d+) из \d+ \(.+\)$/u.exec(b.text) ?? /^(.+) \((\d+)\)$/u.exec(b.text) ?? []
        if (label === undefined) throw new Error(`a choice without its count: "${b.text}"`)
        return { text: b.text, label, count: Number(count), data: b.data! }
      })
  }

  /**
   * Every choice of every picker (after the conditions `first` picks): the count on its button is
   * the number of clients a broadcast to it then reaches — a new broadcast each, sent to the end.
   */
  async function eachChoiceReaches(
    h: Harness,
    owner: TestUser,
    first: (n: number) => Promise<void>,
    { pickers = PICKERS, chats = everyone }: { pickers?: Partial<typeof PICKERS>; chats?: number[] } = {},
  ) {
    const shown: Record<string, Record<string, number>> = {}
    let n = 0
    for (const [dimension, button] of Object.entries(pickers)) {
      await compose(h, owner, `Новость ${++n}`)
      await first(n)
      await pressMatching(h, owner, button)
      const offered = choices(h, owner)
      shown[dimension] = Object.fromEntries(offered.map((c) => [c.label, c.count]))
      for (const choice of offered) {
        const text = `Новость ${++n}`
        await compose(h, owner, text)
        await first(n)
        await pressMatching(h, owner, button)
        // The same count when the picker is opened again, on the same button
        const again = choices(h, owner).find((c) => c.label === choice.label)
        expect(again?.text).toBe(choice.text)
        await h.send(h.u.callback(owner, again!.data))
        expect(h.fake.lastTextTo(owner.id), choice.text).toContain(`Получателей: ${choice.count}`)
        await pressMatching(h, owner, 'Предпросмотр')
        if (choice.count > 0) {
          await pressMatching(h, owner, `Отправить (${choice.count})`)
          await h.deps.services.broadcasts.idle()
        } else {
          expect(h.fake.lastTextTo(owner.id)).toContain('Под эти условия сейчас никто не подходит')
        }
        const reached = chats.filter((chat) => broadcastTo(h, chat, text).length === 1)
        expect(reached, `${dimension}: ${choice.text}`).toHaveLength(choice.count)
      }
    }
    expect(h.errors()).toEqual([])
    return shown
  }

  it('each choice says how many it reaches, counted as the recipients are, and a broadcast to it reaches exactly that many', async () => {
    const h = createHarness()
    clients(h)
    const owner = await ownerIn(h, 'ru')
    const shown = await eachChoiceReaches(h, owner, async () => {})
    // Not counted: 1004 waits for an answer, 1005 gave no consent, 1006 unsubscribed, 1007 blocked the bot, 1008 is a manager
    expect(shown).toEqual({
      tag: { vip: 2, опт: 2, partner: 1 },
      product: {
        'Лендинг под ключ': 2,
        'Корпоративный сайт': 0,
        'Интернет-магазин': 2,
        'Техподдержка сайта': 0,
        'Логотип и фирменный стиль': 0,
      },
      stage: {
        'первый контакт': 1,
        'выяснение задачи': 1,
        'подбор вариантов': 1,
        решение: 0,
        'клиент (оплачен один заказ)': 1,
        'повторный клиент (оплачен второй заказ)': 1,
        'переход к отзыву': 0,
      },
      language: { '🇷🇺 Русский': 2, '🇬🇧 English': 3 },
    })
  })

  it('with a condition picked already, each choice counts the clients who meet both', async () => {
    const h = createHarness()
    clients(h)
    const owner = await ownerIn(h, 'ru')
    // English first: 1002, 1003 and 1009
    const english = async () => {
      await pressMatching(h, owner, '🌐')
      await pressMatching(h, owner, 'English')
    }
    const shown = await eachChoiceReaches(h, owner, english)
    expect(shown.tag).toEqual({ vip: 1, опт: 1, partner: 0 })
    expect(shown.product).toMatchObject({ 'Лендинг под ключ': 1, 'Интернет-магазин': 2 })
    expect(shown.language).toEqual({ '🇷🇺 Русский': 2, '🇬🇧 English': 3 })
  })

  it('each language says how many it reaches — not those waiting for the team, unsubscribed, blocked, without consent, erased or on the team — and a broadcast to it reaches exactly them', async () => {
    const h = createHarness()
    const d = h.deps
    // Russian: 2101 and 2102 may get it; English: 2111, 2112 and 2113
    seedClient(d, 2101)
    seedClient(d, 2102, { stage: 'customer' })
    d.services.handoff.open(seedClient(d, 2103).id, 'question', 'Где мой заказ?')
    seedClient(d, 2104, { optedOut: true })
    seedClient(d, 2105, { blocked: true })
    seedClient(d, 2106, { consent: false })
    seedClient(d, 2107, { forgotten: true })
    seedClient(d, 2108)
    d.services.staff.add(2108, 'manager', OWNER_ID)
    seedClient(d, 2111, { language: 'en' })
    seedClient(d, 2112, { language: 'en', tags: ['vip'] })
    seedClient(d, 2113, { language: 'en', stage: 'discovery' })
    d.services.handoff.open(seedClient(d, 2114, { language: 'en' }).id, 'low_rating', '2 из 5')
    seedClient(d, 2115, { language: 'en', optedOut: true })
    seedClient(d, 2116, { language: 'en', consent: false })
    const owner = await ownerIn(h, 'ru')
    const chats = [...Array.from({ length: 8 }, (_, i) => 2101 + i), ...Array.from({ length: 6 }, (_, i) => 2111 + i)]
    const shown = await eachChoiceReaches(h, owner, async () => {}, { pickers: { language: PICKERS.language }, chats })
    expect(shown).toEqual({ language: { '🇷🇺 Русский': 2, '🇬🇧 English': 3 } })
    // Those who wait for the team were said beside each count, as the menu says them
    for (const [language, count] of [
      ['🇷🇺 Русский', 2],
      ['🇬🇧 English', 3],
    ] as const) {
      expect(h.fake.textsTo(owner.id)).toContainEqual(
        expect.stringContaining(
          `Сейчас: язык: ${language}\nПолучателей: ${count} (не считая 1 клиента, который ждёт ответа менеджера`,
        ),
      )
    }
  })
})

describe('a choice that holds clients who may not get news', () => {
  it('says how many of them get it and why the rest do not, on its button, the menu and the preview alike', async () => {
    const h = createHarness()
    // «керамика»: 3001 agreed to news, 3002 never did; «полировка»: 3003 alone, who agreed
    seedClient(h.deps, 3001, { tags: ['керамика'] })
    seedClient(h.deps, 3002, { tags: ['керамика'], consent: false })
    seedClient(h.deps, 3003, { tags: ['полировка'] })
    const owner = await ownerIn(h, 'ru')
    await compose(h, owner)
    await pressMatching(h, owner, '🏷')
    expect(buttonTexts(h, owner)).toContain('керамика: 1 из 2 (1 без согласия на рассылку)')
    expect(buttonTexts(h, owner)).toContain('полировка (1)')
    await pressMatching(h, owner, 'керамика')
    const line = '🚫 1 клиент подходит, но получить не может: 1 без согласия на рассылку.'
    expect(h.fake.lastTextTo(owner.id)).toContain(`Получателей: 1\n${line}`)
    await pressMatching(h, owner, 'bcm:1:preview')
    expect(h.fake.lastTextTo(owner.id)).toContain(`Получателей: 1 (тег «керамика»).\n${line}\nОтправить?`)
    await pressMatching(h, owner, 'Отправить (1)')
    await h.deps.services.broadcasts.idle()
    expect(reached(h, [3001, 3002, 3003])).toEqual({ 3001: 1 })
    expect(h.errors()).toEqual([])
  })

  it('in English too', async () => {
    const h = createHarness()
    seedClient(h.deps, 3011, { tags: ['ceramic'], language: 'en' })
    seedClient(h.deps, 3012, { tags: ['ceramic'], language: 'en', optedOut: true })
    const owner = await ownerIn(h, 'en')
    await compose(h, owner, 'News: 10% off until Friday')
    await pressMatching(h, owner, '🏷')
    expect(buttonTexts(h, owner)).toContain('ceramic: 1 of 2 (1 unsubscribed)')
    await pressMatching(h, owner, 'ceramic')
    expect(h.fake.lastTextTo(owner.id)).toContain('Recipients: 1\n🚫 1 client fits but cannot get it: 1 unsubscribed.')
    expect(h.errors()).toEqual([])
  })
})
