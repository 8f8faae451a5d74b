/**
 * What the client is told is kept of them, and for how long: /privacy names their orders, payments,
 * calls and reviews and says they are kept until /forget (the bot deletes nothing after a set time),
 * and what /forget leaves — the records of orders and payments, without a name, for accounting —
 * is said in its question and after it, to a client who has orders (the erasure keeps them:
 * db/repositories/erasure.ts).
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { settle } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'

describe('/privacy: what is kept, why and for how long', () => {
  it('names contacts, the chat, calls, orders and payments, reviews, and that all stays until /forget, in both languages', async () => {
    const h = createHarness()
    const ru = h.u.user(8_811_001)
    await h.send(h.u.text(ru, '/privacy'))
    const russian = h.fake.lastTextTo(ru.id)
    expect(russian).toContain('• Ваши звонки, заказы и оплаты — чтобы выполнить работу и вести учёт.')
    expect(russian).toContain('• Ваши оценки и отзывы — чтобы знать, как мы поработали.')
    expect(russian).toContain(
      '⏳ Сколько храним\nПока вы не удалите данные командой /forget — по сроку мы ничего не удаляем.',
    )
    expect(russian).toContain(
      'Записи о ваших заказах и оплатах останутся — суммы и даты, без вашего имени и контактов: их нужно хранить для бухгалтерского учёта; от остального останется только обезличенная статистика.',
    )
    const en = h.u.user(8_811_002, { language_code: 'en' })
    await h.send(h.u.text(en, '/privacy'))
    const english = h.fake.lastTextTo(en.id)
    expect(english).toContain('• Your calls, orders and payments — to do the work and keep the accounts.')
    expect(english).toContain('• Your ratings and reviews — to know how we did.')
    expect(english).toContain('⏳ How long\nUntil you delete it with /forget — nothing is deleted after a set time.')
    expect(english).toContain(
      'The records of your orders and payments stay — amounts and dates, without your name or contacts — since the business must keep them for accounting; of everything else, only anonymous statistics remain.',
    )
    expect(english).toMatch(
      /\n\/mydata — a file with your data \(our managers' notes aside\)\n\/forget — delete your data$/,
    )
  })
})

describe('/forget: what stays, said before and after', () => {
  it('a client with an order is told the records of orders and payments stay, and why, in the question and after it', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 8_811_011, 'Вера')
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(owner, topicId, '/invoice 36000 сайт'))
    await h.send(h.u.staffText(owner, topicId, '/paid 1'))
    await h.send(h.u.staffText(owner, topicId, '/done 1'))
    await settle(h)
    await h.send(h.u.text(user, '/forget'))
    await settle(h)
    const stays =
      'Записи о ваших заказах и оплатах останутся — суммы и даты, без вашего имени и контактов: их нужно хранить для бухгалтерского учёта.'
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Удалить ваши данные? Мы сотрём имя, контакты, ответы и переписку, отменим записи на звонок и запланированные сообщения. Останется обезличенная статистика. Отменить удаление будет нельзя.' +
        ' Ваш вопрос менеджеру закроется вместе с данными — ответа на него не будет.' +
        ` ${stays}`,
    )
    await h.send(h.u.callback(user, 'forget:yes'))
    await settle(h)
    expect(findClientByTelegramId(h.deps.db, user.id)).toBeUndefined()
    expect(h.fake.lastTextTo(user.id)).toBe(
      `Готово: ваши данные удалены. ${stays} Захотите начать заново — нажмите /start.`,
    )
    expect(h.errors()).toEqual([])
  })

  it('a client without orders hears only of anonymous statistics, in English too', async () => {
    const h = createHarness()
    const en = h.u.user(8_811_021, { language_code: 'en' })
    await h.send(h.u.text(en, '/start'), h.u.text(en, '/forget'))
    expect(h.fake.lastTextTo(en.id)).toBe(
      'Delete your data? We will erase your name, contacts, answers and messages, and cancel your booked calls and anything scheduled. Anonymous statistics remain. This cannot be undone.',
    )
    await h.send(h.u.callback(en, 'forget:yes'))
    expect(h.fake.lastTextTo(en.id)).toBe('Done: your data has been deleted. To start again, tap /start.')
  })
})
