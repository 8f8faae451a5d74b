import { describe, expect, it } from 'vitest'
import { seedClient } from '../helpers/clients.ts'
import { sendThroughOutbox, settle, topicState } from '../helpers/desk.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import { createHarness, type Harness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const MANAGER_ID = 5_100_002
const DAY = 86_400_000
const HELD = 'не считая 1 клиента, который ждёт ответа менеджера или разбора жалобы'

/**
 * Анна, who agreed to news, beside another client who did: her manager answered and ran /close,
 * she never answered, and three days on the request closed by itself. Her old question's buttons.
 */
async function closedByItself() {
  const h = createHarness()
  h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
  const manager = h.u.user(MANAGER_ID, { first_name: 'Светлана' })
  seedClient(h.deps, 6500)
  const { user, client, topicId } = await clientInHandoff(h, 6501, 'Анна')
  h.deps.services.clients.answerConsent(client.id, true)
  await sendThroughOutbox(
    h,
    h.u.staffText(manager, topicId, 'Макет на почте'),
    h.u.staffText(manager, topicId, '/close'),
  )
  await settle(h)
  const [yes, no] = h.fake.lastButtonsTo(user.id).map((b) => b.data as string)
  const question = h.fake.messageWithButton(user.id, yes as string) as number
  h.clock.advance(3 * DAY + 60_000)
  await h.deps.scheduler.runDue()
  await settle(h)
  expect(h.deps.services.handoff.current(client.id)).toBeUndefined()
  return { h, manager, user, client, topicId, yes: yes as string, no: no as string, question }
}

/** What the owner reads of a broadcast's recipients: the line with the count. */
async function ownersCount(h: Harness): Promise<string> {
  const owner = h.u.user(OWNER_ID)
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Скидка 10% на лендинги до конца месяца'))
  const count =
    h.fake
      .lastTextTo(owner.id)
      ?.split('\n')
      .find((line) => line.startsWith('Получателей')) ?? ''
  await h.send(h.u.text(owner, '/cancel'))
  return count
}

const requests = (h: Harness) =>
  h.deps.sqlite.prepare('select status, reason, detail, closed_by as by from handoffs order by id').all()

