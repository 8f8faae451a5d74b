/**
 * The bot's welcome to someone an owner adds to the team (/staff): who added them, their role,
 * where the work is. When Telegram will not let the bot write to them yet, it is theirs when
 * they open the bot, and the owner learns at once that they must.
 */
import { describe, expect, it } from 'vitest'
import { buttonsOf } from '../helpers/fake-telegram.ts'
import { createHarness, type Harness, OWNER_ID } from '../helpers/harness.ts'

const OLGA = `<a href="tg://user?id=${OWNER_ID}">Ольга</a>`

/** The owner adds `id` as a manager, confirms, and the outbox has delivered what followed. */
async function addManager(h: Harness, id: number): Promise<void> {
  const owner = h.u.user(OWNER_ID, { first_name: 'Ольга' })
  await h.send(h.u.text(owner, '/staff'), h.u.callback(owner, 'staffadd:manager'), h.u.text(owner, String(id)))
  await h.send(h.u.callback(owner, `staffok:yes:${id}:manager`))
  await h.drain()
}

const WELCOME = [
  `👋 Веб-студия «Лаконика»: вы в команде, ваша роль — менеджер. Кто добавил: ${OLGA}.`,
  'Заявки клиентов приходят в рабочую группу, у каждого клиента своя тема со всей историей: отвечайте прямо в теме — бот передаст ответ клиенту. Если вас ещё нет в группе, попросите владельца добавить.',
  'Ваши команды — /help.',
]
const MENU_LINE = 'Меню ниже — то, что видят клиенты: можно пройти любой путь самому.'
const TEAM_GREETING = [
  'Здравствуйте, Иван! 👋 Веб-студия «Лаконика»: вы в команде, ваша роль — менеджер.',
  'Заявки клиентов приходят в рабочую группу, у каждого клиента своя тема со всей историей. Отвечайте прямо в теме — бот передаст ответ клиенту.',
  `Ваши команды — /help. ${MENU_LINE}`,
].join('\n')

describe('the welcome of a new team member', () => {
  it('refused by Telegram (they never opened the bot), it answers their first /start; the owner is told at once, with the link to the bot', async () => {
    const h = createHarness()
    const ivan = h.fake.emulator.addUser({ id: 4_402, first_name: 'Иван' }) // never opened the bot
    await addManager(h, ivan.id)
    expect(h.deps.services.staff.roleOf(ivan.id)).toBe('manager')
    expect(h.fake.textsTo(ivan.id)).toEqual([])
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      '⚠️ Сообщение о добавлении в команду не доставлено (id 4402): этот человек ещё не открывал бота, или такого аккаунта нет (проверьте id). Пусть откроет t.me/clientdesk_test_bot и нажмёт «Старт» — тогда бот и передаст это сообщение; ошибочный id уберите в /staff. Роль уже выдана.',
    )

    // He opens the bot: his /start is answered with the welcome, the clients' menu under it
    const user = h.u.user(ivan.id, { first_name: 'Иван' })
    await h.send(h.u.text(user, '/start'))
    await h.drain()
    expect(h.fake.textsTo(ivan.id)).toEqual([[...WELCOME, MENU_LINE].join('\n')])
    const answer = h.fake.sentTo(ivan.id)[0]?.payload
    expect(answer?.parse_mode).toBe('HTML')
    expect(buttonsOf(answer).map((b) => b.text)).toContain('💬 Написать менеджеру')

    // Given once: his next /start is the team's greeting
    await h.send(h.u.text(user, '/start'))
    await h.drain()
    expect(h.fake.lastTextTo(ivan.id)).toBe(TEAM_GREETING)
    expect(h.errors()).toEqual([])
  })

  it('one who stopped the bot gets it when they start it again', async () => {
    const h = createHarness()
    const user = h.u.user(4_403, { first_name: 'Иван' })
    await h.send(h.u.text(user, '/start'))
    h.fake.blockedChats.add(user.id)
    const before = h.fake.textsTo(user.id).length
    await addManager(h, user.id)
    expect(h.fake.textsTo(user.id)).toHaveLength(before)
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('этот человек остановил бота')

    h.fake.blockedChats.delete(user.id)
    await h.send(h.u.text(user, '/start'))
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toBe([...WELCOME, MENU_LINE].join('\n'))
  })

  it('one who got it when added is greeted as the team at /start, without it again', async () => {
    const h = createHarness()
    const user = h.u.user(4_404, { first_name: 'Иван' })
    await h.send(h.u.text(user, '/start'))
    await addManager(h, user.id)
    expect(h.fake.lastTextTo(user.id)).toBe(WELCOME.join('\n'))

    await h.send(h.u.text(user, '/start'))
    await h.drain()
    expect(h.fake.lastTextTo(user.id)).toBe(TEAM_GREETING)
  })

  it('given a new role by another owner before they opened the bot, the welcome owed names who gave it', async () => {
    const h = createHarness()
    const ivan = h.fake.emulator.addUser({ id: 4_405, first_name: 'Иван' }) // never opened the bot
    await addManager(h, ivan.id)
    // Пётр, another owner, makes him an owner
    const petr = h.u.user(4_406, { first_name: 'Пётр' })
    h.deps.services.staff.add(petr.id, 'owner', OWNER_ID, 'Пётр')
    await h.send(h.u.text(petr, '/staff'), h.u.callback(petr, 'staffadd:owner'), h.u.text(petr, String(ivan.id)))
    await h.send(h.u.callback(petr, `staffok:yes:${ivan.id}:owner`))
    await h.drain()
    expect(h.deps.services.staff.roleOf(ivan.id)).toBe('owner')

    await h.send(h.u.text(h.u.user(ivan.id, { first_name: 'Иван' }), '/start'))
    await h.drain()
    expect(h.fake.textsTo(ivan.id)).toEqual([
      expect.stringMatching(
        /^👋 Веб-студия «Лаконика»: вы в команде, ваша роль — владелец\. Кто добавил: <a href="tg:\/\/user\?id=4406">Пётр<\/a>\.\n/,
      ),
    ])
    expect(h.deps.services.staff.find(ivan.id)?.addedBy).toBe(petr.id)
  })
})
