/**
 * A client who only says thank you, with nothing going on (no request, no flow), hears a
 * light "you're welcome", not the bot's "I understand buttons best" offer of a manager.
 */
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'

const WELCOME_RU = 'Пожалуйста! 😊 Если что-то понадобится — я здесь.'
const WELCOME_EN = "You're welcome! 😊 I'm here if you need anything."

describe('a thanks with nothing going on', () => {
  it('is answered with a light "you are welcome", in the client’s language, and opens no request', async () => {
    const h = createHarness()
    const anna = h.u.user(9101, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/start'))
    for (const thanks of [
      ...['Спасибо!', 'спасибо большое 🙏', 'Спс', 'Благодарю вас!', 'Спасибо, понятно'],
      // For what: the call, the help — as English has "thanks for your help"
      ...['Спасибо за звонок!', 'Спасибо большое за помощь', 'благодарю за консультацию'],
      // Ukrainian
      ...['Дякую!', 'Дуже дякую, все зрозуміло'],
      // Kazakh, as clients in Kazakhstan thank in a Russian chat: «рахмет» is as common there as «спасибо»
      ...['Рахмет!', 'Көп рахмет 🙏', 'Рақмет сізге!', 'Үлкен рахмет, понятно'],
      // …and in Latin letters, as a phone without a Russian keyboard types it
      ...['rakhmet', 'Rahmet!'],
      // Uzbek and Tajik: «рахмат» (Tajik and Uzbek Cyrillic «раҳмат»), Uzbek's own Latin «rahmat», «raxmat»
      ...['Рахмат!', 'Раҳмат', 'rahmat', 'Raxmat 🙏'],
    ]) {
      await h.send(h.u.text(anna, thanks))
      expect(h.fake.lastTextTo(anna.id), thanks).toBe(WELCOME_RU)
    }
    const john = h.u.user(9102, { first_name: 'John', language_code: 'en' })
    await h.send(h.u.text(john, '/start'))
    for (const thanks of ['Thank you so much!', 'thanks', 'Many thanks 👍', 'Rahmat!']) {
      await h.send(h.u.text(john, thanks))
      expect(h.fake.lastTextTo(john.id), thanks).toBe(WELCOME_EN)
    }
    const client = findClientByTelegramId(h.deps.db, anna.id)!
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(false)
    expect(h.errors()).toEqual([])
  })

  it('a thanks with a question or a wish in it goes to a manager; a mere "ok" gets the offer of a manager', async () => {
    for (const [n, text] of [
      'Спасибо, а сколько стоит лендинг?',
      'Спасибо за консультацию вчера, хочу заказать',
    ].entries()) {
      const h = createHarness()
      const user = h.u.user(9103 + n)
      await h.send(h.u.text(user, '/start'), h.u.text(user, text))
      expect(h.fake.lastTextTo(user.id), text).toContain('передаю вас менеджеру')
    }
    const h = createHarness()
    const user = h.u.user(9105)
    await h.send(h.u.text(user, '/start'), h.u.text(user, 'ок'))
    // Nothing is passed on until they tap: the offer names the button, it promises nothing more
    expect(h.fake.lastTextTo(user.id)).toBe(
      'Я бот и лучше понимаю кнопки. Если у вас вопрос, нажмите «💬 Написать менеджеру» — менеджер увидит ваше сообщение и ответит здесь.',
    )
  })

  it('a team member in their own chat gets the team answer, as before', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, 'Спасибо!'))
    expect(h.fake.lastTextTo(owner.id)).toContain('Это ваш рабочий чат с ботом')
  })

  it('a yes or a no typed by a team member in their chat is pointed to the buttons of the question it answers', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    for (const typed of ['да', 'Нет', 'yes']) {
      await h.send(h.u.text(owner, typed))
      expect(h.fake.lastTextTo(owner.id), typed).toBe(
        'Если это ответ на вопрос бота — нажмите кнопку под ним: ответы на вопросы в этом чате даются кнопками.',
      )
    }
  })
})
