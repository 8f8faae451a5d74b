import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { createHarness, demoContent } from '../helpers/harness.ts'

describe('/language', () => {
  it('switches and stores the language; Telegram language no longer overrides it', async () => {
    const h = createHarness()
    const user = h.u.user(301, { first_name: 'Иван', language_code: 'ru' })
    await h.send(h.u.text(user, '/language'))
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['lang:ru', 'lang:en'])
    await h.send(h.u.callback(user, 'lang:en'))
    expect(h.fake.lastTextTo(user.id)).toBe('Done, we speak English now.')
    expect(findClientByTelegramId(h.deps.db, user.id)).toMatchObject({ language: 'en', languageChosen: true })

    await h.send(h.u.text(user, '/start'))
    expect(h.fake.textsTo(user.id).at(-2)).toContain('Hello, Иван!')
  })

  it('switches in the middle of a conversation, which continues in the new language', async () => {
    const h = createHarness()
    const user = h.u.user(302, { first_name: 'Пётр' })
    await h.send(h.u.text(user, '/name'))
    expect(h.fake.lastTextTo(user.id)).toContain('Как к вам обращаться?')

    await h.send(h.u.text(user, '/language'), h.u.callback(user, 'lang:en'))
    expect(h.fake.lastTextTo(user.id)).toBe('Done, we speak English now.')

    await h.send(h.u.text(user, '12345'))
    expect(h.fake.lastTextTo(user.id)).toContain("That doesn't look like a name")
    await h.send(h.u.text(user, 'Peter'))
    expect(h.fake.lastTextTo(user.id)).toBe('Nice to meet you, Peter!')
    expect(findClientByTelegramId(h.deps.db, user.id)?.displayName).toBe('Peter')
    expect(h.errors()).toEqual([])
  })

  it('rejects a forged language code', async () => {
    const h = createHarness()
    const user = h.u.user(303)
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'lang:xx'))
    expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text).toContain('неактуальна')
    expect(findClientByTelegramId(h.deps.db, user.id)?.language).toBe('ru')
  })
})

describe('a business that speaks only Russian (business.languages: [ru])', () => {
  it('greets a client whose Telegram is in English in Russian and offers only Russian', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, business: { ...demo.business, languages: ['ru'] } } })
    const user = h.u.user(304, { first_name: 'Ильдар', language_code: 'en' })
    await h.send(h.u.text(user, '/start'))
    expect(h.fake.textsTo(user.id)[0]).toContain('Здравствуйте, Ильдар!')
    expect(findClientByTelegramId(h.deps.db, user.id)?.language).toBe('ru')
    await h.send(h.u.text(user, '/language'))
    expect(h.fake.lastButtonsTo(user.id).map((b) => b.data)).toEqual(['lang:ru'])
    await h.send(h.u.callback(user, 'lang:en'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.language).toBe('ru')
  })
})
