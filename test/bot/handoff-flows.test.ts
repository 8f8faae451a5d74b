/**
 * The bot's own questions stop while a manager talks with the client: a questionnaire the
 * client left unfinished must not take their messages to the manager as its answers.
 */
import type { User } from 'grammy/types'
import { describe, expect, it, vi } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { bookingsOf, slotData } from '../helpers/booking.ts'
import { buttonData, discoveryContent, pasteLong, press } from '../helpers/flows.ts'
import { clientInHandoff, relayedToGroup, writeDuringStep } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

// The fake clock starts on Monday 23 November 2026, 12:00 in Moscow (the demo's time zone)
const MONDAY = '2026-11-23'
/** Said once to words for the manager at a step, while its question waits and nobody else answered them. */
const WAITS = 'Передали ваше сообщение менеджеру. А вопрос выше всё ещё ждёт вашего ответа.'

/**
 * What the manager reads of a client's `words` that a step took as a try at its answer: the words,
 * with what the bot answered them (`answer`) under them in the same message of the topic (after
 * what the group's pace held back).
 */
async function shownWithAnswer(h: Harness, user: User, words: string, answer: string | undefined): Promise<void> {
  await h.flush()
  const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId ?? undefined
  const shown = h.fake.textsTo(STAFF_GROUP_ID, topicId).findLast((text) => text.includes(`\n${words}\n`))
  // (Its first line, as the topic quotes it: a question's bold is the client's chat's)
  const said = answer?.split('\n')[0]?.replace(/<\/?b>/g, '') ?? ''
  const under = shown?.split(`\n${words}\n\n`)[1] ?? ''
  expect(under, words).toMatch(/^🕐 \d\d:\d\d\n🤖 Бот отправил клиенту: /)
  expect(under.split('\n')[1], words).toBe(`🤖 Бот отправил клиенту: ${said}`)
}