describe('"Вопрос решён?" pressed after the request closed without the client', () => {
  it('"Нет, ещё нет" days after the auto-close opens a "not solved" request; answered, billed and paid, she is counted for news again', async () => {
    const { h, manager, user, client, topicId, no } = await closedByItself()
    expect(await ownersCount(h)).toBe('Получателей: 2')

    // Four days on she presses the old "not yet" to carry on
    h.clock.advance(4 * DAY)
    await h.send(h.u.callback(user, no))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ status: 'open', reason: 'not_solved' })
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      '🔔 Новый запрос: клиент ответил, что вопрос не решён, уже после закрытия запроса.',
    )
    // Waiting for the team's answer: no offer meanwhile
    expect(await ownersCount(h)).toContain(HELD)

    // She says what she wants; the manager answers and bills her, and she pays
    await h.send(h.u.text(user, 'Хочу ещё лендинг для второй студии'))
    await settle(h)
    expect(await ownersCount(h)).toContain(HELD)
    await sendThroughOutbox(
      h,
      h.u.staffText(manager, topicId, 'Сделаем! Счёт ниже'),
      h.u.staffText(manager, topicId, '/invoice 5000 лендинг'),
    )
    await settle(h)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/paid 1'))
    await settle(h)
    expect(h.deps.sqlite.prepare('select status from orders').all()).toEqual([{ status: 'paid' }])
    // Nothing waits for the team: she is counted again, the request still open
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(await ownersCount(h)).toBe('Получателей: 2')
    // …and held again while a new question of hers waits
    await h.send(h.u.text(user, 'А когда будет готово?'))
    await settle(h)
    expect(await ownersCount(h)).toContain(HELD)
    expect(h.errors()).toEqual([])
  })

  it('"Нет, ещё нет" pressed over a week after the close is no answer to it: a plain request, said so in the topic', async () => {
    const { h, manager, user, client, topicId, no, question } = await closedByItself()
    h.clock.advance(10 * DAY)
    await h.send(h.u.callback(user, no))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({
      status: 'open',
      reason: 'returned',
      detail: 'not_yet',
    })
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')
    expect(topic).toContain(
      '🔔 Новый запрос: клиент вернулся после закрытого запроса — нажал «Нет, ещё нет» под старым вопросом «Вопрос решён?».',
    )
    expect(topic).not.toContain('вопрос не решён, уже после закрытия запроса')
    // She hears the manager goes on, and by when; the old question keeps her answer, its buttons gone
    expect(h.fake.lastTextTo(user.id)).toMatch(/^Поняли — менеджер продолжит\. Напишите, что осталось нерешённым\. /)
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(question)?.message.text).toMatch(/\n\n✔️ Нет, ещё нет$/)
    expect(h.fake.keyboardOf(user.id, question)).toBeUndefined()
    // Held while she waits for the first answer, counted once she has it
    expect(await ownersCount(h)).toContain(HELD)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Анна, здравствуйте! Чем помочь?'))
    await settle(h)
    expect(await ownersCount(h)).toBe('Получателей: 2')
    expect(h.errors()).toEqual([])
  })

  it('"Нет, ещё нет" tapped twice over a week late, before its buttons come off: one request, and its topic reads no "not opened again" under its own news', async () => {
    const { h, user, client, topicId, no } = await closedByItself()
    h.clock.advance(10 * DAY)
    const inTopic = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    await h.send(h.u.callback(user, no))
    await h.send(h.u.callback(user, no))
    await settle(h)
    expect(requests(h)).toEqual([
      { status: 'closed', reason: 'asked', detail: null, by: 'timeout' },
      { status: 'open', reason: 'returned', detail: 'not_yet', by: null },
    ])
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(inTopic).join('\n')
    expect(topic).toContain('нажал «Нет, ещё нет» под старым вопросом «Вопрос решён?»')
    expect(topic).not.toContain('Тот запрос закрыт и не открыт заново')
    expect(h.deps.services.handoff.current(client.id)?.clientWaitingSince ?? null).toBeNull()
    expect(h.errors()).toEqual([])
  })

  it('"Да, решён" pressed over a week after the close thanks her and changes nothing: no ratings of a request long past', async () => {
    const { h, user, topicId, yes, question } = await closedByItself()
    const inTopic = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    h.clock.advance(10 * DAY)
    await h.send(h.u.callback(user, yes))
    await settle(h)
    expect(requests(h)).toEqual([{ status: 'closed', reason: 'asked', detail: null, by: 'timeout' }])
    expect(h.fake.lastTextTo(user.id)).toBe('Рады, что всё решили, Анна! Если что-то понадобится — пишите, мы рядом.')
    expect(h.fake.textsTo(user.id).some((t) => t.includes('скорость ответа'))).toBe(false)
    expect(h.fake.emulator.chats.get(user.id)?.messages.get(question)?.message.text).toMatch(/\n\n✔️ Да, решён$/)
    expect(h.fake.keyboardOf(user.id, question)).toBeUndefined()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(inTopic)).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('"Да, решён" pressed over a week on while a newer request of hers is open: the old question keeps it, nothing more is said', async () => {
    const { h, user, client, topicId, yes, question } = await closedByItself()
    h.clock.advance(10 * DAY)
    await h.send(h.u.text(user, 'Добрый день! Можно ещё одну страницу?'))
    await settle(h)
    const newer = h.deps.services.handoff.current(client.id)
    expect(newer).toMatchObject({ status: 'open', reason: 'returned', detail: null })
    const [toHer, inTopic] = [h.fake.textsTo(user.id).length, h.fake.textsTo(STAFF_GROUP_ID, topicId).length]
    await h.send(h.u.callback(user, yes))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ id: newer?.id, status: 'open' })
    expect(h.fake.textsTo(user.id).slice(toHer)).toEqual([
      expect.stringMatching(/ваш вопрос решён\?\n\n<b>✔️ Да, решён<\/b>$/),
    ])
    expect(h.fake.keyboardOf(user.id, question)).toBeUndefined()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(inTopic)).toEqual([])
  })

  it('"Нет, ещё нет" pressed over a week on while a newer request of hers is open: that topic reads which question she answered, the old request stays closed', async () => {
    const { h, user, client, topicId, no, question } = await closedByItself()
    h.clock.advance(10 * DAY)
    await h.send(h.u.text(user, 'Добрый день! Можно ещё одну страницу?'))
    await settle(h)
    const newer = h.deps.services.handoff.current(client.id)
    expect(newer).toMatchObject({ status: 'open', reason: 'returned', detail: null })
    const [toHer, inTopic] = [h.fake.textsTo(user.id).length, h.fake.textsTo(STAFF_GROUP_ID, topicId).length]
    await h.send(h.u.callback(user, no))
    await settle(h)
    // No second request, and the old one is not opened again
    expect(requests(h)).toEqual([
      { status: 'closed', reason: 'asked', detail: null, by: 'timeout' },
      { status: 'open', reason: 'returned', detail: null, by: null },
    ])
    expect(h.deps.services.handoff.current(client.id)?.id).toBe(newer?.id)
    // The topic of the request going on reads her answer with the question it answers and when it was asked
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(inTopic)).toEqual([
      expect.stringMatching(
        /^↩️ Ответ клиента на старый вопрос «Вопрос решён\?» от пн, 23 нояб\., \d\d:\d\d: «Нет, ещё нет»\. Тот запрос закрыт и не открыт заново/,
      ),
    ])
    // She reads what the button always tells; the old question keeps her answer, its buttons gone
    expect(h.fake.textsTo(user.id).slice(toHer)).toEqual([
      expect.stringMatching(/ваш вопрос решён\?\n\n<b>✔️ Нет, ещё нет<\/b>$/),
      expect.stringMatching(/^Поняли — менеджер продолжит\. Напишите, что осталось нерешённым\./),
    ])
    expect(h.fake.keyboardOf(user.id, question)).toBeUndefined()
    expect(h.errors()).toEqual([])
  })

  it('within the week a late "Да, решён" is still her yes: the ratings follow', async () => {
    const { h, user, yes } = await closedByItself()
    h.clock.advance(6 * DAY)
    await h.send(h.u.callback(user, yes))
    await settle(h)
    expect(requests(h)).toEqual([{ status: 'closed', reason: 'asked', detail: null, by: 'client' }])
    expect(h.fake.lastTextTo(user.id)).toContain('скорость ответа')
  })
})

