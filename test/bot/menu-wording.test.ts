import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { setCommandMenus } from '../../src/bot/commands.ts'
import { DEMO_CONTENT_PATH } from '../../src/content/loader.ts'
import { expectIssue, MINIMAL_YAML } from '../content/helpers.ts'
import { createHarness, demoContent, type Harness, OWNER_ID, yamlDocument } from '../helpers/harness.ts'

const FLOWERS = {
  quiz: '🌷 Подобрать букет',
  discovery: { ru: '📝 Рассказать о поводе', en: '📝 Tell us the occasion' },
}

/** The per-language client menu Telegram shows: command → description. */
function clientMenu(h: Harness, language: string): Record<string, string> {
  const call = h.fake
    .callsOf('setMyCommands')
    .map((c) => c.payload)
    .findLast((p) => p.language_code === language && p.scope === undefined)
  return Object.fromEntries(
    (call?.commands ?? []).map((c: { command: string; description: string }) => [c.command, c.description]),
  )
}

describe('the menu in the business’s own words (content `menu`)', () => {
  it('names the buttons wherever they show, in each language, and typed words of them still count', async () => {
    const h = createHarness({ content: { ...demoContent(), menu: FLOWERS } })
    const ann = h.u.user(901)
    await h.send(h.u.text(ann, '/start'), h.u.text(ann, '/menu'))
    const labels = h.fake.lastButtonsTo(ann.id).map((b) => b.text)
    expect(labels).toContain('🌷 Подобрать букет')
    expect(labels).toContain('📝 Рассказать о поводе')
    // Items the file leaves alone keep the bot's words
    expect(labels).toContain('📞 Заказать звонок')
    // The words typed instead of the tap: that button, one tap away
    await h.send(h.u.text(ann, 'подобрать букет'))
    expect(h.fake.lastButtonsTo(ann.id).map((b) => [b.text, b.data])).toEqual([['🌷 Подобрать букет', 'menu:quiz']])
    const jane = h.u.user(902, { first_name: 'Jane', language_code: 'en' })
    await h.send(h.u.text(jane, '/start'), h.u.text(jane, '/menu'))
    const english = h.fake.lastButtonsTo(jane.id).map((b) => b.text)
    expect(english).toContain('📝 Tell us the occasion')
    expect(english).toContain('🌷 Подобрать букет') // one text for every language, as written
    // /help names the items' commands in the same words; the others keep the bot's
    await h.send(h.u.text(ann, '/help'))
    const help = h.fake.lastTextTo(ann.id)
    expect(help).toContain('/quiz — подобрать букет\n')
    expect(help).toContain('/brief — рассказать о поводе\n')
    expect(help).toContain('/book — заказать звонок\n')
    await h.send(h.u.text(jane, '/help'))
    expect(h.fake.lastTextTo(jane.id)).toContain('/brief — tell us the occasion\n')
    expect(h.errors()).toEqual([])
  })

  it('describes the items’ commands in Telegram’s menu with the button’s words, and follows a new file', async () => {
    const h = createHarness({ content: { ...demoContent(), menu: FLOWERS } })
    await setCommandMenus(h.bot.api, h.deps)
    expect(clientMenu(h, 'ru')).toMatchObject({
      quiz: 'Подобрать букет',
      brief: 'Рассказать о поводе',
      book: 'Заказать звонок',
    })
    expect(clientMenu(h, 'en')).toMatchObject({ brief: 'Tell us the occasion', book: 'Book a callback' })
    // The owner sends a file with other words: the menus change with it
    const owner = h.u.user(OWNER_ID)
    const yaml = `${readFileSync(DEMO_CONTENT_PATH, 'utf8')}\nmenu:\n  quiz: "💐 Собрать букет"\n`
    await h.send(yamlDocument(h, owner, yaml))
    expect(h.fake.lastTextTo(owner.id)).toContain('Новый контент применён')
    expect(clientMenu(h, 'ru')).toMatchObject({ quiz: 'Собрать букет', brief: 'Рассказать о задаче' })
    const ownMenu = Object.fromEntries(
      h.fake.emulator.commandsFor(OWNER_ID, OWNER_ID).map((c) => [c.command, c.description]),
    )
    expect(ownMenu.quiz).toBe('Собрать букет')
    expect(h.errors()).toEqual([])
  })

  it('a button’s words are one short line; an item the menu has not is named', () => {
    const long = 'Очень длинная надпись на кнопке, которую никто не дочитает до конца на экране телефона'
    expectIssue(`${MINIMAL_YAML}\nmenu:\n  quiz: "${long}"\n`, 'menu → quiz', 'quiz: "Очень', 'at most 64 characters')
    expectIssue(
      `${MINIMAL_YAML}\nmenu:\n  quiz: 🌷 Букеты\n  discovery: { ru: 🌷 букеты , en: Tell us }\n`,
      'menu → discovery',
      'discovery: { ru',
      'the same words as the quiz button (ru)',
    )
    expectIssue(
      `${MINIMAL_YAML}\nmenu:\n  shop: Магазин\n`,
      'menu → shop',
      'shop:',
      'unknown key; allowed here: quiz, discovery, booking',
    )
  })
})