describe('a flow left unfinished when a manager opens the chat', () => {
  it("the client's next message goes to the manager, not to the flow's question", async () => {
    const h = createHarness()
    const user = h.u.user(3301, { first_name: 'Анна' })
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Поиск')
    const asked = h.fake.textsTo(user.id).length
    // Days later the chat with a manager opens from the staff's side (a low rating, say)
    const client = findClientByTelegramId(h.deps.db, user.id)
    if (!client) throw new Error('no client')
    h.deps.services.handoff.open(client.id, 'low_rating')
    await h.drain()

    await h.send(h.u.text(user, 'Хочу заказать сайт для автомастерской'))
    await h.drain()
    // No next question of the questionnaire…
    expect(
      h.fake
        .textsTo(user.id)
        .slice(asked)
        .some((t) => t.includes('Вопрос')),
    ).toBe(false)
    // …the message is in the client's topic
    const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId
    expect(topicId).toBeTruthy()
    const inTopic = h.fake.callsOf('copyMessage').filter((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID)
    expect(inTopic.map((c) => c.payload.message_thread_id)).toContain(topicId)
    expect(h.errors()).toEqual([])
  })
})

describe('a flow the client begins while a request is open', () => {
  it('text that is no answer to a choice question reaches the topic, and the question still takes its button', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 3311, 'Анна')
    await h.send(h.u.callback(user, 'menu:quiz'))
    await press(h, user, 'Собирать заявки')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 5')
    const question = h.u.text(user, 'А сколько по времени займёт разработка?')
    const { relayed, answered } = await writeDuringStep(h, user, question)
    expect(relayed).toContain(question.message?.message_id)
    // Not "choose with the buttons": the manager answers it, and the client is told it went to
    // them and that the question still waits (not left in silence)
    expect(answered).toEqual([WAITS])
    await press(h, user, 'Одна страница')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 5')
    expect(h.errors()).toEqual([])
  })

  it('a few words typed instead of a tap ("пока думаю", "после обеда") are a try at the step: answered, not passed on in silence; the manager reads them with the answer', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 3316, 'Валентина')
    await h.send(h.u.callback(user, 'menu:quiz'))
    // (and what an answer may begin with as a question does, and people counted)
    for (const typed of ['пока думаю', 'тысяч 100 наверное', 'как можно скорее', 'можно завтра', '5 человек']) {
      const message = h.u.text(user, typed)
      const { relayed, answered } = await writeDuringStep(h, user, message)
      expect(answered.join('\n'), typed).toContain('кнопкой')
      // The manager reads them too, with the step's answer under them: not a bare "пока думаю"
      expect(relayed, typed).toContain(message.message?.message_id)
      await shownWithAnswer(h, user, typed, answered[0])
    }
    // A question without its "?", a manager called for, a price asked, a thanks: the manager's
    for (const typed of [
      'а зачем это всё',
      'сколько стоит',
      'позовите менеджера',
      'Хочу поговорить с менеджером',
      'вы тут',
      'цены',
      'спасибо',
      'ок',
    ]) {
      const message = h.u.text(user, typed)
      expect((await writeDuringStep(h, user, message)).relayed, typed).toContain(message.message?.message_id)
    }
    // A sentence the step cannot read, with nothing in it for a person, while the bot's words are
    // the last the client read: a try at the step too (passed on, it met silence at night). While
    // the team talks with the client, it is theirs (the next describe's last test)
    for (const typed of ['нет, у нас свой магазин на озоне', 'ну чтоб записывались ко мне онлайн']) {
      const message = h.u.text(user, typed)
      const { relayed, answered } = await writeDuringStep(h, user, message)
      expect(answered.join('\n'), typed).toContain('кнопкой')
      expect(relayed, typed).toContain(message.message?.message_id)
      await shownWithAnswer(h, user, typed, answered[0])
    }
    await press(h, user, 'Собирать заявки')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 5')
    // So at the booking's day and time: "после обеда" is answered by the step
    await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`))
    const vague = h.u.text(user, 'после обеда')
    const atTime = await writeDuringStep(h, user, vague)
    expect(atTime.answered).not.toEqual([])
    await shownWithAnswer(
      h,
      user,
      'после обеда',
      atTime.answered.find((text) => text !== ''),
    )
    expect(h.errors()).toEqual([])
  })

  it('a person asked for at a question with nobody reading yet opens a request; the question still takes its button', async () => {
    const h = createHarness()
    const user = h.u.user(3317, { first_name: 'Аня' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'menu:quiz'))
    const client = findClientByTelegramId(h.deps.db, user.id)
    if (!client) throw new Error('no client')
    const option = buttonData(h, user, 'Собирать заявки')
    for (const typed of ['позовите менеджера', 'можно с человеком поговорить?']) {
      await h.send(h.u.text(user, typed))
      expect(h.deps.services.handoff.isOpen(client.id), typed).toBe(true)
      expect(h.fake.lastTextTo(user.id), typed).not.toContain('кнопкой')
    }
    expect(h.fake.textsTo(user.id).join('\n')).toContain('Аня, передаю вас менеджеру')
    await h.send(h.u.callback(user, option))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 5')
    expect(h.errors()).toEqual([])
  })

  it('a question at a quiz step with nobody reading opens a request with its words; the quiz still takes its button', async () => {
    const h = createHarness()
    const user = h.u.user(3318, { first_name: 'Анна' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'menu:quiz'))
    await press(h, user, 'Собирать заявки')
    const client = findClientByTelegramId(h.deps.db, user.id)!
    const option = buttonData(h, user, 'Одна страница')
    // Asked with its mark mid-sentence, or without one: only a person answers it ("use the buttons"
    // again and again lost the lead, and nobody on the team ever saw it)
    await h.send(h.u.text(user, 'а можно сначала узнать сроки? мне к новому году надо'))
    expect(h.deps.services.handoff.isOpen(client.id)).toBe(true)
    expect(h.fake.lastTextTo(user.id)).toContain('Анна, передаю вас менеджеру')
    await h.drain()
    const topic = h.fake.textsTo(STAFF_GROUP_ID, findClientByTelegramId(h.deps.db, user.id)!.topicId!).join('\n')
    expect(topic).toContain('а можно сначала узнать сроки? мне к новому году надо')
    const other = h.u.user(3319, { first_name: 'Олег' })
    await h.send(h.u.text(other, '/start'), h.u.callback(other, 'menu:quiz'))
    await h.send(h.u.text(other, 'сколько времени займёт разработка?'))
    expect(h.deps.services.handoff.isOpen(findClientByTelegramId(h.deps.db, other.id)!.id)).toBe(true)
    // Without its mark such words may be the answer: «где-то 100 тысяч» is no "где?"
    const third = h.u.user(3320, { first_name: 'Ира' })
    await h.send(h.u.text(third, '/start'), h.u.callback(third, 'menu:quiz'))
    await h.send(h.u.text(third, 'где-то 100 тысяч'))
    expect(h.deps.services.handoff.isOpen(findClientByTelegramId(h.deps.db, third.id)!.id)).toBe(false)
    // The quiz waits on: its button still answers the question
    await h.send(h.u.callback(user, option))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 5')
    expect(h.errors()).toEqual([])
  })

  it('a photo at a question reaches the topic', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 3312, 'Борис')
    await h.send(h.u.callback(user, 'menu:quiz'))
    expect(buttonData(h, user, 'Собирать заявки')).toMatch(/^qq:/)
    const photo = h.u.photo(user, { caption: 'Вот пример сайта, который нравится' })
    expect((await writeDuringStep(h, user, photo)).relayed).toContain(photo.message?.message_id)
    expect(h.errors()).toEqual([])
  })

  it('asked for a manager mid-quiz, the client goes on with it while waiting: what they write then reaches the topic', async () => {
    const h = createHarness()
    const user = h.u.user(3313, { first_name: 'Вера' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'menu:quiz'))
    await press(h, user, 'Собирать заявки')
    const onePage = buttonData(h, user, 'Одна страница')
    await h.send(h.u.text(user, '/manager'))
    await h.drain()
    // The buttons under question 2 are still on the screen: a tap answers it
    await h.send(h.u.callback(user, onePage))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из 5')
    const question = h.u.text(user, 'Вы здесь? Мне бы цену уточнить')
    expect((await writeDuringStep(h, user, question)).relayed).toContain(question.message?.message_id)
    expect(h.errors()).toEqual([])
  })

  it('a paste too long for a typed answer reaches the topic whole, and no part of it is taken as the answer', async () => {
    const h = createHarness()
    const { user, client } = await clientInHandoff(h, 3314, 'Глеб')
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Посоветовали знакомые')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из')
    const before = h.fake.calls.length
    await pasteLong(h, user, 'Техническое задание. '.repeat(250))
    await h.drain()
    const parts = h.fake.calls
      .slice(before)
      .filter((c) => c.method === 'copyMessage' && Number(c.payload.from_chat_id) === user.id)
    expect(parts).toHaveLength(2)
    const answers = h.deps.sqlite
      .prepare(`select question_key from answers where client_id = ? and kind = 'discovery'`)
      .all(client.id) as { question_key: string }[]
    expect(answers.map((a) => a.question_key)).toEqual(['source'])
    expect(h.errors()).toEqual([])
  })

  it("a question at the booking's phone step reaches the topic, and the step still takes the phone", async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 3315, 'Дарья')
    await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
    expect(h.fake.lastTextTo(user.id)).toContain('На какой номер позвонить?')
    const question = h.u.text(user, 'А можно вечером после 19?')
    const photo = h.u.photo(user, { caption: 'Вот макет' })
    const { relayed, answered } = await writeDuringStep(h, user, question, photo)
    // The manager reads both in the client's topic…
    expect(relayed).toEqual(expect.arrayContaining([question.message?.message_id, photo.message?.message_id]))
    const inTopic = h.fake.callsOf('copyMessage').filter((c) => Number(c.payload.chat_id) === STAFF_GROUP_ID)
    expect(inTopic.map((c) => c.payload.message_thread_id)).toContain(topicId)
    // …and the client is not told their question is a bad phone number: only, once, that it went
    // to the manager and the question still waits
    expect(answered).toEqual([WAITS])
    await h.send(h.u.text(user, '+7 916 123-45-67'))
    expect(h.fake.textsTo(user.id).at(-2)).toBe('Номер записан: +7 916 123 45 67')
    await h.send(h.u.callback(user, 'bk:skip'))
    await h.send(h.u.callback(user, 'bk:ok'))
    expect(bookingsOf(h, user)).toEqual([
      expect.objectContaining({ status: 'booked', phone: '+79161234567', slotStart: Date.parse('2026-11-23T12:00Z') }),
    ])
    expect(h.errors()).toEqual([])
  })

  it('text that is no name at /name reaches the topic, and the name is still asked for', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 3316, 'Евгения')
    await h.send(h.u.text(user, '/name'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас я называю вас')
    const question = h.u.text(user, 'Вы мне ответите сегодня?')
    const { relayed, answered } = await writeDuringStep(h, user, question)
    expect(relayed).toContain(question.message?.message_id)
    expect(answered).toEqual([WAITS])
    await h.send(h.u.text(user, 'Женя'))
    expect(h.fake.lastTextTo(user.id)).toBe('Хорошо, теперь буду называть вас Женя.')
    expect(h.errors()).toEqual([])
  })

  it('a try at the answer that the step refuses is answered as such, and the manager reads it with that answer', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 3501, 'Дарья')
    await h.send(h.u.text(user, '/book'), h.u.callback(user, `bkd:${MONDAY}`))
    await h.send(h.u.callback(user, slotData('2026-11-23T12:00Z')))
    // A number one group of digits short
    const typo = h.u.text(user, '8 916 123 45')
    await h.send(typo)
    const typoAnswer = h.fake.lastTextTo(user.id)
    expect(typoAnswer).toContain('Не получилось распознать номер')
    await h.send(h.u.text(user, '+7 916 123-45-67'))
    // A comment over the limit is still the comment: the client is told it is too long
    const long = h.u.text(user, 'Хочу обсудить лендинг для кофейни. '.repeat(20))
    await h.send(long)
    const longAnswer = h.fake.lastTextTo(user.id)
    expect(longAnswer).toContain('длинн')
    // A long paste of a comment: refused as too long, the step still waits and goes on
    await pasteLong(h, user, 'Техническое задание. '.repeat(300))
    await h.send(h.u.callback(user, 'bk:skip'))
    expect(h.fake.lastTextTo(user.id)).toContain('Проверим')
    // A name refused for a sign in it
    await h.send(h.u.text(user, '/name'))
    const emoji = h.u.text(user, 'Даша 🙂')
    await h.send(emoji)
    const emojiAnswer = h.fake.lastTextTo(user.id)
    expect(emojiAnswer).toContain('имя')
    await h.drain()
    // The manager reads each try, with what the step answered it: not a bare "8 916 123 45"
    const relayed = relayedToGroup(h, user.id)
    for (const tried of [typo, long, emoji]) expect(relayed).toContain(tried.message?.message_id)
    await shownWithAnswer(h, user, '8 916 123 45', typoAnswer)
    await shownWithAnswer(h, user, 'Даша 🙂', emojiAnswer)
    const topicId = findClientByTelegramId(h.deps.db, user.id)?.topicId ?? undefined
    const comment = h.fake.textsTo(STAFF_GROUP_ID, topicId).find((text) => text.includes('лендинг для кофейни'))
    expect(comment).toContain(`🤖 Бот отправил клиенту: ${longAnswer}`)
    expect(h.errors()).toEqual([])
  })

  it("a phone number one digit short at a questionnaire's phone question is answered by the question, which the manager reads under it", async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: phone
      text: Телефон?
      type: phone
`),
    })
    const { user } = await clientInHandoff(h, 3504, 'Дарья')
    await h.send(h.u.callback(user, 'menu:discovery'))
    const typo = h.u.text(user, '8 916 123 45')
    const { answered } = await writeDuringStep(h, user, typo)
    expect(answered.join('\n')).toContain('номер')
    await shownWithAnswer(h, user, '8 916 123 45', answered[0])
    // A question is the manager's, as at any step
    const question = h.u.text(user, 'А зачем вам мой телефон?')
    expect((await writeDuringStep(h, user, question)).relayed).toContain(question.message?.message_id)
  })
})

