/**
 * What the bot writes in the owner's own chat (Telegram Business) is written as the owner: no menu
 * of the bot's under it — booking's pickers and answers included — and no words pointing at one.
 */
import { describe, expect, it } from 'vitest'
import type { Content } from '../../src/content/schema.ts'
import { slotData } from '../helpers/booking.ts'
import { createFakeClock } from '../helpers/clock.ts'
import { type ApiCall, buttonsOf, FakeTelegram } from '../helpers/fake-telegram.ts'
import { discoveryContent } from '../helpers/flows.ts'
import { createHarness, demoContent, OWNER_ID } from '../helpers/harness.ts'

const there = { businessConnectionId: 'bc-olga' }

function setup(content: Content = demoContent()) {
  const clock = createFakeClock()
  const h = createHarness({
    clock,
    fake: new FakeTelegram({ now: () => clock.now() }),
    content: { ...content, telegram_business: { auto_reply: 'always' } },
  })
  const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
  const user = h.u.user(403, { first_name: 'Анна' })
  const onBehalf = () => h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === 'bc-olga')
  const inBotChat = () => h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === undefined)
  return { h, owner, user, onBehalf, inBotChat }
}

/** The callback data of the buttons under a sent message (or an edit), row by row flattened. */
const data = (c: { payload: ApiCall['payload'] } | undefined) => buttonsOf(c?.payload).map((b) => b.data)

const MENU = /^menu:(main|manager|mine|about|quiz|discovery)$/

describe('booking in the owner’s chat', () => {
  it('its days and times come with their own buttons and no "← В меню" or "Написать менеджеру"; the bot’s chat keeps them', async () => {
    const { h, owner, user, onBehalf, inBotChat } = setup()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:booking', there))
    const days = onBehalf().at(-1)
    expect(data(days)).toContain('bkd:2026-11-24')
    expect(data(days).filter((d) => d?.startsWith('menu:'))).toEqual([])

    await h.send(h.u.callback(user, 'bkd:2026-11-24', there))
    const times = h.fake.calls.filter((c) => c.payload.business_connection_id === 'bc-olga').at(-1)
    expect(data(times)).toContain(slotData('2026-11-24T09:00Z'))
    expect(data(times)).toContain('bk:days')
    expect(data(times).filter((d) => d?.startsWith('menu:'))).toEqual([])

    // In the bot's own chat, as before
    await h.send(h.u.text(user, '/start'))
    await h.send(h.u.callback(user, 'menu:booking'))
    expect(data(inBotChat().at(-1))).toEqual(expect.arrayContaining(['bkd:2026-11-24', 'menu:main', 'menu:manager']))
    expect(h.errors()).toEqual([])
  })

  it('the call booked there: its confirmation, /mybookings and the cancelled call carry the call’s buttons and a new booking, no menu', async () => {
    const { h, owner, user, onBehalf } = setup()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:booking', there))
    await h.send(h.u.callback(user, 'bkd:2026-11-24', there))
    await h.send(h.u.callback(user, slotData('2026-11-24T09:00Z'), there))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '+7 916 123-45-67'))
    await h.send(h.u.callback(user, 'bk:skip', there))
    const confirmation = (onBehalf().at(-1)?.result as { message_id: number } | undefined)?.message_id
    await h.send(h.u.callback(user, 'bk:ok', { ...there, messageId: confirmation }))
    const booked = onBehalf().at(-1)
    expect(String(booked?.payload.text)).toContain('Звонок назначен')
    expect(data(booked).some((d) => d?.startsWith('bkm:resched:'))).toBe(true)
    expect(data(booked).filter((d) => d !== undefined && MENU.test(d))).toEqual([])

    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '/mybookings'))
    const mine = onBehalf().at(-1)
    expect(String(mine?.payload.text)).toContain('Звонки:')
    expect(data(mine).some((d) => d?.startsWith('bkm:resched:'))).toBe(true)
    expect(data(mine).filter((d) => d !== undefined && MENU.test(d))).toEqual([])

    // Cancelled: a new call offered (booking runs there), no way back to a menu
    const cancel = data(mine).find((d) => d?.startsWith('bkm:cancel:')) as string
    await h.send(h.u.callback(user, cancel, there))
    const yes = data(onBehalf().at(-1)).find((d) => d?.startsWith('bkm:cancelyes:')) as string
    await h.send(h.u.callback(user, yes, there))
    const cancelled = onBehalf().at(-1)
    expect(String(cancelled?.payload.text)).toContain('отмен')
    expect(data(cancelled)).toEqual(['menu:booking'])
    expect(h.errors()).toEqual([])
  })

  it('/cancel and its way out typed during it say to write, not to press a button in a menu', async () => {
    const { h, owner, user, onBehalf, inBotChat } = setup()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:booking', there))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '/cancel'))
    const cancelled = onBehalf().at(-1)
    expect(String(cancelled?.payload.text)).toContain('Хорошо, не записываю. Если передумаете — просто напишите сюда.')
    expect(String(cancelled?.payload.text)).not.toContain('меню')
    expect(cancelled?.payload.reply_markup).toBeUndefined()

    await h.send(h.u.callback(user, 'menu:booking', there))
    await h.send(h.u.callback(user, 'bkd:2026-11-24', there))
    await h.send(h.u.callback(user, slotData('2026-11-24T09:00Z'), there))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'не записываться'))
    const no = onBehalf().at(-1)
    expect(String(no?.payload.text)).toContain('Хорошо, не записываю. Если передумаете — просто напишите сюда.')
    expect(no?.payload.reply_markup).toBeUndefined()

    // In the bot's own chat, the menu's button is named
    await h.send(h.u.text(user, '/start'))
    await h.send(h.u.callback(user, 'menu:booking'))
    await h.send(h.u.text(user, '/cancel'))
    expect(String(inBotChat().at(-1)?.payload.text)).toContain('кнопка «📞 Заказать звонок» в меню')
    expect(h.errors()).toEqual([])
  })
})

