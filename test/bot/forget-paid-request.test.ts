/**
 * /forget from a client the team is serving: with a request open and a prepayment made for work
 * not done yet. What the client is told before they confirm, what the topic learns while they
 * decide, and what the team reads once they erased their data.
 */
import type { User } from 'grammy/types'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { settle } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const USE_BUTTONS =
  'Удаление нельзя отменить, поэтому подтвердите его кнопкой «Да, удалить мои данные» — или нажмите «Нет, оставить».'
const ASKED_LINE =
  '🗑 Клиент просит удалить свои данные (/forget) — бот попросил подтвердить кнопкой. Если подтвердит, запрос закроется без ответа и связаться с ним будет нельзя.'
const KEPT_LINE = '↩️ Клиент передумал удалять свои данные: всё остаётся как было, запрос открыт.'

/** The client in a request, with invoice #1 for 36 000 ₽ paid (a prepayment) and its work not done. */
async function prepaidInRequest(h: Harness, userId: number, name: string) {
  const { user, client, topicId } = await clientInHandoff(h, userId, name)
  const owner = h.u.user(OWNER_ID)
  await h.send(h.u.staffText(owner, topicId, '/invoice 36000 предоплата за сайт'))
  await h.send(h.u.staffText(owner, topicId, '/paid 1'))
  await settle(h)
  return { user, client, topicId, owner }
}

/** The texts the topic got after `from` of them. */
const topicTextsAfter = (h: Harness, topicId: number, from: number) =>
  h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(from)

async function forgetAsked(h: Harness, user: User) {
  await h.send(h.u.text(user, '/forget'))
  await settle(h)
}

describe('/forget with a prepayment for work not done yet', () => {
  it('the question says the paid order is not finished and what stays of the payment; the team reads which order was open', async () => {
    const h = createHarness()
    const { user } = await prepaidInRequest(h, 8_801_001, 'Пётр')
    await forgetAsked(h, user)
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Удалить ваши данные? Мы сотрём имя, контакты, ответы и переписку, отменим записи на звонок и запланированные сообщения. Останется обезличенная статистика. Отменить удаление будет нельзя.' +
        ' Ваш вопрос менеджеру закроется вместе с данными — ответа на него не будет.' +
        ' Ваш заказ оплачен, но ещё не выполнен: после удаления мы не сможем связаться с вами по нему. Если заказ ещё нужен, лучше оставить данные до его выполнения.' +
        ' Записи о ваших заказах и оплатах останутся — суммы и даты, без вашего имени и контактов: их нужно хранить для бухгалтерского учёта.',
    )
    await h.send(h.u.callback(user, 'forget:yes'))
    await settle(h)
    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()
    // The topic went whole: General hears of it, with the order that was paid and not done —
    // by its number and amount, which the erasure keeps, and nothing of who
    const said = h.fake.textsTo(STAFF_GROUP_ID).slice(-1)[0] ?? ''
    expect(said).toMatch(
      /^🗑 Клиент удалил свои данные \(\/forget\): его тема удалена вместе со всей перепиской\.\n💰 Счёт №1 на 36\s000\s₽ оплачен, а работа по нему не отмечена выполненной \(\/done\): клиент удалил свои данные — связаться с ним по этому заказу больше нельзя\.$/,
    )
    expect(said).not.toContain('Пётр')
    expect(said).not.toContain(String(user.id))
    expect(h.errors()).toEqual([])
  })

  it('an order paid and done is not named, to the client or the team; an English client reads it in English', async () => {
    const h = createHarness()
    const { user, topicId, owner } = await prepaidInRequest(h, 8_801_002, 'Олег')
    await h.send(h.u.staffText(owner, topicId, '/done 1'))
    await settle(h)
    await forgetAsked(h, user)
    expect(h.fake.lastTextTo(user.id)).not.toContain('оплачен')
    await h.send(h.u.callback(user, 'forget:yes'))
    await settle(h)
    expect(h.fake.textsTo(STAFF_GROUP_ID).join('\n')).not.toContain('💰')

    const kate = h.u.user(8_801_003, { first_name: 'Kate', language_code: 'en' })
    await h.send(h.u.text(kate, '/start'), h.u.text(kate, '/manager'))
    await settle(h)
    const kateTopic = findClientByTelegramId(h.deps.db, kate.id)!.topicId!
    await h.send(h.u.staffText(owner, kateTopic, '/invoice 36000 website'))
    await h.send(h.u.staffText(owner, kateTopic, '/invoice 1000 hosting'))
    await h.send(h.u.staffText(owner, kateTopic, '/paid 2'))
    await h.send(h.u.staffText(owner, kateTopic, '/paid 3'))
    await settle(h)
    await forgetAsked(h, kate)
    expect(h.fake.lastTextTo(kate.id)).toContain(
      'Your 2 paid orders are not finished yet: once your data is deleted, we can no longer reach you about them. If you still want the orders, better keep your data until they are done.' +
        ' The records of your orders and payments stay — amounts and dates, without your name or contacts: the business must keep them for accounting.',
    )
    expect(h.errors()).toEqual([])
  })
})

