import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

const TAIL =
  'Anything you write here goes to that topic until the request is closed (/close in the topic). ' +
  'To see the client side without your name in the group, write to the bot from another Telegram account.'

/** Monday 12:00 in Moscow, inside working hours. */
const h0 = () => createHarness({ clock: createFakeClock('2026-11-23T09:00:00Z') })

describe("a team member's /help", () => {
  it('ends with no client buttons; a client’s still has the menu and a manager under it', async () => {
    const h = h0()
    const owner = h.u.user(OWNER_ID, { first_name: 'Olga', language_code: 'en' })
    await h.send(h.u.text(owner, '/help'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('For owners')
    expect(h.fake.lastButtonsTo(OWNER_ID)).toEqual([])

    const manager = h.u.user(6_000_101, { first_name: 'Мария' })
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID)
    await h.send(h.u.text(manager, '/help'))
    expect(h.fake.lastTextTo(manager.id)).toContain('Вы в команде.')
    expect(h.fake.lastButtonsTo(manager.id)).toEqual([])

    const client = h.u.user(6_000_102)
    await h.send(h.u.text(client, '/help'))
    expect(h.fake.lastButtonsTo(client.id).map((b) => b.data)).toEqual(['menu:main', 'menu:manager'])
  })

  it('/cancel with nothing going ends with no client menu either; leaving a client flow they try, it does', async () => {
    const h = h0()
    const owner = h.u.user(OWNER_ID, { first_name: 'Olga', language_code: 'en' })
    await h.send(h.u.text(owner, '/cancel'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe('There is nothing to cancel. Your commands: /help')
    expect(h.fake.lastButtonsTo(OWNER_ID)).toEqual([])
    await h.send(h.u.text(owner, '/book'), h.u.text(owner, '/cancel'))
    expect(h.fake.lastButtonsTo(OWNER_ID).map((b) => b.data)).toContain('menu:manager')
  })
})

describe('a team member asking for a manager in their own chat', () => {
  it('is told it is the clients’ button and a request of their own; the card and the owners’ alert say it is the team’s', async () => {
    const h = h0()
    const owner = h.u.user(OWNER_ID, {
      first_name: 'Olga',
      last_name: 'Smith',
      username: 'olga_owner',
      language_code: 'en',
    })
    await h.send(h.u.text(owner, '/start'))
    // An old "Talk to a manager" under a /help from before
    await h.send(h.u.callback(owner, 'menu:manager'))
    await h.drain()
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      '💬 Asking for a manager is for clients: it opened a request about you, just as about a client — a topic under your name in the staff group. ' +
        'If nobody answers in time, the team gets the reminders and you get the apology, as a client would. ' +
        TAIL,
    )
    expect(h.fake.lastButtonsTo(OWNER_ID).map((b) => b.data)).toEqual(['menu:main'])
    // Trying the client's side stays possible: the request is open, in a topic of hers
    const row = findClientByTelegramId(h.deps.db, OWNER_ID)!
    expect(h.deps.services.handoff.isOpen(row.id)).toBe(true)
    const card = h.fake.textsTo(STAFF_GROUP_ID).find((t) => t.startsWith('👤'))
    expect(card?.split('\n').slice(0, 2)).toEqual([
      `👤 <b>Olga Smith</b> · @olga_owner · <a href="tg://user?id=${OWNER_ID}">профиль</a>`,
      '🧪 Из команды (владелец): пробует бота как клиент — это не запрос клиента',
    ])

    await h.send(h.u.text(owner, '/manager'))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `💬 You already have a request about you open, just as about a client — a topic under your name in the staff group. ${TAIL}`,
    )

    // Nobody answers in time: the owners' alert says whose request it is
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    const alert = h.fake.textsTo(OWNER_ID).find((t) => t.startsWith('⏰'))
    const topic = `https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${row.topicId}`
    expect(alert).toBe(
      `⏰ The request of <a href="${topic}">Olga Smith (@olga_owner) #1</a> (a team member trying the bot as a client, from their own chat) has waited for a manager for over 15 min.`,
    )
  })

  it('a manager’s /manager, in Russian: the same, and a client’s request reads as before', async () => {
    const h = h0()
    const manager = h.u.user(6_000_103, { first_name: 'Мария' })
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID)
    await h.send(h.u.text(manager, '/manager'))
    await h.drain()
    expect(h.fake.lastTextTo(manager.id)).toBe(
      '💬 Позвать менеджера — это для клиентов: открыт запрос о вас, как о клиенте, — в рабочей группе появилась тема с вашим именем. ' +
        'Если никто не ответит вовремя, команде придут напоминания, а вам — извинения, как клиенту. ' +
        'Всё, что вы пишете здесь, уходит в эту тему, пока запрос не закрыт (/close в теме). ' +
        'Чтобы посмотреть на бота глазами клиента без своего имени в группе, напишите ему с другого аккаунта Telegram.',
    )
    const client = h.u.user(6_000_104, { first_name: 'Вера' })
    await h.send(h.u.text(client, '/manager'))
    await h.drain()
    expect(h.fake.lastTextTo(client.id)).toMatch(/^Вера, передаю вас менеджеру/)
    const mine = findClientByTelegramId(h.deps.db, manager.id)!
    const theirs = findClientByTelegramId(h.deps.db, client.id)!
    h.clock.advance(15 * 60_000)
    await h.deps.scheduler.runDue()
    await h.drain()
    // Due at the same minute: one message, each alert its own lines
    const alerts = h.fake
      .textsTo(OWNER_ID)
      .filter((t) => t.startsWith('⏰'))
      .flatMap((t) => t.split('\n').filter((line) => line.startsWith('⏰')))
    const named = (who: typeof mine, name: string) =>
      `<a href="https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${who.topicId}">${name} #${who.id}</a>`
    expect(alerts.sort()).toEqual(
      [
        `⏰ ${named(mine, 'Мария')} — человек из команды, пробует бота как клиент из своего чата: его запрос ждёт ответа менеджера дольше 15 мин.`,
        `⏰ Клиент ${named(theirs, 'Вера')} ждёт ответа менеджера дольше 15 мин.`,
      ].sort(),
    )
  })
})

describe('a team member rating a request of their own', () => {
  it('the ratings asked after their "Yes, solved" take their presses, though their chat is not recorded once it closed', async () => {
    const h = h0()
    const manager = h.u.user(6_000_111, { first_name: 'Мария' })
    h.deps.services.staff.add(manager.id, 'manager', OWNER_ID)
    await h.send(h.u.text(manager, '/start'), h.u.text(manager, '/manager'))
    await h.drain()
    const row = findClientByTelegramId(h.deps.db, manager.id)!
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.staffText(owner, row.topicId!, 'Готово'), h.u.staffText(owner, row.topicId!, '/close'))
    await h.flush()
    await h.send(h.u.callback(manager, 'hclose:1:yes'))
    expect(h.fake.lastTextTo(manager.id)).toBe('Спасибо, Мария! Оцените, пожалуйста, скорость ответа от 1 до 5:')
    await h.send(h.u.callback(manager, 'hrate:1:speed:5'))
    expect(h.fake.lastTextTo(manager.id)).toBe('И качество помощи, от 1 до 5:')
    await h.send(h.u.callback(manager, 'hrate:1:quality:4'))
    await h.drain()
    expect(h.deps.sqlite.prepare('select kind, score from feedback order by id').all()).toEqual([
      { kind: 'handoff_speed', score: 5 },
      { kind: 'handoff_quality', score: 4 },
    ])
    expect(h.errors()).toEqual([])
  })
})