describe('a contact shared in the owner’s chat', () => {
  it('is saved, and the answer names /book, not a button in a menu', async () => {
    const { h, owner, user, onBehalf } = setup()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(
      h.u.businessMessage(user, 'bc-olga', user.id, {
        contact: { phone_number: '+79161234567', first_name: 'Анна', user_id: user.id },
      }),
    )
    const saved = String(onBehalf().at(-1)?.payload.text)
    expect(saved).toContain('Номер записан')
    expect(saved).toContain('отправьте /book')
    expect(saved).not.toContain('меню')
    expect(h.errors()).toEqual([])
  })
})

describe('a question of the brief in the owner’s chat', () => {
  it('answered wrongly again and again: the help names /manager, with no "💬 Спросить менеджера" button', async () => {
    const { h, owner, user, onBehalf } = setup(
      discoveryContent(`    - key: phone
      text: Ваш телефон?
      type: phone
`),
    )
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:discovery', there))
    for (const typed of ['12', '123', '1234']) await h.send(h.u.businessMessage(user, 'bc-olga', user.id, typed))
    const help = onBehalf().at(-1)
    expect(String(help?.payload.text)).toContain('Сложно ответить? Менеджер поможет — отправьте /manager.')
    expect(data(help).filter((d) => d?.startsWith('menu:'))).toEqual([])
    expect(h.errors()).toEqual([])
  })
})

describe('content with no quiz and no brief: the menu is booking alone', () => {
  function bookingOnly(): Content {
    const demo = demoContent()
    return {
      ...demo,
      quiz: { ...demo.quiz, questions: [] },
      discovery: { ...demo.discovery, questions: [] },
    }
  }

  it('the greeting, /menu, /cancel and a "← В меню" pressed there carry no "📞 Заказать звонок"', async () => {
    const { h, owner, user, onBehalf } = setup(bookingOnly())
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте!'))
    const greeting = onBehalf().at(-1)
    expect(String(greeting?.payload.text)).toContain('Здравствуйте, Анна!')
    expect(greeting?.payload.reply_markup).toBeUndefined()
    for (const command of ['/menu', '/cancel']) {
      await h.send(h.u.businessMessage(user, 'bc-olga', user.id, command))
      expect(onBehalf().at(-1)?.payload.reply_markup).toBeUndefined()
    }
    await h.send(h.u.callback(user, 'menu:main', there))
    expect(onBehalf().at(-1)?.payload.reply_markup).toBeUndefined()

    // Asked for in words, the call is offered there, its one button
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'заказать звонок'))
    expect(data(onBehalf().at(-1))).toEqual(['menu:booking'])

    // The bot's own chat: the menu, booking in it
    const other = h.u.user(404, { first_name: 'Вера' })
    await h.send(h.u.text(other, '/start'))
    expect(data(h.fake.sentTo(other.id)[0])).toEqual(expect.arrayContaining(['menu:booking', 'menu:manager']))
    expect(h.errors()).toEqual([])
  })
})

describe('the quiz and the brief in the owner’s chat', () => {
  it('are offered when asked for in words, and /help there lists them', async () => {
    const { h, owner, user, onBehalf } = setup()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте!'))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'подобрать услугу'))
    expect(data(onBehalf().at(-1))).toEqual(['menu:quiz'])
    await h.send(h.u.callback(user, 'menu:quiz', there))
    expect(String(onBehalf().at(-1)?.payload.text)).toContain('Вопрос 1 из')
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '/brief'))
    expect(String(onBehalf().at(-1)?.payload.text)).toContain('Вопрос 1 из')
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '/cancel'))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '/help'))
    const help = String(onBehalf().at(-1)?.payload.text)
    expect(help).toContain('/quiz —')
    expect(help).toContain('/brief —')
    expect(h.errors()).toEqual([])
  })
})

describe('a client’s first words in the owner’s chat', () => {
  it('"заказать звонок" as the first message gets booking’s button, not a greeting in its place', async () => {
    const { h, owner, user, onBehalf } = setup()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'заказать звонок'))
    const answer = onBehalf().at(-1)
    expect(data(answer)).toEqual(['menu:booking'])
    expect(String(answer?.payload.text)).not.toContain('Здравствуйте')
    expect(h.errors()).toEqual([])
  })

  it('/help there names no link to the bot (its invitation link is the bot chat’s)', async () => {
    const { h, owner, user, onBehalf } = setup()
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, '/help'))
    expect(String(onBehalf().at(-1)?.payload.text)).not.toContain('t.me/')
    // In the bot's own chat the link is there
    await h.send(h.u.text(user, '/help'))
    expect(h.fake.lastTextTo(user.id)).toContain('?start=ref_')
    expect(h.errors()).toEqual([])
  })
})
