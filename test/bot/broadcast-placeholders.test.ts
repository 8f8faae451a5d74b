/**
 * The client's name in a broadcast, in the spellings owners use, and any other word in braces
 * warned of before Send: it reaches clients as typed.
 */
import { describe, expect, it } from 'vitest'
import { broadcastTo, ownerIn, pressMatching } from '../helpers/broadcasts.ts'
import { seedClient } from '../helpers/clients.ts'
import { createHarness } from '../helpers/harness.ts'

describe('the name placeholder', () => {
  it('{Name}, {first_name}, {{name}}, {имя клиента}, {имя}: each is the client’s name; other braces are warned of under the preview', async () => {
    const h = createHarness()
    seedClient(h.deps, 801, { firstName: 'Анна' })
    const owner = await ownerIn(h, 'ru', 'Ольга')
    await h.send(
      h.u.text(owner, '/broadcast'),
      h.u.text(owner, '{Name}, {first_name}, {{name}}, {имя клиента}, {имя}! Доставим в {город доставки}.'),
    )
    const menu = h.fake.lastTextTo(owner.id)
    expect(menu).toContain('✍️ Вместо {Name}, {first_name}, {{name}}, {имя клиента}, {имя} каждый получит своё имя')
    await pressMatching(h, owner, 'Предпросмотр')
    const sent = h.fake.sentTo(owner.id)
    expect(sent.at(-2)?.payload.text).toBe(
      'Ольга, Ольга, Ольга, Ольга, Ольга! Доставим в {город доставки}.\n\nОтписаться от рассылки: /stop',
    )
    // The question under the preview, with the Send button: the word that goes as written comes first
    expect(h.fake.lastTextTo(owner.id).split('\n')[0]).toBe(
      '⚠️ {город доставки} уйдёт клиентам как написано: бот подставляет только имя — {имя}.',
    )
    await pressMatching(h, owner, 'Отправить')
    await h.deps.services.broadcasts.idle()
    expect(broadcastTo(h, 801, 'Анна')[0]?.payload.text).toBe(
      'Анна, Анна, Анна, Анна, Анна! Доставим в {город доставки}.\n\nОтписаться от рассылки: /stop',
    )
  })

  it('in English the warning names {name}; a message with the name alone has no warning', async () => {
    const h = createHarness()
    seedClient(h.deps, 811)
    const owner = await ownerIn(h, 'en')
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Hi {client name}, see you in {city}'))
    await pressMatching(h, owner, 'Preview')
    expect(h.fake.lastTextTo(owner.id).split('\n')[0]).toBe(
      '⚠️ {city} will reach clients as written: the bot fills in only the name — {name}.',
    )
    await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Hi {name}!'))
    await pressMatching(h, owner, 'Preview')
    expect(h.fake.lastTextTo(owner.id)).not.toContain('⚠️')
  })
})
