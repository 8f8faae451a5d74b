import { describe, expect, it } from 'vitest'
import type { Content, SavedReply } from '../../src/content/schema.ts'
import { fillReply, findReply, type ReplyData } from '../../src/services/desk/saved-replies.ts'
import { demoContent } from '../helpers/harness.ts'

const NOW = Date.parse('2026-11-23T09:00:00Z') // Monday 12:00 in Moscow

const reply = (text: SavedReply['text'], extra: Partial<SavedReply> = {}): SavedReply => ({
  name: 'test',
  text,
  buttons: [],
  links: [],
  ...extra,
})

const data: ReplyData = {
  client: { displayName: 'Анна Петровна', firstName: 'Анна' },
  manager: 'Светлана',
  nextCall: { at: Date.parse('2026-11-24T08:30:00Z'), zone: 'Москва, UTC+3' },
  unpaidOrder: { id: 12, amount: 4_500_000, currency: 'RUB', dueDate: '2026-12-25' },
  now: NOW,
}

function content(): Content {
  const demo = demoContent()
  return { ...demo, business: { ...demo.business, payment_details: { ru: 'Счёт в Т-Банке', en: 'A T-Bank account' } } }
}

describe('filling a saved reply', () => {
  it('fills every variable from the client, the order, the booking and the content file', () => {
    const text = [
      '{name}',
      '{manager}',
      '{next_call}',
      '{order_amount}',
      '{order_number}',
      '{order_due}',
      '{business_name}',
      '{business_phone}',
      '{business_email}',
      '{business_telegram}',
      '{website}',
      '{address}',
      '{hours}',
      '{payment_details}',
    ].join('|')
    const result = fillReply(reply(text), 'ru', data, content())
    if (!result.ok) throw new Error(`needs ${result.needs}`)
    expect(result.reply.text.split('|')).toEqual([
      'Анна Петровна',
      'Светлана',
      expect.stringMatching(/^вт, 24 нояб\.,? 11:30 \(Москва, UTC\+3\)$/),
      expect.stringMatching(/^45\s000\s₽$/),
      '12',
      '25 декабря',
      'Веб-студия «Лаконика»',
      '+7 495 123-45-67',
      'hello@lakonika.example.com',
      '@lakonika_studio',
      'https://lakonika.example.com',
      expect.stringContaining('Москва, ул. Большая Новодмитровская'),
      expect.stringContaining('10:00–19:00'),
      'Счёт в Т-Банке',
    ])
  })

  it("speaks the client's language and names the invoice the Pay button opens", () => {
    const result = fillReply(
      reply(
        { ru: '{name}, к оплате {order_amount}', en: '{name}, {order_amount} to pay' },
        { buttons: ['pay', 'book'] },
      ),
      'en',
      { ...data, client: { displayName: null, firstName: 'Anna' } },
      content(),
    )
    expect(result).toEqual({
      ok: true,
      reply: {
        name: 'test',
        text: expect.stringMatching(/^Anna, ₽45,000 to pay$/),
        buttons: ['pay', 'book'],
        links: [],
        orderId: 12,
      },
    })
  })

  it('refuses instead of leaving a blank when the client has no call, no unpaid invoice or no due date', () => {
    const bare: ReplyData = { ...data, nextCall: undefined, unpaidOrder: undefined }
    expect(fillReply(reply('Звонок {next_call}'), 'ru', bare, content())).toEqual({ ok: false, needs: ['call'] })
    expect(fillReply(reply('К оплате {order_amount} до {order_due}'), 'ru', bare, content())).toEqual({
      ok: false,
      needs: ['order'],
    })
    expect(fillReply(reply('Оплатите, пожалуйста', { buttons: ['pay'] }), 'ru', bare, content())).toEqual({
      ok: false,
      needs: ['order'],
    })
    const noDue = { ...data, unpaidOrder: { ...data.unpaidOrder!, dueDate: null } }
    expect(fillReply(reply('До {order_due}'), 'ru', noDue, content())).toEqual({ ok: false, needs: ['order_due'] })
    // A reply that needs none of it goes out as written
    expect(fillReply(reply('Здравствуйте, {name}!'), 'ru', bare, content())).toMatchObject({
      ok: true,
      reply: { text: 'Здравствуйте, Анна Петровна!', orderId: null },
    })
  })

  it('finds a reply by its name, whatever the case', () => {
    const c = { ...content(), replies: [reply('x', { name: 'price' })] }
    expect(findReply(c, ' PRICE ')?.name).toBe('price')
    expect(findReply(c, 'prise')).toBeUndefined()
  })
})
