import { describe, expect, it } from 'vitest'
import { CLIENT_COMMANDS, setCommandMenus } from '../../src/bot/commands.ts'
import { createHarness, OWNER_ID, STAFF_GROUP_ID } from '../helpers/harness.ts'

describe('command menus', () => {
  it('are set per language for clients and per owner chat', async () => {
    const h = createHarness()
    await setCommandMenus(h.bot.api, {
      i18n: h.deps.i18n,
      staffGroupIds: [STAFF_GROUP_ID],
      ownerIds: [OWNER_ID],
      logger: h.deps.logger,
    })
    const calls = h.fake.callsOf('setMyCommands').map((c) => c.payload)
    const ru = calls.find((p) => p.language_code === 'ru')
    const en = calls.find((p) => p.language_code === 'en')
    expect(ru?.commands.map((c: { command: string }) => c.command)).toEqual(CLIENT_COMMANDS)
    expect(ru?.commands[0].description).toBe('Начать сначала')
    expect(en?.commands[0].description).toBe('Start over')
    expect(calls.some((p) => p.scope?.type === 'chat' && p.scope.chat_id === OWNER_ID)).toBe(true)
  })

  it('a failure is a warning and the others are still set', async () => {
    const h = createHarness()
    h.fake.fail({ method: 'setMyCommands', error_code: 400, description: 'Bad Request: chat not found', times: 1 })
    await setCommandMenus(h.bot.api, {
      i18n: h.deps.i18n,
      staffGroupIds: [STAFF_GROUP_ID],
      ownerIds: [OWNER_ID],
      logger: h.deps.logger,
    })
    expect(h.logs.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      'could not set the command menu for clients (ru); the bot works without it',
    ])
    expect(h.fake.callsOf('setMyCommands').filter((c) => c.ok).length).toBeGreaterThanOrEqual(3)
  })
})

describe('roles', () => {
  it('owners from OWNER_IDS are owners on every check; others are nobody until added', async () => {
    const h = createHarness()
    const staff = h.deps.services.staff
    expect(staff.roleOf(OWNER_ID)).toBe('owner')
    expect(staff.roleOf(42)).toBeUndefined()
    staff.add(42, 'manager', OWNER_ID)
    expect(staff.roleOf(42)).toBe('manager')
    expect(staff.remove(OWNER_ID)).toBe(false)
    expect(staff.remove(42)).toBe(true)
    expect(staff.roleOf(42)).toBeUndefined()

    const owner = h.u.user(OWNER_ID)
    await h.send(h.u.text(owner, '/help'))
    expect(h.fake.lastTextTo(OWNER_ID)).toContain('Вы владелец')
  })
})