describe('a flow’s question waiting while a request is open and nobody reads at night', () => {
  /** Monday 23:00 in Moscow: the studio is back on Tuesday at 10:00. */
  const MONDAY_NIGHT = '2026-11-23T20:00:00Z'

  it('her answers in her own words get the step’s own help, a number one digit short is told so, and what is for the manager is said once to have gone on: never silence', async () => {
    const h = createHarness()
    const { user } = await clientInHandoff(h, 3601, 'Галина')
    h.clock.set(MONDAY_NIGHT)
    // Told tonight already that the team is back in the morning
    await h.send(h.u.text(user, 'Добрый вечер, я хотела сайт себе сделать'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас мы не работаем')
    await h.send(h.u.callback(user, 'menu:quiz'))
    // Her answer to the quiz's question in her own words, which the step cannot read: its help,
    // as without a request (it went to the manager in silence, and she waited for a reply)
    const goal = h.u.text(user, 'ну чтоб записывались ко мне на стрижку и маникюр')
    const aboutGoal = await writeDuringStep(h, user, goal)
    expect(aboutGoal.answered.join('\n')).toContain('Выберите, пожалуйста, вариант кнопкой')
    // The manager reads her words too, with what the bot answered under them
    expect(aboutGoal.relayed).toContain(goal.message?.message_id)
    await shownWithAnswer(h, user, 'ну чтоб записывались ко мне на стрижку и маникюр', aboutGoal.answered[0])
    await press(h, user, 'Собирать заявки')
    await press(h, user, 'Одна страница')
    // Her words read as the option they name («В течение месяца»): the next question
    const when = await writeDuringStep(h, user, h.u.text(user, 'ну через месяц наверно'))
    expect(when.answered.join('\n')).toContain('Вопрос 4 из 5')
    // A question for the manager: it goes to them, and she is told so once, and that the
    // question above still waits; a second one right after is not told again
    const question = h.u.text(user, 'А сайт потом можно будет самой менять?')
    const asked = await writeDuringStep(h, user, question)
    expect(asked.relayed).toContain(question.message?.message_id)
    expect(asked.answered).toEqual([WAITS])
    const again = await writeDuringStep(h, user, h.u.text(user, 'И фотографии туда можно добавлять?'))
    expect(again.answered).toEqual([])
    // The booking's phone step: her number one digit short among words is a try at it, and she
    // is told it could not be read (she believed it was taken)
    await h.send(h.u.text(user, '/book'), h.u.callback(user, 'bkd:2026-11-24'))
    await h.send(h.u.callback(user, slotData('2026-11-24T12:00Z')))
    const short = await writeDuringStep(h, user, h.u.text(user, 'ну ладно пишите 8 916 123 45 6'))
    expect(short.answered.join('\n')).toContain('Не получилось распознать номер')
    expect(bookingsOf(h, user)).toEqual([])
    await h.send(h.u.text(user, '8 916 123 45 67'))
    await h.send(h.u.callback(user, 'bk:skip'))
    await h.send(h.u.callback(user, 'bk:ok'))
    const [call] = bookingsOf(h, user)
    expect(call).toMatchObject({ status: 'booked', phone: '+79161234567' })
    // Moving the call: a day and a time said in capitals at the day step are answered by the step,
    // "после обеда" with "часа в 4" read as Thursday 16:00: the move to confirm
    await h.send(h.u.callback(user, `bkm:resched:${call?.id}`))
    const move = await writeDuringStep(h, user, h.u.text(user, 'ЧЕТВЕРГ ПОСЛЕ ОБЕДА ЧАСА В 4'))
    expect(move.answered.join('\n')).toContain('Переносим звонок')
    expect(move.answered.join('\n')).toContain('четверг, 26 ноября, 16:00–16:30')
    expect(h.errors()).toEqual([])
  })

  it('while the team talks with the client (a person wrote last), a sentence at a step is theirs: it reaches them with no word from the bot', async () => {
    const h = createHarness()
    const { user, topicId } = await clientInHandoff(h, 3602, 'Анна')
    await h.send(h.u.callback(user, 'menu:quiz'))
    await h.send(h.u.staffText(h.u.user(OWNER_ID), topicId, 'Анна, а что за бизнес у вас?'))
    await h.flush()
    const words = h.u.text(user, 'у меня маленький салон красоты в Химках')
    const { relayed, answered } = await writeDuringStep(h, user, words)
    expect(relayed).toContain(words.message?.message_id)
    expect(answered).toEqual([])
    // A question too: no line from the bot under the manager's words
    const question = h.u.text(user, 'А сайт потом можно будет самой менять?')
    expect((await writeDuringStep(h, user, question)).answered).toEqual([])
    // The quiz still takes its button
    await press(h, user, 'Собирать заявки')
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из 5')
    expect(h.errors()).toEqual([])
  })
})

describe('a questionnaire step while a request is open', () => {
  it('a number out of its range or an address with its @ is a try at the question, read by the manager with its answer; other words go to the manager', async () => {
    const h = createHarness({
      content: discoveryContent(`    - key: age
      text: Сколько лет пациенту?
      type: number
      validation: { min: 3, max: 99 }
    - key: about
      text: Что беспокоит?
      type: text
      validation: { max_length: 20 }
    - key: email
      text: Почта?
      type: email
`),
    })
    const { user } = await clientInHandoff(h, 3505, 'Анна')
    await h.send(h.u.callback(user, 'menu:discovery'))
    const over = h.u.text(user, '150')
    const tooOld = await writeDuringStep(h, user, over)
    expect(tooOld.answered).toEqual(['Нужно число от 3 до 99.\n💡 Например: 50'])
    await shownWithAnswer(h, user, '150', tooOld.answered[0])
    await h.send(h.u.text(user, '7'))
    // A text over the limit with nothing in it for a person is a try too: the question says how
    // long it may be, and the manager reads it with that (a paste cut in parts reaches them
    // whole: the paste test above)
    const long = h.u.text(user, 'Болит зуб слева внизу уже неделю')
    const tooLong = await writeDuringStep(h, user, long)
    expect(tooLong.relayed).toContain(long.message?.message_id)
    expect(tooLong.answered.join('\n')).toContain('20')
    await shownWithAnswer(h, user, 'Болит зуб слева внизу уже неделю', tooLong.answered[0])
    await h.send(h.u.text(user, 'Болит зуб'))
    const typo = h.u.text(user, 'anna@')
    expect((await writeDuringStep(h, user, typo)).answered.join('\n')).toContain('почты')
    // Words that are no try at an address are the manager's, as at any step, an @ among them too
    const handle = h.u.text(user, 'почты нет, пишите в телеграм @anna')
    expect((await writeDuringStep(h, user, handle)).relayed).toContain(handle.message?.message_id)
    const question = h.u.text(user, 'А зачем вам почта')
    expect((await writeDuringStep(h, user, question)).relayed).toContain(question.message?.message_id)
    expect(h.errors()).toEqual([])
  })
})

describe('a flow left for a day', () => {
  it('ends by itself: the next message is not taken as the answer to a question asked a day ago', async () => {
    // The day is the bot's clock's (the sandbox moves it), not the computer's
    const h = createHarness()
    const user = h.u.user(3302, { first_name: 'Борис' })
    await h.send(h.u.callback(user, 'menu:discovery'))
    await press(h, user, 'Поиск')
    const asked = h.fake.textsTo(user.id).length
    h.clock.advance(25 * 3_600_000)
    await h.send(h.u.text(user, 'Хочу заказать сайт для автомастерской'))
    const after = h.fake.textsTo(user.id).slice(asked)
    expect(after.some((t) => t.includes('Вопрос 3 из'))).toBe(false)
    const client = findClientByTelegramId(h.deps.db, user.id)
    const answers = h.deps.sqlite.prepare('select value from answers where client_id = ?').all(client?.id) as {
      value: string
    }[]
    expect(answers.map((a) => a.value).join()).not.toContain('автомастерской')
    // The flow's button continues where they stopped
    await h.send(h.u.callback(user, 'menu:discovery'))
    expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 2 из')
    expect(h.errors()).toEqual([])
  })

  it('a step answered within the day is an answer, however much time passed on the computer', async () => {
    const h = createHarness()
    const user = h.u.user(3306, { first_name: 'Вера' })
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      await h.send(h.u.callback(user, 'menu:discovery'))
      await press(h, user, 'Поиск')
      // Two days on the computer's clock, an hour on the bot's: the question still waits
      vi.setSystemTime(Date.now() + 2 * 24 * 3_600_000)
      h.clock.advance(3_600_000)
      await h.send(h.u.text(user, 'Хочу заказать сайт для автомастерской'))
      expect(h.fake.lastTextTo(user.id)).toContain('Вопрос 3 из')
      expect(h.errors()).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })

  it('leaves no state behind: a week later the flow’s state is dropped, and the client still continues where they stopped', async () => {
    const h = createHarness()
    const gone = h.u.user(3303)
    const recent = h.u.user(3304)
    const later = h.u.user(3305)
    const stateOf = (user: { id: number }) =>
      h.deps.sqlite.prepare('select count(*) as n from kv where key like ?').get(`%${user.id}%`) as { n: number }
    await h.send(h.u.callback(gone, 'menu:discovery'))
    await press(h, gone, 'Поиск')
    expect(stateOf(gone).n).toBe(1)
    h.clock.advance(2 * 24 * 3_600_000)
    await h.send(h.u.callback(recent, 'menu:quiz'))
    expect(stateOf(recent).n).toBe(1)
    // Eight days after the first client left, someone else's flow writes its state
    h.clock.advance(6 * 24 * 3_600_000)
    await h.send(h.u.callback(later, 'menu:quiz'))
    expect(stateOf(gone).n).toBe(0)
    expect(stateOf(recent).n).toBe(1) // six days old: kept
    expect(stateOf(later).n).toBe(1)
    // The first client comes back: their message is not an answer, and the button continues
    await h.send(h.u.text(gone, 'Добрый день, я вернулся'))
    expect(h.fake.lastTextTo(gone.id)).not.toContain('Вопрос')
    await h.send(h.u.callback(gone, 'menu:discovery'))
    expect(h.fake.lastTextTo(gone.id)).toContain('Вопрос 2 из')
    expect(h.errors()).toEqual([])
  })
})
