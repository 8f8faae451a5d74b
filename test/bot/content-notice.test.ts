import { describe, expect, it } from 'vitest'
import { contentInvalidNotice } from '../../src/bot/content-notice.ts'
import { formatContentReport, parseContent } from '../../src/content/loader.ts'
import { createHarness, OWNER_ID } from '../helpers/harness.ts'

describe('an invalid content file, as owners read about it', () => {
  it('a header and a hint in the owner’s language around the loader’s lines, each opened with what is wrong in their words', async () => {
    const h = createHarness()
    const parsed = parseContent('business:\n  name: Студия\n  timezone: Moscow\n')
    if (parsed.ok) throw new Error('expected an invalid file')
    const report = formatContentReport(parsed.errors)
    expect(report).toContain('unknown time zone "Moscow"')

    // An owner who never chose a language reads the business's default, Russian
    const ru = contentInvalidNotice(h.deps, OWNER_ID, parsed.errors)
    expect(ru).toMatch(/^⚠️ Файл контента изменён, но в нём ошибки/)
    expect(ru).toContain('Ниже — по строке на каждую ошибку')
    expect(ru).toContain('это файл docs/content.md в папке с программой бота')
    // The loader's lines as they are, each after a few words of what is wrong
    const [about, hours, timezone] = report.split('\n')
    expect(ru.split('\n\n').at(-1)).toBe(
      [
        `Не заполнено обязательное поле — ${about}`,
        `Не заполнено обязательное поле — ${hours}`,
        `Такого значения бот не знает — ${timezone}`,
      ].join('\n'),
    )

    // One who picked English reads English around the same report
    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/start'), h.u.text(owner, '/language'), h.u.callback(owner, 'lang:en'))
    const en = contentInvalidNotice(h.deps, OWNER_ID, parsed.errors)
    expect(en).toMatch(/^⚠️ The content file changed but has errors/)
    expect(en).toContain('one line per problem')
    expect(en.split('\n\n').at(-1)?.split('\n')[2]).toBe(`A value the bot does not know — ${timezone}`)
  })

  it('an owner who never used /language reads the language of their Telegram app, as in the bot’s chat', async () => {
    const h = createHarness()
    const parsed = parseContent('business:\n  name: Студия\n  timezone: Moscow\n')
    if (parsed.ok) throw new Error('expected an invalid file')
    await h.send(h.u.text(h.u.user(OWNER_ID, { language_code: 'en' }), '/start'))
    expect(contentInvalidNotice(h.deps, OWNER_ID, parsed.errors)).toMatch(/^⚠️ The content file changed but has errors/)
  })
})
