import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { pasteLong, writeLater } from '../helpers/flows.ts'
import { cardEdits } from '../helpers/handoff.ts'
import { createHarness } from '../helpers/harness.ts'

describe('/name conversation', () => {
  it("a new name reaches the card in the client's topic at once", async () => {
    const h = createHarness()
    const user = h.u.user(411, { first_name: 'Борис' })
    await h.send(h.u.text(user, '/start'), h.u.text(user, '/manager'))
    await h.drain()
    await h.send(h.u.text(user, '/name Эмма'))
    await h.drain()
    const card = cardEdits(h).at(-1)
    expect(card).toContain('обращаться: Эмма')
  })

  it('stores the form of address and uses it from then on', async () => {
    const h = createHarness()
    const user = h.u.user(401, { first_name: 'Alexandra' })
    await h.send(h.u.text(user, '/name'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас я называю вас «Alexandra»')
    await h.send(h.u.text(user, '  Саша  '))
    expect(h.fake.lastTextTo(user.id)).toBe('Хорошо, теперь буду называть вас Саша.')
    await h.send(h.u.text(user, '/start'))
    expect(h.fake.textsTo(user.id).at(-2)).toContain('Здравствуйте, Саша!')
  })

  it('a client the bot already calls by a name hears the new one taken, not a first greeting', async () => {
    const h = createHarness()
    const anna = h.u.user(412, { first_name: 'Анна' })
    await h.send(h.u.text(anna, '/start'), h.u.text(anna, '/name'), h.u.text(anna, 'Анна Сергеевна'))
    expect(h.fake.lastTextTo(anna.id)).toBe('Хорошо, теперь буду называть вас Анна Сергеевна.')
    await h.send(h.u.text(anna, '/name Аня'))
    expect(h.fake.lastTextTo(anna.id)).toBe('Хорошо, теперь буду называть вас Аня.')
    const john = h.u.user(413, { first_name: 'John', language_code: 'en' })
    await h.send(h.u.text(john, '/name'))
    expect(h.fake.lastTextTo(john.id)).toBe(
      'How should I address you? Write your name the way you like. Right now I call you “John”.',
    )
    await h.send(h.u.text(john, 'Mr. Smith'))
    expect(h.fake.lastTextTo(john.id)).toBe("All right, I'll call you Mr. Smith from now on.")
    expect(findClientByTelegramId(h.deps.db, john.id)?.displayName).toBe('Mr. Smith')
    expect(h.errors()).toEqual([])
  })

  it('a client the bot had no name for is greeted: nice to meet you', async () => {
    const h = createHarness()
    // Telegram gave no name the bot could use
    const ru = h.u.user(414, { first_name: '' })
    await h.send(h.u.text(ru, '/name'))
    expect(h.fake.lastTextTo(ru.id)).toBe('Как к вам обращаться? Напишите имя так, как вам удобно.')
    await h.send(h.u.text(ru, 'Вера'))
    expect(h.fake.lastTextTo(ru.id)).toBe('Приятно познакомиться, Вера!')
    const en = h.u.user(415, { first_name: '', language_code: 'en' })
    await h.send(h.u.text(en, '/name Vera'))
    expect(h.fake.lastTextTo(en.id)).toBe('Nice to meet you, Vera!')
  })

  it('/name with the name gives it at once; one that is no name is asked for', async () => {
    const h = createHarness()
    const user = h.u.user(410, { first_name: 'Emma' })
    await h.send(h.u.text(user, '/name   Эмма'))
    expect(h.fake.lastTextTo(user.id)).toBe('Хорошо, теперь буду называть вас Эмма.')
    expect(findClientByTelegramId(h.deps.db, user.id)?.displayName).toBe('Эмма')
    await h.send(h.u.text(user, '/name ??'))
    expect(h.fake.textsTo(user.id).at(-2)).toContain('Не похоже на имя')
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас я называю вас «Эмма»')
    await h.send(h.u.text(user, 'Эм'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.displayName).toBe('Эм')
  })

  it('re-asks on bad input and gives up kindly after three tries', async () => {
    const h = createHarness()
    const user = h.u.user(402)
    await h.send(h.u.text(user, '/name'), h.u.sticker(user), h.u.text(user, 'x'.repeat(41)))
    expect(h.fake.lastTextTo(user.id)).toContain('Не похоже на имя')
    await h.send(h.u.text(user, '<b>'))
    expect(h.fake.lastTextTo(user.id)).toContain('оставим как есть')
    await h.send(h.u.text(user, 'Мария'))
    expect(h.fake.lastTextTo(user.id)).toContain('нажмите «💬 Написать менеджеру»')
    expect(findClientByTelegramId(h.deps.db, user.id)?.displayName).toBeNull()
  })

  it('an edit of an earlier message is no answer and spends no try', async () => {
    const h = createHarness()
    const user = h.u.user(409)
    await h.send(h.u.text(user, '/name'))
    const typo = h.u.text(user, 'Ан@на')
    await h.send(typo) // one try
    const asked = h.fake.textsTo(user.id).length
    // The client fixes the typo the Telegram way, twice
    await h.send(h.u.edited(user, typo.message?.message_id ?? 0, 'Анна'))
    await h.send(h.u.edited(user, typo.message?.message_id ?? 0, 'Анна '))
    expect(h.fake.textsTo(user.id)).toHaveLength(asked)
    await h.send(h.u.text(user, 'Анна'))
    expect(h.fake.lastTextTo(user.id)).toBe('Хорошо, теперь буду называть вас Анна.')
    expect(findClientByTelegramId(h.deps.db, user.id)?.displayName).toBe('Анна')
  })

  it('a paste longer than a message is one try, and its last part is not taken as the name', async () => {
    const h = createHarness()
    const user = h.u.user(404)
    await h.send(h.u.text(user, '/name'))
    const replies = await pasteLong(h, user, `${'а'.repeat(4_096)}Иван`)
    expect(replies).toEqual([expect.stringContaining('Не похоже на имя')])
    expect(findClientByTelegramId(h.deps.db, user.id)?.displayName).toBeNull()
    await writeLater(h, user, 'Ваня')
    expect(h.fake.lastTextTo(user.id)).toBe('Хорошо, теперь буду называть вас Ваня.')
  })

  it('"keep" and any other button leave the conversation; /cancel too', async () => {
    const h = createHarness()
    const user = h.u.user(403)
    await h.send(h.u.text(user, '/name'), h.u.callback(user, 'name:keep'))
    expect(h.fake.lastTextTo(user.id)).toBe('Хорошо, оставляем как есть.')

    await h.send(h.u.text(user, '/name'), h.u.callback(user, 'menu:about'))
    expect(h.fake.lastTextTo(user.id)).toContain('Работаем:')
    await h.send(h.u.text(user, 'Мария'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.displayName).toBeNull()

    await h.send(h.u.text(user, '/name'), h.u.text(user, '/cancel'))
    expect(h.fake.lastTextTo(user.id)).toBe('Хорошо, оставляем как есть.')
    await h.send(h.u.text(user, 'Мария'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.displayName).toBeNull()
  })

  it('a slash typed that is none of the bot’s commands is no try: the question waits for the name', async () => {
    const h = createHarness()
    const user = h.u.user(404)
    await h.send(h.u.text(user, '/name'), h.u.text(user, '/maria'), h.u.text(user, '/x'), h.u.text(user, '/y'))
    expect(h.fake.lastTextTo(user.id)).toBe('Такой команды нет — продолжим с того же места. Выйти — /cancel.')
    await h.send(h.u.text(user, 'Мария'))
    expect(findClientByTelegramId(h.deps.db, user.id)?.displayName).toBe('Мария')
    expect(h.errors()).toEqual([])
  })

  it('survives a restart of the bot in the middle', async () => {
    const h = createHarness()
    const user = h.u.user(404)
    await h.send(h.u.text(user, '/name'))
    const after = h.restart()
    await after.send(after.u.text(user, 'Костя'))
    expect(after.fake.lastTextTo(user.id)).toBe('Хорошо, теперь буду называть вас Костя.')
    expect(findClientByTelegramId(after.deps.db, user.id)?.displayName).toBe('Костя')
  })
})
