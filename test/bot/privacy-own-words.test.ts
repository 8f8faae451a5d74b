import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { events } from '../../db/schema.ts'
import { consentFacts } from '../../src/services/clients.ts'
import { settle } from '../helpers/desk.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

/** The client's own words about the news and their data, as people write them, in both languages. */

const DONE_EN =
  'Done: no more newsletters. We will still write about your requests, calls, orders and their payment, and ask how everything went after your order. Changed your mind? /privacy'
const DONE_RU =
  'Готово: рассылок больше не будет. О ваших заявках, звонках, заказах и их оплате мы по-прежнему напишем, а после заказа спросим, как всё прошло. Передумаете — /privacy.'
const language = (typed: string) => (/[a-z]/i.test(typed) ? 'en' : 'ru')

describe('an unsubscribe wish said in a sentence', () => {
  it('unsubscribes as /stop does, with its answer; a question about it or the unsubscribing refused does not', async () => {
    const h = createHarness()
    const wishes = [
      "Actually I'd rather not get offers like that after all, please take me off your mailing list.",
      "I'd like to unsubscribe",
      'I withdraw my consent to marketing',
      'please stop sending me offers',
      'stop sending me promotions',
      'opt me out please',
      "I don't want any more marketing",
      'no more marketing emails please',
      'отпишите меня от рассылки пожалуйста',
      'больше не присылайте мне акции',
      'не хочу получать рассылку',
      'хочу отписаться от рассылки',
    ]
    for (const [n, typed] of wishes.entries()) {
      const user = h.u.user(4800 + n, { language_code: language(typed) })
      await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toBe(language(typed) === 'en' ? DONE_EN : DONE_RU)
      const client = findClientByTelegramId(h.deps.db, user.id)!
      expect(consentFacts(client).status, typed).toBe('withdrawn')
      expect(h.deps.services.clients.canReceiveMarketing(client), typed).toBe(false)
      expect(h.deps.services.handoff.isOpen(client.id), typed).toBe(false)
    }
    // Asked about, supposed or refused: still subscribed
    const calm = [
      'can I unsubscribe later?',
      'how do I unsubscribe?',
      "I don't want to unsubscribe",
      'can I unsubscribe later',
      'if you spam me I will unsubscribe',
      'stop sending me the invoice',
      'как отписаться от рассылки?',
      'я не хочу отписываться от рассылки',
      'не присылайте счёт',
      'можно ли отписаться потом',
    ]
    for (const [n, typed] of calm.entries()) {
      const user = h.u.user(4830 + n, { language_code: language(typed) })
      await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, typed))
      const client = findClientByTelegramId(h.deps.db, user.id)!
      expect(consentFacts(client).status, typed).toBe('granted')
      expect(h.fake.lastTextTo(user.id), typed).not.toMatch(/^(?:Done: no more newsletters|Готово: рассылок больше)/)
    }
    expect(h.errors()).toEqual([])
  })

  it('with a request open: unsubscribed, the words reach the topic with the same 🔕 line', async () => {
    const h = createHarness()
    for (const [n, typed] of ['please stop sending me offers', 'больше не присылайте мне акции'].entries()) {
      const user = h.u.user(4850 + n, { first_name: 'Kate', language_code: language(typed) })
      await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, '/manager'))
      await h.drain()
      const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId ?? 0
      const before = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
      const asked = h.u.text(user, typed)
      await h.send(asked)
      await settle(h)
      expect(h.fake.lastTextTo(user.id), typed).toBe(language(typed) === 'en' ? DONE_EN : DONE_RU)
      expect(consentFacts(findClientByTelegramId(h.deps.db, user.id)!).status, typed).toBe('withdrawn')
      const relayed = h.fake.callsOf('copyMessage').filter((c) => c.payload.message_thread_id === topicId)
      expect(
        relayed.map((c) => c.payload.message_id),
        typed,
      ).toContain(asked.message?.message_id)
      // (The topic's language is the team's: Russian)
      expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(before), typed).toContain(
        '🔕 Клиент отписался от рассылок — бот ответил ему сам. Сообщения о заявке, звонках, заказах и оплате ему по-прежнему приходят.',
      )
    }
    expect(h.errors()).toEqual([])
  })
})