describe('/forget asked during a request: the topic knows', () => {
  it('the topic is told the client asked and is asked to confirm, and that they kept their data', async () => {
    const h = createHarness()
    const { user, client, topicId } = await prepaidInRequest(h, 8_801_011, 'Вера')
    const from = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    await forgetAsked(h, user)
    expect(topicTextsAfter(h, topicId, from)).toEqual([ASKED_LINE])
    // A typed yes asked again with the buttons: the topic reads the words, with that answer under
    // them (as everything the client types while a request is open), and no line more
    await h.send(h.u.text(user, 'да удаляйте'))
    await settle(h)
    const typedYes = `🕐 12:00\nда удаляйте\n\n🕐 12:00\n🤖 Бот отправил клиенту: ${USE_BUTTONS}`
    expect(topicTextsAfter(h, topicId, from)).toEqual([ASKED_LINE, typedYes])
    await h.send(h.u.callback(user, 'forget:no'))
    await settle(h)
    expect(topicTextsAfter(h, topicId, from)).toEqual([ASKED_LINE, typedYes, KEPT_LINE])
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)

    // Asked in words: the words reach the topic, and the line after them
    const words = h.u.text(user, 'удалите мои данные')
    await h.send(words)
    await settle(h)
    // (with the bot's question under them)
    const group = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(group.at(-2)).toMatch(/^🕐 12:00\nудалите мои данные\n\n🕐 12:00\n🤖 Бот отправил клиенту: /)
    expect(group.at(-1)).toBe(ASKED_LINE)

    // Without a request open nobody is told: there is no topic to tell
    const other = h.u.user(8_801_012)
    const posted = h.fake.sentTo(STAFF_GROUP_ID).length
    await h.send(h.u.text(other, '/start'), h.u.text(other, '/forget'), h.u.callback(other, 'forget:no'))
    await settle(h)
    expect(h.fake.sentTo(STAFF_GROUP_ID)).toHaveLength(posted)
    expect(findClientByTelegramId(h.deps.db, other.id)?.topicId).toBeNull()
    expect(h.errors()).toEqual([])
  })
})

describe('a typed "ok, delete" after a manager wrote below the question', () => {
  it('points at the buttons again (the erasure takes a button) and the manager reads the words too', async () => {
    const h = createHarness()
    const { user, client, topicId, owner } = await prepaidInRequest(h, 8_801_021, 'Семён')
    await forgetAsked(h, user)
    await h.send(h.u.text(user, 'а оплата моя тоже пропадет? я же предоплату внес'))
    await settle(h)
    await h.send(h.u.staffText(owner, topicId, 'А о каком удалении речь?'))
    await settle(h)
    const typed = h.u.text(user, 'ладно удаляйте')
    await h.send(typed)
    await settle(h)
    expect(h.fake.lastTextTo(user.id)).toBe(USE_BUTTONS)
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['forget:yes', 'forget:no'])
    expect(findClientByTelegramId(h.deps.db, user.id)?.deletedAt).toBeNull()
    // The manager asked: the answer reaches them as well, and they owe an answer to it
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(
      /^🕐 12:00\nладно удаляйте\n\n🕐 12:00\n🤖 Бот отправил клиенту: Удаление нельзя отменить/,
    )
    expect(h.deps.services.handoff.current(client.id)?.clientWaitingSince).not.toBeNull()
    // Confirmed with the button: erased
    await h.send(h.u.callback(user, 'forget:yes'))
    await settle(h)
    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()

    // A plain "да" to a manager's own question is the manager's, not the old question's
    const { user: anna, topicId: annaTopic } = await clientInHandoff(h, 8_801_022, 'Анна')
    await forgetAsked(h, anna)
    await h.send(h.u.staffText(owner, annaTopic, 'Вам удобно завтра созвониться?'))
    await settle(h)
    const before = h.fake.textsTo(anna.id).length
    await h.send(h.u.text(anna, 'да'))
    await settle(h)
    expect(h.fake.textsTo(anna.id).slice(before)).not.toContain(USE_BUTTONS)
    expect(h.errors()).toEqual([])
  })
})

describe('words with "удал…" in them after a manager asked what erasure the client meant', () => {
  it('are an answer to the manager, not an erasure: no buttons demanded, the words reach the topic and are owed an answer', async () => {
    const h = createHarness()
    const { user, client, topicId, owner } = await prepaidInRequest(h, 8_801_031, 'Лиза')
    await forgetAsked(h, user)
    await h.send(h.u.staffText(owner, topicId, 'А о каком удалении речь? Может, про фото на сайте?'))
    await settle(h)
    for (const said of ['Фото с главной удалите', 'не удалось оплатить счёт', 'удалённо работаете?']) {
      const before = h.fake.textsTo(user.id).length
      const typed = h.u.text(user, said)
      await h.send(typed)
      await settle(h)
      expect(h.fake.textsTo(user.id).slice(before), said).not.toContain(USE_BUTTONS)
      expect(h.fake.sentTo(STAFF_GROUP_ID, topicId).at(-1)?.payload.message_id, said).toBe(typed.message?.message_id)
      expect(h.deps.services.handoff.current(client.id)?.clientWaitingSince, said).not.toBeNull()
      // The manager answers each: the next is a new message of the client's
      await h.send(h.u.staffText(owner, topicId, 'Понял, сейчас посмотрю'))
      await settle(h)
    }
    expect(findClientByTelegramId(h.deps.db, user.id)?.deletedAt).toBeNull()
    // Asked in words all the same: the buttons again, as under the question itself
    await h.send(h.u.text(user, 'удалите мои данные, пожалуйста'))
    await settle(h)
    expect(h.fake.lastTextTo(user.id)).toBe(USE_BUTTONS)
    expect(h.errors()).toEqual([])
  })
})
