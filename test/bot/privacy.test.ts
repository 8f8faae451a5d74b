import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findClientById, findClientByTelegramId } from '../../db/repositories/clients.ts'
import { answers, events, jobs, messages } from '../../db/schema.ts'
import { CONSENT_TEXT_VERSION, consentFacts } from '../../src/services/clients.ts'
import { FOLLOWUP_JOBS } from '../../src/services/followups/index.ts'
import { parseCsv } from '../helpers/csv.ts'
import { settle } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, forgetData, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'

describe('marketing consent', () => {
  it('stores a yes with its time and text version, and a no as no', async () => {
    const h = createHarness()
    const yes = h.u.user(201)
    const no = h.u.user(202)
    await h.send(h.u.text(yes, '/start'))
    const agreedAt = h.clock.now()
    const question =
      'И один вопрос: можно иногда присылать вам полезные советы и новости? Только с вашего согласия, отписаться можно в любой момент командой /stop.'
    /** Presses the consent question's button; what the chat got afterwards, and the question as it is then. */
    const answer = async (user: typeof yes, data: string) => {
      const asked = h.fake.messageWithButton(user.id, data) as number
      const before = h.fake.sentTo(user.id).length
      await h.send(h.u.callback(user, data, { messageId: asked }))
      const stored = h.fake.emulator.chat(user.id).messages.get(asked)
      return {
        asked,
        after: h.fake.sentTo(user.id).slice(before),
        shown: stored?.message.text,
        keyboard: h.fake.keyboardOf(user.id, asked),
      }
    }
    // The question shows the answer and what it means, in place: no new message (often answered
    // in the middle of the questionnaire begun below it), no buttons left
    const agreedShown = await answer(yes, 'consent:yes')
    expect(agreedShown.after).toEqual([])
    expect(agreedShown.keyboard).toBeUndefined()
    expect(agreedShown.shown).toBe(
      `${question}\n\n✔️ Да, присылайте\n\nСпасибо! Будем присылать только полезное. Отписаться — /stop.`,
    )
    // The same press again on the answered question: no second thanks
    const sent = h.fake.sentTo(yes.id).length
    await h.send(h.u.callback(yes, 'consent:yes', { messageId: agreedShown.asked }))
    expect(h.fake.sentTo(yes.id)).toHaveLength(sent)
    await h.send(h.u.text(no, '/start'))
    const declinedShown = await answer(no, 'consent:no')
    expect(declinedShown.after).toEqual([])

    const agreed = findClientByTelegramId(h.deps.db, yes.id)
    expect(agreed).toMatchObject({ consentAt: agreedAt, consentVersion: CONSENT_TEXT_VERSION })
    expect(h.deps.services.clients.canReceiveMarketing(agreed!)).toBe(true)

    const declined = findClientByTelegramId(h.deps.db, no.id)
    expect(declined?.consentAt).toBeNull()
    expect(h.deps.services.clients.canReceiveMarketing(declined!)).toBe(false)
    // Told truthfully what still comes: the order's payment and the questions after the work too
    expect(declinedShown.shown).toBe(
      `${question}\n\n✔️ Нет, спасибо\n\nХорошо, никаких рассылок. О ваших заявках, звонках, заказах и их оплате мы напишем как обычно, а после заказа спросим, как всё прошло.`,
    )
  })

  it('a plain yes or no typed under the question is the answer; other words are not', async () => {
    const h = createHarness()
    const yes = h.u.user(211)
    const no = h.u.user(212, { language_code: 'en' })
    await h.send(h.u.text(yes, '/start'), h.u.text(yes, 'Да, конечно'))
    expect(h.fake.lastTextTo(yes.id)).toBe('Спасибо! Будем присылать только полезное. Отписаться — /stop.')
    // The question loses its buttons: answered
    const edited = h.fake.callsOf('editMessageReplyMarkup').at(-1)?.result as { message_id: number; text: string }
    expect(edited.text).toMatch(/^И один вопрос: можно иногда присылать/)
    expect(h.fake.keyboardOf(yes.id, edited.message_id)).toBeUndefined()
    expect(findClientByTelegramId(h.deps.db, yes.id)?.consentAt).toBe(h.clock.now())
    await h.send(h.u.text(no, '/start'), h.u.text(no, 'no thanks'))
    expect(h.fake.lastTextTo(no.id)).toContain('OK, no newsletters.')
    const declined = findClientByTelegramId(h.deps.db, no.id)
    expect(declined?.consentAt).toBeNull()
    expect(declined?.consentDeclinedAt).toBe(h.clock.now())
    // The yes as it is said to this question
    const sends = h.u.user(214)
    await h.send(h.u.text(sends, '/start'), h.u.text(sends, 'да присылайте'))
    expect(findClientByTelegramId(h.deps.db, sends.id)?.consentAt).toBe(h.clock.now())
    const may = h.u.user(215)
    await h.send(h.u.text(may, '/start'), h.u.text(may, 'да можно'))
    expect(findClientByTelegramId(h.deps.db, may.id)?.consentAt).toBe(h.clock.now())
    // Said as people say it, "why not" and all (it opened a request for a manager, the consent unasked)
    for (const [n, typed] of ['yeh sure why not', 'да, почему бы и нет', 'yeah why not?'].entries()) {
      const casual = h.u.user(220 + n, { language_code: 'en' })
      await h.send(h.u.text(casual, '/start'), h.u.text(casual, typed))
      const client = findClientByTelegramId(h.deps.db, casual.id)
      expect(client?.consentAt, typed).toBeGreaterThan(0)
      expect(h.deps.services.handoff.isOpen(client?.id ?? 0), typed).toBe(false)
    }
    // "nah" is a no, as "no" is
    const nah = h.u.user(216, { language_code: 'en' })
    await h.send(h.u.text(nah, '/start'), h.u.text(nah, 'nah'))
    expect(findClientByTelegramId(h.deps.db, nah.id)?.consentDeclinedAt).toBe(h.clock.now())
    // …and so is Russian's «не», set apart; «не сейчас» ("not now") is no plain no, and is left as said
    const ne = h.u.user(217)
    await h.send(h.u.text(ne, '/start'), h.u.text(ne, 'не, спасибо'))
    expect(findClientByTelegramId(h.deps.db, ne.id)?.consentDeclinedAt).toBe(h.clock.now())
    const notNow = h.u.user(218)
    await h.send(h.u.text(notNow, '/start'), h.u.text(notNow, 'не сейчас'))
    expect(findClientByTelegramId(h.deps.db, notNow.id)?.consentDeclinedAt).toBeNull()
    // A question is no answer, nor a yes once something else was said since
    const other = h.u.user(213)
    await h.send(h.u.text(other, '/start'), h.u.text(other, 'да, а что за новости?'))
    expect(findClientByTelegramId(h.deps.db, other.id)?.consentAt).toBeNull()
    await h.send(h.u.text(other, 'да'))
    expect(findClientByTelegramId(h.deps.db, other.id)?.consentAt).toBeNull()
    expect(h.errors()).toEqual([])
  })

  it('a Kazakh yes or no typed under the question («иә», «ия», «иа»; «жоқ», «жок») is the answer «да» or «нет» would be', async () => {
    /** What a client of a harness of its own sees after typing `typed` under the question, and their consent. */
    const answered = async (typed: string) => {
      const h = createHarness()
      const user = h.u.user(231)
      await h.send(h.u.text(user, '/start'), h.u.text(user, typed))
      const client = findClientByTelegramId(h.deps.db, user.id)
      expect(h.errors()).toEqual([])
      // The bot's messages as they stand, edits and all (not the client's own words)
      const bots = [...h.fake.emulator.chat(user.id).messages.entries()].filter(
        ([, m]) => m.message.from?.id !== user.id,
      )
      return {
        chat: bots.map(([, m]) => m.message.text),
        keyboards: bots.map(([id]) => h.fake.keyboardOf(user.id, id)),
        agreed: client?.consentAt != null,
        declined: client?.consentDeclinedAt != null,
        open: h.deps.services.handoff.isOpen(client?.id ?? 0),
      }
    }
    const yes = await answered('да')
    expect(yes).toMatchObject({ agreed: true, declined: false, open: false })
    for (const typed of ['иә', 'Иә!', 'ия', 'иа', 'иә, рахмет']) expect(await answered(typed), typed).toEqual(yes)
    const no = await answered('нет')
    expect(no).toMatchObject({ agreed: false, declined: true, open: false })
    for (const typed of ['жоқ', 'Жок', 'жоқ, рахмет']) expect(await answered(typed), typed).toEqual(no)
  })

  it('a yes said with a «ну» or a «ладно» before it, or a «только не часто» after it, is the yes; a no with one stays a no', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      'ну можно присылайте только не часто',
      'ну можно',
      'можно',
      'присылайте',
      'ну давайте',
      'ладно, присылайте',
      'можно, только не часто',
      'sure, just not too often',
      'ok send them',
    ].entries()) {
      const user = h.u.user(4300 + n, { language_code: /[a-z]/.test(typed) ? 'en' : 'ru' })
      await h.send(h.u.text(user, '/start'), h.u.text(user, typed))
      const client = findClientByTelegramId(h.deps.db, user.id)
      expect(client?.consentAt, typed).toBeGreaterThan(0)
      // Answered by the bot: no request for a manager
      expect(h.deps.services.handoff.isOpen(client?.id ?? 0), typed).toBe(false)
      expect(h.fake.lastTextTo(user.id), typed).toMatch(/^(?:Спасибо! Будем присылать только полезное|Thank you!)/)
    }
    // A no with its condition is a no
    const no = h.u.user(4320)
    await h.send(h.u.text(no, '/start'), h.u.text(no, 'не, не надо пока'))
    const declined = findClientByTelegramId(h.deps.db, no.id)
    expect(declined?.consentAt).toBeNull()
    expect(declined?.consentDeclinedAt).toBeGreaterThan(0)
    // «Ок» or «ну» alone says nothing of the news; "можно вопрос" asks one
    for (const [n, typed] of ['ок', 'ну', 'ладно', 'можно вопрос'].entries()) {
      const user = h.u.user(4330 + n)
      await h.send(h.u.text(user, '/start'), h.u.text(user, typed))
      expect(findClientByTelegramId(h.deps.db, user.id)?.consentAt, typed).toBeNull()
    }
    expect(h.errors()).toEqual([])
  })

  it('/privacy explains what is stored and offers the opposite of the current state', async () => {
    const h = createHarness()
    const user = h.u.user(203)
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/privacy'))
    // What is kept, who sees it — the staff in their Telegram chats, a payment provider for a
    // payment, nobody else — and how long, as /forget and /mydata do it. It used to say the data
    // "is not passed to third parties": Telegram keeps the staff group, and a provider sees a payment
    expect(h.fake.lastTextTo(user.id)).toBe(
      [
        '🔒 Что мы храним и зачем',
        '• Имя и username из Telegram — чтобы обращаться к вам по имени.',
        '• Телефон, e-mail, день рождения и часовой пояс — только если вы сами их указали: чтобы связаться с вами, поздравить и писать в удобное время.',
        '• Всю переписку здесь — с ботом и с менеджером — и ваши ответы, чтобы не переспрашивать.',
        '• Заметки и метки менеджеров о вас — чтобы помнить, о чём договорились.',
        '• Ваши звонки, заказы и оплаты — чтобы выполнить работу и вести учёт.',
        '• Ваши оценки и отзывы — чтобы знать, как мы поработали.',
        '• Откуда вы о нас узнали — чтобы понимать, какая реклама работает.',
        'Всё это хранится в базе на сервере компании.',
        '',
        '👥 Кто это видит',
        '• Сотрудники компании. Они работают в Telegram — в своей рабочей группе и в чатах с ботом: там ваша переписка с менеджером и карточка с вашим именем и контактами. Эти чаты, как и наш, хранит Telegram.',
        '• Платёжный сервис — когда вы оплачиваете счёт в Telegram. Данные карты вы вводите в платёжной форме Telegram, и получают их Telegram и платёжный сервис, а не мы: у нас остаются только сумма и номер платежа.',
        '• Больше никто: мы не продаём ваши данные и не передаём их для рекламы.',
        '',
        '⏳ Сколько храним',
        'Пока вы не удалите данные командой /forget — по сроку мы ничего не удаляем. /forget стирает имя, контакты, ответы и переписку — у нас и в рабочей группе (там — всё, что позволяет удалить Telegram), и отменяет записи на звонок и запланированные сообщения. Записи о ваших заказах и оплатах останутся — суммы и даты, без вашего имени и контактов: их нужно хранить для бухгалтерского учёта; от остального останется только обезличенная статистика. В выгрузках и резервных копиях базы, сделанных раньше, данные остаются, пока компания их не удалит.',
        '',
        'Рассылки: вы не подписаны. Подписаться можно кнопкой ниже.',
        '/mydata — файл с вашими данными (кроме заметок менеджеров)',
        '/forget — удалить ваши данные',
      ].join('\n'),
    )
    // Not subscribed: no "/stop to unsubscribe" beside it
    expect(h.fake.lastTextTo(user.id)).not.toContain('/stop')
    expect(h.fake.lastButtonsTo(user.id)).toEqual([{ text: 'Подписаться на новости', data: 'consent:yes:privacy' }])
    const shown = (h.fake.sentTo(user.id).at(-1)!.result as { message_id: number }).message_id
    await h.send(h.u.callback(user, 'consent:yes:privacy'))
    // The message pressed says what is true now, with the button that undoes it
    const edited = h.fake.callsOf('editMessageText').findLast((c) => c.payload.message_id === shown)
    expect(edited?.payload.text).toContain(
      'Рассылки: вы подписаны. /stop — отписаться (о заявках, звонках, заказах и их оплате мы по-прежнему напишем, а после заказа спросим, как всё прошло)',
    )
    expect(edited?.payload.reply_markup?.inline_keyboard.flat()).toEqual([
      { text: 'Отписаться от рассылок', callback_data: 'consent:no:privacy' },
    ])
    expect(h.fake.lastTextTo(user.id)).toContain('Спасибо')
    await h.send(h.u.text(user, '/privacy'))
    expect(h.fake.lastTextTo(user.id)).toContain('Рассылки: вы подписаны. /stop — отписаться')
    // A button of an older /privacy (before the mark) still answers
    await h.send(h.u.callback(user, 'consent:no'))
    expect(h.deps.services.clients.isSubscribed(findClientByTelegramId(h.deps.db, user.id)!)).toBe(false)
  })

  it('/privacy names both ways to the client’s data: a file of it (/mydata) and erasing it (/forget)', async () => {
    const h = createHarness()
    const ru = h.u.user(205)
    await h.send(h.u.text(ru, '/privacy'))
    expect(h.fake.lastTextTo(ru.id)).toMatch(
      /\n\/mydata — файл с вашими данными \(кроме заметок менеджеров\)\n\/forget — удалить ваши данные$/,
    )
    const en = h.u.user(206, { language_code: 'en' })
    await h.send(h.u.text(en, '/privacy'))
    expect(h.fake.lastTextTo(en.id)).toMatch(
      /\n\/mydata — a file with your data \(our managers' notes aside\)\n\/forget — delete your data$/,
    )
    // The command it names does what it says
    await h.send(h.u.text(en, '/mydata'))
    expect(h.fake.callsOf('sendDocument').at(-1)?.payload.chat_id).toBe(en.id)
  })

  it('/stop ends marketing but keeps the client reachable for service messages', async () => {
    const h = createHarness()
    const user = h.u.user(204)
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, '/stop'))
    const client = findClientByTelegramId(h.deps.db, user.id)!
    expect(client.optOutAt).toBe(h.clock.now())
    expect(h.deps.services.clients.canReceiveMarketing(client)).toBe(false)
    expect(client.blockedAt).toBeNull()
    // What still comes, as the follow-up policy sends it after /stop: payment reminders, check-ins,
    // review requests and NPS besides requests and calls
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Готово: рассылок больше не будет. О ваших заявках, звонках, заказах и их оплате мы по-прежнему напишем, а после заказа спросим, как всё прошло. Передумаете — /privacy.',
    )
  })

  it('"stop" or «отписаться» typed alone outside any step is /stop; «стоп» in a quiz stays the quiz’s', async () => {
    const h = createHarness()
    const done =
      'Готово: рассылок больше не будет. О ваших заявках, звонках, заказах и их оплате мы по-прежнему напишем, а после заказа спросим, как всё прошло. Передумаете — /privacy.'
    for (const [n, word] of [
      'stop',
      'Стоп!',
      'отписаться',
      'Unsubscribe',
      'please stop',
      'stop texting me',
      'Хватит присылать спам',
      'отпишите меня от рассылки',
      // The sending refused, as people say it to an unwanted message
      'не присылайте мне больше рекламу',
      'хватит спамить',
      'Не пишите мне больше',
      "don't text me anymore",
      'no more messages please',
      'отзываю согласие',
      // Taken off the list: the news, not the data («удалите меня из рассылки» was asked to erase everything)
      'удалите меня из рассылки',
    ].entries()) {
      const user = h.u.user(206 + n)
      await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, word))
      expect(h.fake.lastTextTo(user.id), word).toBe(done)
      // (Not the clock's now: with this many chats the bot's pace to Telegram moves it on while replying)
      expect(findClientByTelegramId(h.deps.db, user.id)?.optOutAt, word).not.toBeNull()
    }
    // Saying more is for a person
    const more = h.u.user(220)
    await h.send(h.u.text(more, '/start'), h.u.callback(more, 'consent:yes'), h.u.text(more, 'стоп, я передумал'))
    // "Хватит" alone is "enough" to whoever is talking: of the news only when it says so
    await h.send(h.u.text(more, 'хватит уже'))
    // "No more" alone answers "anything else?"; «не пишите сюда, звоните» asks for a call
    await h.send(h.u.text(more, 'no more'), h.u.text(more, 'не пишите мне сюда, звоните'))
    // "No, text me" answers "can I call you?"; «не присылайте» alone may answer "shall I send it?"
    await h.send(h.u.text(more, 'No, text me'), h.u.text(more, 'не присылайте'))
    expect(findClientByTelegramId(h.deps.db, more.id)?.optOutAt).toBeNull()
    // Inside a step the word is the step's answer (the quiz says to pick a button), nothing more
    const quizzing = h.u.user(210)
    await h.send(
      h.u.text(quizzing, '/start'),
      h.u.callback(quizzing, 'consent:yes'),
      h.u.callback(quizzing, 'menu:quiz'),
    )
    await h.send(h.u.text(quizzing, 'стоп'))
    // (The question's old copy then loses its buttons: an edit with no text, left out here)
    expect(h.fake.textsTo(quizzing.id).filter(Boolean).at(-1)).toContain('Выберите, пожалуйста, вариант кнопкой 👇')
    expect(findClientByTelegramId(h.deps.db, quizzing.id)?.optOutAt).toBeNull()
    expect(h.deps.services.handoff.isOpen(findClientByTelegramId(h.deps.db, quizzing.id)!.id)).toBe(false)
  })

  it('/stop again tells one not subscribed that nothing changes; «стоп» under the newsletter question takes its buttons', async () => {
    const h = createHarness()
    const user = h.u.user(221)
    await h.send(h.u.text(user, '/start'))
    const question = h.fake.messageWithButton(user.id, 'consent:yes') as number
    await h.send(h.u.text(user, 'стоп'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Готово: рассылок больше не будет\./)
    // The question it answered offers no "Да, присылайте" under the opt-out
    expect(h.fake.keyboardOf(user.id, question)).toBeUndefined()
    await h.send(h.u.text(user, '/stop'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Вы и так не подписаны на рассылки — их не будет. О ваших заявках, звонках, заказах и их оплате мы по-прежнему напишем, а после заказа спросим, как всё прошло. Передумаете — /privacy.',
    )
    // Declined by the button, the same
    const decliner = h.u.user(222)
    await h.send(h.u.text(decliner, '/start'), h.u.callback(decliner, 'consent:no'), h.u.text(decliner, '/stop'))
    expect(h.fake.lastTextTo(decliner.id)).toMatch(/^Вы и так не подписаны на рассылки/)
    expect(h.errors()).toEqual([])
  })

  it('/stop and /privacy tell an English client what still comes', async () => {
    const h = createHarness()
    const user = h.u.user(205, { first_name: 'Kate', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, '/privacy'))
    expect(h.fake.lastTextTo(user.id)).toContain(
      'Newsletter: you are subscribed. /stop — unsubscribe (we will still write about your requests, calls, orders and their payment, and ask how everything went after your order)',
    )
    // Who sees the data, in English too
    expect(h.fake.lastTextTo(user.id)).toContain(
      [
        '👥 Who sees it',
        "• The company's staff. They work in Telegram — in their staff group and their chats with the bot: your conversation with a manager is there, with a card showing your name and contacts. Telegram stores those chats, as it stores this one.",
        "• The payment provider — when you pay an invoice in Telegram. You enter your card details in Telegram's payment form, and they go to Telegram and the payment provider, not to us: we keep only the amount and the payment's number.",
        '• Nobody else: we do not sell your data or pass it on for advertising.',
      ].join('\n'),
    )
    await h.send(h.u.text(user, '/stop'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Done: no more newsletters. We will still write about your requests, calls, orders and their payment, and ask how everything went after your order. Changed your mind? /privacy',
    )
  })
})

describe('consent facts: declined, granted and withdrawn are kept apart', () => {
  const DAY = 86_400_000
  const iso = (ms: number) => new Date(ms).toISOString()
  const documentTo = (h: ReturnType<typeof createHarness>, chatId: number) => {
    const call = h.fake
      .sentTo(chatId)
      .filter((c) => c.method === 'sendDocument')
      .at(-1)
    return call?.files.document?.data.toString('utf8') ?? ''
  }

  it('in the export, /mydata and the client card', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const decliner = h.u.user(211, { first_name: 'Дина' })
    const withdrawer = h.u.user(212, { first_name: 'Вадим' })
    const unsubscriber = h.u.user(213, { first_name: 'Ульяна' })
    const stopper = h.u.user(214, { first_name: 'Степан' })
    const granted = h.clock.now()
    await h.send(h.u.text(decliner, '/start'), h.u.callback(decliner, 'consent:no'))
    await h.send(h.u.text(withdrawer, '/start'), h.u.callback(withdrawer, 'consent:yes'))
    await h.send(h.u.text(unsubscriber, '/start'), h.u.callback(unsubscriber, 'consent:yes'))
    await h.send(h.u.text(stopper, '/start'))
    h.clock.advance(DAY)
    const later = h.clock.now()
    await h.send(h.u.text(withdrawer, '/stop'), h.u.text(stopper, '/stop'))
    await h.send(h.u.text(unsubscriber, '/privacy'))
    expect(h.fake.lastButtonsTo(unsubscriber.id).map((b) => b.data)).toEqual(['consent:no:privacy'])
    await h.send(h.u.callback(unsubscriber, 'consent:no:privacy'))

    const exportOf = async (user: { id: number }) => {
      await h.send(h.u.text(owner, `/export ${user.id}`))
      return JSON.parse(documentTo(h, owner.id)).client.marketing_consent
    }
    expect(await exportOf(decliner)).toEqual({
      status: 'declined',
      asked_at: iso(granted),
      granted_at: null,
      declined_at: iso(granted),
      withdrawn_at: null,
      text_version: CONSENT_TEXT_VERSION,
    })
    const withdrawal = {
      status: 'withdrawn',
      asked_at: iso(granted),
      granted_at: iso(granted),
      declined_at: null,
      withdrawn_at: iso(later),
      text_version: CONSENT_TEXT_VERSION,
    }
    expect(await exportOf(withdrawer)).toEqual(withdrawal)
    expect(await exportOf(unsubscriber)).toEqual(withdrawal)
    // /stop from someone who never answered the question: they never gave consent
    expect(await exportOf(stopper)).toMatchObject({ status: 'declined', granted_at: null, declined_at: iso(later) })

    // The client's own copy says the same
    await h.send(h.u.text(decliner, '/mydata'))
    expect(JSON.parse(documentTo(h, decliner.id)).client.marketing_consent.status).toBe('declined')
    await h.send(h.u.text(withdrawer, '/mydata'))
    expect(JSON.parse(documentTo(h, withdrawer.id)).client.marketing_consent).toEqual(withdrawal)

    // The spreadsheet: one column for the state, one for each fact's time
    await h.send(h.u.text(owner, '/export'))
    const rows = parseCsv(documentTo(h, owner.id).slice(1))
    const header = rows[0] ?? []
    const consentOf = (user: { id: number }) => {
      const row = rows.find((r) => r[header.indexOf('telegram_id')] === String(user.id)) ?? []
      return ['marketing_consent', 'consent_granted_at', 'consent_declined_at', 'consent_withdrawn_at'].map(
        (name) => row[header.indexOf(name)],
      )
    }
    expect(consentOf(decliner)).toEqual(['declined', '', '2026-11-23 12:00', ''])
    expect(consentOf(withdrawer)).toEqual(['withdrawn', '2026-11-23 12:00', '', '2026-11-24 12:00'])

    // The card managers see
    await h.send(h.u.text(decliner, '/manager'), h.u.text(withdrawer, '/manager'))
    await h.drain()
    const cardOf = (user: { id: number }) => {
      const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId ?? undefined
      return h.fake.textsTo(STAFF_GROUP_ID, topicId)[0] ?? ''
    }
    expect(cardOf(decliner)).toContain('\n▫️ рассылки: отказ пн, 23 нояб., 12:00\n')
    expect(cardOf(decliner)).not.toContain('отозвано')
    expect(cardOf(withdrawer)).toContain(
      '\n🚫 рассылки: согласие отозвано вт, 24 нояб., 12:00 (было дано пн, 23 нояб., 12:00)\n',
    )
  })

  it('a new yes replaces a withdrawal; a no on an old button changes nothing', async () => {
    const h = createHarness()
    const user = h.u.user(215)
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, '/stop'))
    const stoppedAt = h.clock.now()
    h.clock.advance(DAY)
    // The old consent question's "no" button, pressed again
    await h.send(h.u.callback(user, 'consent:no'))
    let client = findClientByTelegramId(h.deps.db, user.id)!
    expect(consentFacts(client)).toMatchObject({ status: 'withdrawn', withdrawnAt: stoppedAt })

    await h.send(h.u.text(user, '/privacy'), h.u.callback(user, 'consent:yes'))
    client = findClientByTelegramId(h.deps.db, user.id)!
    expect(consentFacts(client)).toMatchObject({ status: 'granted', grantedAt: h.clock.now(), withdrawnAt: null })
    expect(h.deps.services.clients.canReceiveMarketing(client)).toBe(true)
    // The history is in the events, with the wording's version
    const history = h.deps.db
      .select({ type: events.type, data: events.data })
      .from(events)
      .where(eq(events.clientId, client.id))
      .orderBy(events.id)
      .all()
      .filter((e) => e.type.startsWith('consent'))
    expect(history).toEqual([
      { type: 'consent_given', data: { version: CONSENT_TEXT_VERSION } },
      { type: 'consent_withdrawn', data: { version: CONSENT_TEXT_VERSION, via: 'stop' } },
      { type: 'consent_given', data: { version: CONSENT_TEXT_VERSION } },
    ])
  })
})

