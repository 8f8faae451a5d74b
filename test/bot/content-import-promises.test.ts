/**
 * New content that changes what clients are promised (working hours, holidays, the manager's
 * answer time, quiet hours, time zone): the owner's "applied" says what changed, as it is now and
 * as it was — they decide those promises, and the counts of products and questions did not show
 * that a new answer time was taken.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createHarness, DEMO_CONTENT_PATH, OWNER_ID, yamlDocument } from '../helpers/harness.ts'

const demo = readFileSync(DEMO_CONTENT_PATH, 'utf8')

describe('content uploaded in the chat: what it changed in clients’ promises', () => {
  it('new hours and answer time: listed under "applied", each with what it was; nothing more when none changed', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID)
    const yaml = demo
      .replace('sla_minutes: 15', 'sla_minutes: 60')
      .replace('fri: ["10:00-19:00"]', 'fri: ["10:00-17:00"]')
      .replace('sat: ["11:00-16:00"]', 'sat: []')
    expect(yaml).not.toBe(demo)
    await h.send(yamlDocument(h, owner, yaml))
    const applied = h.fake.lastTextTo(owner.id)
    expect(applied).toMatch(/^✅ Новый контент применён: .* напишу\.\n\nИзменилось то, что бот обещает клиентам:\n/)
    expect(applied.split('\n').slice(3)).toEqual([
      '• часы работы: пн–чт 10:00–19:00, пт 10:00–17:00 (было: пн–пт 10:00–19:00, сб 11:00–16:00)',
      '• срок ответа менеджера: 60 мин рабочего времени (было 15)',
    ])
    expect(h.deps.content.get().handoff.sla_minutes).toBe(60)

    // Holidays, quiet hours and the time zone, each when it changed
    const again = yaml
      .replace('- "01-07"\n', '- "2026-03-09"\n')
      .replace('quiet_hours: { start: "21:00", end: "09:00" }', 'quiet_hours: { start: "22:00", end: "09:00" }')
      .replace('timezone: Europe/Moscow', 'timezone: Asia/Yekaterinburg')
    await h.send(yamlDocument(h, owner, again))
    expect(h.fake.lastTextTo(owner.id).split('\n').slice(3)).toEqual([
      '• новые нерабочие дни: 2026-03-09',
      '• больше не нерабочие дни: 01-07',
      '• тихие часы: 22:00–9:00 (было 21:00–9:00)',
      '• часовой пояс: Asia/Yekaterinburg (был Europe/Moscow)',
    ])

    // Only the name changed: the confirmation as it was
    await h.send(yamlDocument(h, owner, again.replace(/^(\s*)name: .*$/m, '$1name: Студия «Новая»')))
    expect(h.fake.lastTextTo(owner.id)).toMatch(/^✅ Новый контент применён: Студия «Новая» — [^\n]*напишу\.$/)
    expect(h.errors()).toEqual([])
  })

  it('an English-speaking owner reads it in English', async () => {
    const h = createHarness()
    const owner = h.u.user(OWNER_ID, { language_code: 'en' })
    await h.send(h.u.text(owner, '/start'))
    await h.send(yamlDocument(h, owner, demo.replace('sla_minutes: 15', 'sla_minutes: 30')))
    expect(h.fake.lastTextTo(owner.id)).toMatch(
      /\n\nWhat the bot promises clients has changed:\n• a manager's answer time: 30 min of working time \(was 15\)$/,
    )
  })
})