describe('the newsletter question declined in words', () => {
  it('is its No: declined, the question loses its buttons; «не сейчас» stays unanswered', async () => {
    const h = createHarness()
    for (const [n, typed] of [
      "No thank you, I'd rather not get marketing emails.",
      "no thank you, I'd rather not",
      "I'd rather not",
      'not for me, thanks',
      'нет, не хочу',
      'пожалуй, не надо',
    ].entries()) {
      const user = h.u.user(4870 + n, { language_code: language(typed) })
      await h.send(h.u.text(user, '/start'))
      const question = h.fake.messageWithButton(user.id, 'consent:no') as number
      await h.send(h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toMatch(
        language(typed) === 'en' ? /^OK, no newsletters\./ : /^Хорошо, никаких рассылок\./,
      )
      expect(h.fake.keyboardOf(user.id, question), typed).toBeUndefined()
      const client = findClientByTelegramId(h.deps.db, user.id)!
      expect(consentFacts(client).status, typed).toBe('declined')
      expect(h.deps.services.handoff.isOpen(client.id), typed).toBe(false)
    }
    // After the bot's "I'm a bot" to words it misread under the question, a "no thanks" is still its No
    const misread = h.u.user(4880, { language_code: 'en' })
    await h.send(h.u.text(misread, '/start'), h.u.text(misread, 'hmm maybe'))
    expect(h.fake.lastTextTo(misread.id)).toMatch(/^I'm a bot and understand buttons best/)
    await h.send(h.u.text(misread, 'no thanks'))
    expect(h.fake.lastTextTo(misread.id)).toMatch(/^OK, no newsletters\./)
    expect(consentFacts(findClientByTelegramId(h.deps.db, misread.id)!).status).toBe('declined')
    // …but not a bare yes: it may answer the words misread
    const yes = h.u.user(4881, { language_code: 'en' })
    await h.send(h.u.text(yes, '/start'), h.u.text(yes, 'hmm maybe'), h.u.text(yes, 'yes'))
    expect(consentFacts(findClientByTelegramId(h.deps.db, yes.id)!).status).toBe('not_answered')
    for (const [n, typed] of ['не сейчас', "I'd rather not say", 'not for me, but for my wife'].entries()) {
      const user = h.u.user(4890 + n, { language_code: language(typed) })
      await h.send(h.u.text(user, '/start'), h.u.text(user, typed))
      expect(consentFacts(findClientByTelegramId(h.deps.db, user.id)!).status, typed).toBe('not_answered')
    }
    expect(h.errors()).toEqual([])
  })

  it('"I\'m a bot" names the button under it as the menu names it', async () => {
    const h = createHarness()
    for (const [n, [typed, named]] of (
      [
        ['blue', '“💬 Talk to a manager”'],
        ['синий', '«💬 Написать менеджеру»'],
      ] as const
    ).entries()) {
      const user = h.u.user(4895 + n, { language_code: language(typed) })
      await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:no'), h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toContain(named)
      expect(h.fake.lastButtonsTo(user.id)[0]?.text, typed).toBe(named.slice(1, -1))
    }
    expect(h.errors()).toEqual([])
  })
})

describe('the erasure asked politely', () => {
  it("gets /forget's question with its buttons, erasing nothing; a question about it or a refusal does not", async () => {
    const h = createHarness()
    for (const [n, typed] of [
      'Could you please delete all my data now that the project is finished?',
      "I'd like you to delete my personal data",
      'GDPR request: please delete my personal data',
      'Please erase everything you hold about me',
      'please forget me',
      'удалите пожалуйста все мои данные',
      'прошу удалить мои персональные данные',
    ].entries()) {
      const user = h.u.user(4900 + n, { language_code: language(typed) })
      await h.send(h.u.text(user, '/start'), h.u.text(user, typed))
      expect(h.fake.lastTextTo(user.id), typed).toMatch(
        language(typed) === 'en'
          ? /^You can delete your data right here — it is the same as the \/forget command\.\n\nDelete your data\?/
          : /^Удалить данные можно прямо здесь — это то же, что команда \/forget\.\n\nУдалить ваши данные\?/,
      )
      expect(
        h.fake.lastButtonsTo(user.id).map((b) => b.data),
        typed,
      ).toEqual(['forget:yes', 'forget:no'])
      const client = findClientByTelegramId(h.deps.db, user.id)
      expect(client?.deletedAt, typed).toBeNull()
      expect(h.deps.services.handoff.isOpen(client?.id ?? 0), typed).toBe(false)
    }
    // Said with an unsubscribe wish: the news stops at once, and the erasure waits for its button
    const both = h.u.user(4915, { language_code: 'en' })
    await h.send(h.u.text(both, '/start'), h.u.callback(both, 'consent:yes'))
    await h.send(h.u.text(both, 'please stop sending me offers and delete my personal data'))
    expect(h.fake.lastTextTo(both.id)).toMatch(/^No more newsletters — that is done already\. You can also delete/)
    expect(h.fake.lastButtonsTo(both.id).map((b) => b.data)).toEqual(['forget:yes', 'forget:no'])
    expect(consentFacts(findClientByTelegramId(h.deps.db, both.id)!).status).toBe('withdrawn')
    for (const [n, typed] of [
      'Will you delete my data after the order?',
      "don't delete my personal data",
      'do you delete my personal data after a year?',
      "don't forget me",
      'Вы удалите мои персональные данные после заказа?',
      'не удаляйте мои персональные данные',
    ].entries()) {
      const user = h.u.user(4920 + n, { language_code: language(typed) })
      await h.send(h.u.text(user, '/start'), h.u.text(user, typed))
      expect(
        h.fake.lastButtonsTo(user.id).map((b) => b.data),
        typed,
      ).not.toContain('forget:yes')
    }
    expect(h.errors()).toEqual([])
  })
})

describe('/unsubscribe in the topic', () => {
  it("withdraws the consent on the client's word, recorded as withdrawn by the team member, and tells the client", async () => {
    const h = createHarness()
    const MANAGER_ID = 7_700_001
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    // Words the bot cannot be sure of: they reach the manager, the client still subscribed
    const user = h.u.user(4950, { first_name: 'Kate', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, '/manager'))
    await h.drain()
    await h.send(h.u.text(user, 'and those offers of yours are getting a bit much, honestly'))
    await settle(h)
    const client = findClientByTelegramId(h.deps.db, user.id)!
    const topicId = client.topicId ?? 0
    expect(consentFacts(findClientByTelegramId(h.deps.db, user.id)!).status).toBe('granted')
    await h.send(h.u.staffText(manager, topicId, '/unsubscribe'))
    await settle(h)
    const after = findClientByTelegramId(h.deps.db, user.id)!
    expect(consentFacts(after).status).toBe('withdrawn')
    expect(h.deps.services.clients.canReceiveMarketing(after)).toBe(false)
    const withdrawn = h.deps.db.select().from(events).where(eq(events.clientId, client.id)).all()
    expect(withdrawn.filter((e) => e.type === 'consent_withdrawn').map((e) => e.data)).toEqual([
      expect.objectContaining({ via: 'staff', by: MANAGER_ID }),
    ])
    expect(h.fake.lastTextTo(user.id)).toBe(
      'As you asked, a manager has unsubscribed you from newsletters. We will still write about your requests, calls, orders and their payment, and ask how everything went after your order. Changed your mind? /privacy',
    )
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId)
    expect(topic).toContain(
      '🔕 Клиент отписан от рассылок: согласие отозвано по его просьбе. Ему отправлено подтверждение. Сообщения о заявке, звонках, заказах и оплате ему по-прежнему приходят.',
    )
    // Not the notice of an opt-out the bot answered itself
    expect(topic.join('\n')).not.toContain('бот ответил ему сам')
    // Again: nothing to withdraw, said so, the client not told twice
    const told = h.fake.textsTo(user.id).length
    await h.send(h.u.staffText(manager, topicId, '/unsubscribe'))
    await settle(h)
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toBe(
      'Клиент не подписан на рассылки — он уже отписался: рассылки ему не приходят, отзывать нечего.',
    )
    expect(h.fake.textsTo(user.id)).toHaveLength(told)
    expect(h.errors()).toEqual([])
  })
})

describe('/unsubscribe in the client’s own chat', () => {
  it('is /stop: the consent withdrawn as /stop withdraws it, with its answer; again, that nothing changes', async () => {
    const h = createHarness()
    for (const [n, lang] of (['en', 'ru'] as const).entries()) {
      const user = h.u.user(4_960 + n, { language_code: lang })
      await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'), h.u.text(user, '/unsubscribe'))
      expect(h.fake.lastTextTo(user.id), lang).toBe(lang === 'en' ? DONE_EN : DONE_RU)
      const client = findClientByTelegramId(h.deps.db, user.id)!
      expect(consentFacts(client).status, lang).toBe('withdrawn')
      expect(h.deps.services.clients.canReceiveMarketing(client), lang).toBe(false)
      const withdrawn = h.deps.db.select().from(events).where(eq(events.clientId, client.id)).all()
      expect(withdrawn.filter((e) => e.type === 'consent_withdrawn').map((e) => e.data)).toEqual([
        expect.objectContaining({ via: 'stop' }),
      ])
    }
    const again = h.u.user(4_960, { language_code: 'en' })
    await h.send(h.u.text(again, '/unsubscribe'))
    expect(h.fake.lastTextTo(again.id)).toMatch(/^You are not subscribed to newsletters, so none will come\./)
    expect(h.errors()).toEqual([])
  })

  it('a team member’s own chat: still told where the topic’s command works', async () => {
    const h = createHarness()
    const MANAGER_ID = 7_700_002
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    await h.send(h.u.text(manager, '/unsubscribe'))
    expect(h.fake.lastTextTo(MANAGER_ID)).toBe(
      '/unsubscribe работает в рабочей группе, в теме клиента. Список команд — /help',
    )
    expect(h.errors()).toEqual([])
  })
})