describe('/forget', () => {
  it('asks first; "no" keeps everything', async () => {
    const h = createHarness()
    const user = h.u.user(205)
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/forget'))
    expect(h.fake.lastTextTo(user.id)).toContain('Удалить ваши данные?')
    await h.send(h.u.callback(user, 'forget:no'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.deletedAt).toBeNull()
    expect(h.fake.lastTextTo(user.id)).toContain('ничего не удаляем')
  })

  it('with a request open, says it closes unanswered; the question keeps the answer pressed under it', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 230, 'Ирина')
    await h.send(h.u.text(user, '/forget'))
    const asked = h.fake.messageWithButton(user.id, 'forget:yes')
    expect(h.fake.lastTextTo(user.id)).toContain(
      'Отменить удаление будет нельзя. Ваш вопрос менеджеру закроется вместе с данными — ответа на него не будет.',
    )
    // A typed yes there is still asked again with the buttons
    await h.send(h.u.text(user, 'да удаляйте'))
    expect(h.fake.lastTextTo(user.id)).toContain('кнопкой')
    const again = h.fake.messageWithButton(user.id, 'forget:no')
    expect(again).not.toBe(asked)
    await h.send(h.u.callback(user, 'forget:no'))
    // The question pressed keeps the answer under it (it lost its buttons and said nothing)
    expect(h.fake.emulator.chat(user.id).messages.get(again ?? 0)?.message.text).toMatch(/\n\n✔️ Нет, оставить$/)
    expect(h.deps.services.handoff.isOpen(h.deps.services.clients.byTelegramId(user.id)?.id ?? 0)).toBe(true)
    // Without a request, no such line
    const other = h.u.user(231)
    await h.send(h.u.text(other, '/start'), h.u.text(other, '/forget'))
    expect(h.fake.lastTextTo(other.id)).not.toContain('Ваш вопрос менеджеру')
    expect(h.errors()).toEqual([])
  })

  it('asked in words, in a booking’s comment step too, is /forget’s question; with a request open the team reads the words', async () => {
    const h = createHarness()
    const asked =
      'Удалить данные можно прямо здесь — это то же, что команда /forget.\n\nУдалить ваши данные? Мы сотрём имя, контакты, ответы и переписку, отменим записи на звонок и запланированные сообщения. Останется обезличенная статистика. Отменить удаление будет нельзя.'
    const user = h.u.user(232)
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'удалите мои данные'))
    expect(h.fake.lastTextTo(user.id)).toBe(asked)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['forget:yes', 'forget:no'])
    const client = findClientByTelegramId(h.deps.db, user.id)!
    // Nothing opened for the team: the bot answered it
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    // A yes typed under it is asked again with the buttons; pressed, the data is gone
    await h.send(h.u.text(user, 'да'))
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Удаление нельзя отменить/)
    await h.send(h.u.callback(user, 'forget:yes'))
    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()

    // At a booking's comment step: the question, not a comment on the call
    const booking = h.u.user(233)
    await h.send(h.u.text(booking, '/start'), h.u.text(booking, '/book'))
    await h.send(h.u.callback(booking, h.fake.lastButtonsTo(booking.id)[0]!.data!))
    await h.send(h.u.callback(booking, h.fake.lastButtonsTo(booking.id)[0]!.data!))
    await h.send(h.u.text(booking, '+7 916 123-45-67'))
    expect(h.fake.lastTextTo(booking.id)).toContain('Хотите что-то передать менеджеру перед звонком?')
    await h.send(h.u.text(booking, 'Удалите меня из базы, пожалуйста'))
    expect(h.fake.lastTextTo(booking.id)).toBe(asked)
    expect(h.fake.textsTo(booking.id).join('\n')).not.toContain('💬 Комментарий')
    // Kept: the booking's question still waits, and says so; a comment then goes on to the confirmation
    await h.send(h.u.callback(booking, 'forget:no'))
    expect(h.fake.lastTextTo(booking.id)).toBe('Хорошо, ничего не удаляем. Продолжим — вопрос выше ждёт вашего ответа.')
    await h.send(h.u.text(booking, 'Звоните после обеда'))
    expect(h.fake.lastTextTo(booking.id)).toContain('💬 Комментарий: Звоните после обеда')

    // With a request open and an invoice unpaid: both named, and the words reach the topic, the
    // line that the bot asked them to confirm after them
    const { user: waiting, topicId } = await clientInHandoff(h, 234, 'Вера')
    unpaidInvoice(h, findClientByTelegramId(h.deps.db, waiting.id)!.id)
    await h.send(h.u.text(waiting, 'я не давала согласия на обработку персональных данных'))
    expect(h.fake.lastTextTo(waiting.id)).toContain(
      'Ваш вопрос менеджеру закроется вместе с данными — ответа на него не будет. Неоплаченный счёт отменится — оплатить его будет нельзя.',
    )
    await settle(h)
    // The words with the bot's question under them, then what erasing would do to the request
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic.at(-2)).toMatch(
      /^🕐 12:00\nя не давала согласия на обработку персональных данных\n\n🕐 12:00\n🤖 Бот отправил клиенту: /,
    )
    expect(topic.at(-1)).toMatch(/^🗑 Клиент просит удалить свои данные \(\/forget\)/)
    // Not an erasure asked for: "не удаляйте", or a question of something else
    const keeper = h.u.user(235)
    await h.send(h.u.text(keeper, '/start'), h.u.text(keeper, 'не удаляйте мои данные, я вернусь'))
    expect(h.fake.lastTextTo(keeper.id)).not.toContain('Удалить ваши данные?')
    expect(h.errors()).toEqual([])
  })

  it('«удалите меня отовсюду», «сотрите меня», "delete me" ask to erase; said with a stop in a quiz, the news stops and the erasure is asked', async () => {
    const h = createHarness()
    const question = 'Удалить ваши данные? Мы сотрём имя, контакты, ответы и переписку'
    for (const [n, typed] of [
      'удалите меня отовсюду',
      'Удалите меня',
      'сотрите меня пожалуйста',
      'delete me',
      'remove me from everything',
    ].entries()) {
      const user = h.u.user(4400 + n, { language_code: /[a-z]/.test(typed) ? 'en' : 'ru' })
      await h.send(h.u.text(user, '/start'), h.u.text(user, typed))
      expect(
        h.fake.lastButtonsTo(user.id).map((b) => b.data),
        typed,
      ).toEqual(['forget:yes', 'forget:no'])
      const client = findClientByTelegramId(h.deps.db, user.id)!
      expect(h.deps.services.handoff.isOpen(client.id), typed).toBe(false)
    }
    // Not a place to leave that is something else
    const group = h.u.user(4410)
    await h.send(h.u.text(group, '/start'), h.u.text(group, 'удалите меня из чата'))
    expect(h.fake.textsTo(group.id).join('\n')).not.toContain(question)

    // In the quiz, a stop and an erasure at once: the news stops now, and the erasure is asked
    // with its buttons, the quiz's question still waiting (it was "pick an option with the buttons")
    const quizzing = h.u.user(4411)
    await h.send(h.u.text(quizzing, '/start'), h.u.callback(quizzing, 'consent:yes'))
    await h.send(h.u.callback(quizzing, 'menu:quiz'))
    await h.send(h.u.text(quizzing, 'ВЫ МНЕ БОЛЬШЕ НЕ ПИШИТЕ И УДАЛИТЕ МЕНЯ ОТОВСЮДУ'))
    const texts = h.fake.textsTo(quizzing.id).filter(Boolean)
    expect(texts.at(-1)).toMatch(
      /^Рассылок больше не будет — это уже сделано\. А удалить и сами данные можно прямо здесь — это то же, что команда \/forget\.\n\nУдалить ваши данные\?/,
    )
    expect(texts.join('\n')).not.toContain('Выберите, пожалуйста, вариант кнопкой')
    expect(h.fake.lastButtonsTo(quizzing.id).map((b) => b.data)).toEqual(['forget:yes', 'forget:no'])
    const client = findClientByTelegramId(h.deps.db, quizzing.id)!
    expect(client.optOutAt).not.toBeNull()
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    // Kept: the quiz goes on, and the news stays stopped
    await h.send(h.u.callback(quizzing, 'forget:no'))
    expect(h.fake.lastTextTo(quizzing.id)).toBe(
      'Хорошо, ничего не удаляем. Продолжим — вопрос выше ждёт вашего ответа.',
    )
    expect(findClientByTelegramId(h.deps.db, quizzing.id)?.optOutAt).not.toBeNull()
    // Outside any step too, and to one not subscribed it says so
    const never = h.u.user(4412)
    await h.send(h.u.text(never, '/start'), h.u.callback(never, 'consent:no'))
    await h.send(h.u.text(never, 'не пишите мне больше, удалите меня'))
    expect(h.fake.lastTextTo(never.id)).toMatch(/^Рассылок и так не будет: вы на них не подписаны\. А удалить/)
    expect(h.errors()).toEqual([])
  })

  it('a stop and an erasure asked at once in a request: the topic reads the words, the opt-out once, then the erasure asked', async () => {
    const h = createHarness()
    for (const [n, [typed, language_code]] of (
      [
        ['Отпишите меня и удалите все мои данные', 'ru'],
        ['стоп. удалите мои данные', 'ru'],
        ['unsubscribe me and delete my data', 'en'],
      ] as const
    ).entries()) {
      const user = h.u.user(4420 + n, { first_name: 'Вера', language_code })
      await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, '/manager'))
      await h.drain()
      const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId ?? 0
      const before = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
      const asked = h.u.text(user, typed)
      await h.send(asked)
      await settle(h)
      // The client hears both: the news stopped, and the erasure's question with its buttons
      expect(
        h.fake.lastButtonsTo(user.id).map((b) => b.data),
        typed,
      ).toEqual(['forget:yes', 'forget:no'])
      const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(before)
      const stops = topic.filter((t) => /🔕|Рассылок больше не будет|No more newsletters/.test(t))
      expect(stops, typed).toEqual([
        '🔕 Клиент отписался от рассылок — бот ответил ему сам. Сообщения о заявке, звонках, заказах и оплате ему по-прежнему приходят.',
      ])
      // The words themselves, as the client wrote them: copied, or — after a wait for the group's
      // budget, the third client's — posted under the time they were written
      const relayed = h.fake.callsOf('copyMessage').filter((c) => c.payload.message_thread_id === topicId)
      const copied = relayed.some((c) => c.payload.message_id === asked.message?.message_id)
      expect(copied || topic.some((t) => t.startsWith('🕐') && t.includes(typed)), typed).toBe(true)
      expect(topic.at(-1), typed).toMatch(/^🗑 Клиент просит удалить свои данные \(\/forget\)/)
      expect(topic.indexOf(stops[0] as string), typed).toBeLessThan(topic.length - 1)
    }
    expect(h.errors()).toEqual([])
  })

  it('a typed yes is asked again with the buttons: erasing cannot be undone; a question still reaches the team', async () => {
    const h = createHarness()
    const user = h.u.user(206)
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/forget'), h.u.text(user, 'да, удаляйте всё'))
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Удаление нельзя отменить, поэтому подтвердите его кнопкой «Да, удалить мои данные» — или нажмите «Нет, оставить».',
    )
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['forget:yes', 'forget:no'])
    const client = findClientByTelegramId(h.deps.db, user.id)
    expect(client?.deletedAt).toBeNull()
    expect(h.deps.services.handoff.isOpen(client!.id)).toBe(false)
    // A question about it is no answer: it reaches the team, and the buttons still decide
    await h.send(h.u.text(user, 'а что будет с моими заказами?'))
    expect(h.deps.services.handoff.isOpen(client!.id)).toBe(true)
    expect(findClientByTelegramId(h.deps.db, user.id)?.deletedAt).toBeNull()
    // That question is a request the erasure would close unanswered, which the question asked
    // before it never said: asked again as things stand, nothing erased yet
    await h.send(h.u.callback(user, 'forget:yes'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.deletedAt).toBeNull()
    expect(h.fake.lastTextTo(user.id)).toMatch(
      /^С тех пор как мы спросили, кое-что изменилось — вот вопрос заново, с тем, что есть сейчас:\n\nУдалить ваши данные\?.* Ваш вопрос менеджеру закроется вместе с данными — ответа на него не будет\.$/,
    )
    await h.send(h.u.callback(user, 'forget:yes'))
    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()
    expect(h.errors()).toEqual([])
  })

  it('erases personal data, cancels scheduled messages and keeps anonymous counts', async () => {
    const h = createHarness()
    const user = h.u.user(206, { first_name: 'Ольга', username: 'olga' })
    await h.send(h.u.text(user, '/start src_instagram'), h.u.callback(user, 'consent:yes'))
    const id = findClientByTelegramId(h.deps.db, user.id)!.id
    h.deps.db
      .insert(answers)
      .values({ clientId: id, kind: 'discovery', questionKey: 'task', value: 'сайт', createdAt: 1, updatedAt: 1 })
      .run()
    h.deps.scheduler.enqueue(FOLLOWUP_JOBS.checkin, {
      runAt: h.clock.now() + 1000,
      payload: { orderId: null, at: h.clock.now() + 1000 },
      clientId: id,
      dedupeKey: 'c1',
    })

    const consented = findClientById(h.deps.db, id)!
    const askedAt = h.clock.now()
    await forgetData(h, user)
    // Where to begin again, rather than a promise of a fresh start that the next text (answered
    // with the offer of a manager, as any message no flow expects) does not keep
    expect(h.fake.lastTextTo(user.id)).toBe('Готово: ваши данные удалены. Захотите начать заново — нажмите /start.')

    const row = findClientById(h.deps.db, id)!
    expect(row).toMatchObject({ telegramId: null, firstName: null, username: null })
    // The consent facts stay (times and the wording's version identify nobody): the proof of what was agreed
    expect(row).toMatchObject({ consentAt: consented.consentAt, consentVersion: 'marketing-v1' })
    expect(consented.consentAt).not.toBeNull()
    // (the answers wait for room in the chat: about one message a second)
    expect(row.deletedAt).toBeGreaterThanOrEqual(askedAt)
    expect(row.deletedAt).toBeLessThanOrEqual(h.clock.now())
    expect(row.source).toBe('instagram') // anonymous: kept for the funnel
    expect(h.deps.db.select().from(answers).where(eq(answers.clientId, id)).all()).toEqual([])
    // Not even the confirmation sent after the erasure, in the same update, is in a transcript
    expect(h.deps.db.select().from(messages).where(eq(messages.clientId, id)).all()).toEqual([])
    expect(h.deps.db.select().from(jobs).get()?.status).toBe('cancelled')
    const types = h.deps.db
      .select()
      .from(events)
      .where(eq(events.clientId, id))
      .all()
      .map((e) => e.type)
    expect(types).toEqual(expect.arrayContaining(['client_new', 'start', 'consent_given', 'forget']))

    // writing again starts from scratch, as a new client
    await h.send(h.u.text(user, '/start'))
    const fresh = findClientByTelegramId(h.deps.db, user.id)!
    expect(fresh.id).not.toBe(id)
    expect(h.fake.lastTextTo(user.id)).toContain('можно иногда присылать')
  })
  it('takes away the chat’s own menu a /language choice set, even when the "deleted" reply fails', async () => {
    const h = createHarness()
    const user = h.u.user(2_990_101, { first_name: 'Иван', language_code: 'ru' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/language'), h.u.callback(user, 'lang:en'))
    const chatMenu = { type: 'chat', chat_id: user.id }
    expect(h.fake.callsOf('setMyCommands').map((c) => c.payload.scope)).toContainEqual(chatMenu)

    await h.send(h.u.text(user, '/forget'))
    // Telegram fails the confirmation, every retry (a bad gateway)
    h.fake.fail({
      method: 'sendMessage',
      chatId: user.id,
      where: (p) => String(p.text).includes('deleted'),
      error_code: 502,
      description: 'Bad Gateway',
      times: 20,
    })
    await h.send(h.u.callback(user, 'forget:yes'))
    await h.flush(60_000)

    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()
    expect(h.fake.callsOf('deleteMyCommands').map((c) => c.payload.scope)).toContainEqual(chatMenu)
  })

  it('a menu Telegram will not delete does not keep the "deleted" reply from the client', async () => {
    const h = createHarness()
    const user = h.u.user(2_990_102, { first_name: 'Иван', language_code: 'ru' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/language'), h.u.callback(user, 'lang:en'))
    h.fake.fail({ method: 'deleteMyCommands', error_code: 500, description: 'Internal Server Error', times: 20 })
    await forgetData(h, user)
    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toContain('deleted')
  })
})