/** The client's jobs still to run, by kind (her request's timers, her follow-ups). */
const pendingJobs = (h: Harness, clientId: number) =>
  (
    h.deps.sqlite
      .prepare("select kind from jobs where client_id = ? and status = 'pending' order by kind")
      .all(clientId) as { kind: string }[]
  ).map((j) => j.kind)

/**
 * Анна's old request closed by itself (`closedByItself`); a day on she came back with a new
 * question, and her manager is answering it: the old question's buttons are still under it.
 */
async function talkingAboutANewOne() {
  const closed = await closedByItself()
  const { h, manager, user, client, topicId } = closed
  h.clock.advance(DAY)
  await h.send(h.u.text(user, 'Добрый день! Можно ещё одну страницу?'))
  await settle(h)
  await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Конечно! Пришлите, пожалуйста, текст для неё'))
  await settle(h)
  const newer = h.deps.services.handoff.current(client.id)
  expect(newer).toMatchObject({ status: 'open', reason: 'returned' })
  return { ...closed, newerId: newer?.id as number }
}

describe('"Вопрос решён?" of an older request pressed within the week while a newer request is open', () => {
  it('"Да, решён" is kept for the old request, and no ratings are asked in the middle of the new conversation', async () => {
    const { h, manager, user, client, topicId, yes, question, newerId } = await talkingAboutANewOne()
    const [toHer, inTopic] = [h.fake.textsTo(user.id).length, h.fake.textsTo(STAFF_GROUP_ID, topicId).length]
    h.clock.advance(DAY)
    await h.send(h.u.callback(user, yes))
    await settle(h)
    expect(requests(h)).toEqual([
      { status: 'closed', reason: 'asked', detail: null, by: 'client' },
      { status: 'open', reason: 'returned', detail: null, by: null },
    ])
    // She sees her answer under the old question, its buttons gone — and nothing else: no speed
    // question, no "glad it is solved" while her manager is talking to her
    expect(h.fake.textsTo(user.id).slice(toHer)).toEqual([
      expect.stringMatching(/ваш вопрос решён\?\n\n<b>✔️ Да, решён<\/b>$/),
    ])
    expect(h.fake.keyboardOf(user.id, question)).toBeUndefined()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(inTopic)).toEqual([
      '✅ Клиент подтвердил, что прошлый вопрос решён. Новый запрос открыт и ждёт ответа.',
    ])
    expect(pendingJobs(h, client.id)).not.toContain('handoff_rated_low')
    expect(h.deps.sqlite.prepare('select count(*) as n from feedback').get()).toEqual({ n: 0 })

    // The ratings come once, when the new request closes with her yes: of that request
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Готово, страница на сайте'))
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    await h.send(h.u.callback(user, `hclose:${newerId}:yes`))
    await settle(h)
    expect(h.fake.lastTextTo(user.id)).toContain('скорость ответа')
    expect(h.fake.textsTo(user.id).filter((t) => t.includes('скорость ответа'))).toHaveLength(1)
    await h.send(h.u.callback(user, `hrate:${newerId}:speed:5`), h.u.callback(user, `hrate:${newerId}:quality:5`))
    await settle(h)
    expect(h.deps.sqlite.prepare('select handoff_id as id, kind, score from feedback order by id').all()).toEqual([
      { id: newerId, kind: 'handoff_speed', score: 5 },
      { id: newerId, kind: 'handoff_quality', score: 5 },
    ])
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).join('\n')).toContain(
      '⭐ Оценка клиента: скорость 5/5, качество 5/5.',
    )
    expect(h.errors()).toEqual([])
  })

  it('"Да, решён" of a request closed with /close force asks no ratings either while the new one is open', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Светлана')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Светлана' })
    const { user, client, topicId } = await clientInHandoff(h, 6502, 'Анна')
    await sendThroughOutbox(
      h,
      h.u.staffText(manager, topicId, 'Макет на почте'),
      h.u.staffText(manager, topicId, '/close'),
    )
    await settle(h)
    const [yes] = h.fake.lastButtonsTo(user.id).map((b) => b.data as string)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close force решено по телефону'))
    await settle(h)
    h.clock.advance(DAY)
    await h.send(h.u.text(user, 'Здравствуйте, а логотип вы делаете?'))
    await settle(h)
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, 'Делаем! Расскажите, какой нужен'))
    await settle(h)
    const toHer = h.fake.textsTo(user.id).length
    await h.send(h.u.callback(user, yes as string))
    await settle(h)
    expect(h.fake.textsTo(user.id).slice(toHer)).toEqual([
      expect.stringMatching(/ваш вопрос решён\?\n\n<b>✔️ Да, решён<\/b>$/),
    ])
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('open')
    expect(h.deps.sqlite.prepare('select closed_by as by from handoffs order by id').all()).toEqual([
      { by: 'staff' },
      { by: null },
    ])
    expect(h.errors()).toEqual([])
  })

  it('"Нет, ещё нет" opens no second request: the topic reads in one line that the old question is not solved', async () => {
    const { h, user, client, topicId, no, question, newerId } = await talkingAboutANewOne()
    const [toHer, inTopic] = [h.fake.textsTo(user.id).length, h.fake.textsTo(STAFF_GROUP_ID, topicId).length]
    h.clock.advance(DAY)
    await h.send(h.u.callback(user, no))
    await settle(h)
    expect(requests(h)).toEqual([
      { status: 'closed', reason: 'asked', detail: null, by: 'timeout' },
      { status: 'open', reason: 'returned', detail: null, by: null },
    ])
    expect(h.deps.services.handoff.current(client.id)?.id).toBe(newerId)
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(inTopic)
    expect(topic).toEqual(['⚠️ Клиент ответил, что прошлый вопрос ещё НЕ решён — продолжите его в этом запросе.'])
    // She reads what the button always tells, and the old question keeps her answer
    expect(h.fake.textsTo(user.id).slice(toHer)).toEqual([
      expect.stringMatching(/ваш вопрос решён\?\n\n<b>✔️ Нет, ещё нет<\/b>$/),
      'Поняли — менеджер продолжит. Напишите, что осталось нерешённым.',
    ])
    expect(h.fake.keyboardOf(user.id, question)).toBeUndefined()
    // Her No waits for the team's answer, as a No to the open request's own question does
    expect(pendingJobs(h, client.id)).toContain('handoff_reply')
    expect(h.errors()).toEqual([])
  })

  it('"Нет, ещё нет" while the new request is asked "Вопрос решён?" itself: that request is open again, one line says why', async () => {
    const { h, manager, user, client, topicId, no, newerId } = await talkingAboutANewOne()
    await sendThroughOutbox(h, h.u.staffText(manager, topicId, '/close'))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)?.status).toBe('closing')
    const inTopic = h.fake.textsTo(STAFF_GROUP_ID, topicId).length
    await h.send(h.u.callback(user, no))
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ id: newerId, status: 'open' })
    expect(requests(h)).toHaveLength(2)
    const topic = h.fake.textsTo(STAFF_GROUP_ID, topicId).slice(inTopic)
    expect(topic).toEqual(['⚠️ Клиент ответил, что прошлый вопрос ещё НЕ решён — продолжите его в этом запросе.'])
    expect(topicState(h, topicId).name).not.toMatch(/^✅/)
    // It no longer closes by itself
    expect(pendingJobs(h, client.id)).not.toContain('handoff_auto_close')
    h.clock.advance(4 * DAY)
    await h.deps.scheduler.runDue()
    await settle(h)
    expect(h.deps.services.handoff.current(client.id)).toMatchObject({ id: newerId, status: 'open' })
    expect(h.errors()).toEqual([])
  })
})
