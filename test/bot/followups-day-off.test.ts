/**
 * A question to the client (check-in, review request, NPS) is planned off the business's days off
 * (`questionAt`). A day off the owner adds after it was planned is read when its time comes, by
 * that same rule: it goes on the next working day, at the same time of day, once.
 */
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { type JobRow, jobs } from '../../db/schema.ts'
import { parseContent } from '../../src/content/loader.ts'
import { createHarness, demoYaml, type Harness, OWNER_ID, STAFF_GROUP_ID, yamlDocument } from '../helpers/harness.ts'
import { clientWithTopic } from '../helpers/topic-client.ts'

const MANAGER_ID = 5_000_231

function checkinsOf(h: Harness, clientId: number): JobRow[] {
  return h.deps.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, 'checkin'), eq(jobs.clientId, clientId)))
    .all()
}

/** The demo content file with `day` added to its holidays, as an owner would send it. */
function withHoliday(day: string): string {
  const yaml = demoYaml()
  const edited = yaml.replace('    - "2026-05-11"\n', `    - "2026-05-11"\n    - "${day}"\n`)
  expect(edited).not.toBe(yaml)
  return edited
}

async function runAt(h: Harness, iso: string): Promise<void> {
  h.clock.set(iso)
  await h.deps.scheduler.runDue()
  await h.drain()
}

describe('a day off added after a question was planned', () => {
  it('the check-in due that day goes on the next working day at the same time, once, and a restart changes nothing', async () => {
    const h = createHarness()
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID, 'Мария')
    const manager = h.u.user(MANAGER_ID, { first_name: 'Мария' })
    const owner = h.u.user(OWNER_ID)
    const { user, client, topicId } = await clientWithTopic(h, 441)
    // Monday 23 November, 12:00 in Moscow: the check-in is planned for Thursday 26 November, 12:00
    await h.send(h.u.staffText(manager, topicId, '/done'))
    await h.drain()
    expect(h.fake.textsTo(STAFF_GROUP_ID, topicId).at(-1)).toMatch(
      /Спросим клиента, как всё прошло: чт, 26 нояб\., 12:00\./,
    )

    // The owner then makes Thursday a day off
    await h.send(yamlDocument(h, owner, withHoliday('2026-11-26')))
    expect(h.fake.lastTextTo(owner.id)).toContain('новые нерабочие дни: 2026-11-26')
    // /followups says when it goes now: Friday, at the same time
    await h.send(h.u.staffText(manager, topicId, '/followups'))
    await h.drain()
    expect(h.fake.lastTextTo(STAFF_GROUP_ID)).toMatch(/1\. пт, 27 нояб\., 12:00 — «Как всё прошло\?»/)

    const asked = () => h.fake.textsTo(user.id).filter((t) => t.includes('как всё прошло'))
    // Thursday 12:00, the day off: nothing goes, the check-in is moved, and the log says so
    await runAt(h, '2026-11-26T09:00:00Z')
    expect(asked()).toEqual([])
    const [checkin] = checkinsOf(h, client.id)
    expect(checkin).toMatchObject({ status: 'pending', runAt: Date.parse('2026-11-27T09:00:00Z') })
    expect(h.logs.filter((l) => l.msg === 'follow-up moved off a day the business does not work')).toEqual([
      expect.objectContaining({
        jobId: checkin?.id,
        kind: 'checkin',
        from: '2026-11-26T09:00:00.000Z',
        to: '2026-11-27T09:00:00.000Z',
      }),
    ])

    // The bot restarts on the owner's content (the file sent in the chat is in force after it)
    const parsed = parseContent(h.deps.content.yaml())
    if (!parsed.ok) throw new Error('the content sent is invalid')
    const next = createHarness({ clock: h.clock, database: h.database, fake: h.fake, content: parsed.content })
    await runAt(next, '2026-11-27T08:59:00Z')
    expect(asked()).toEqual([])
    // Friday 12:00: it goes, once
    await runAt(next, '2026-11-27T09:00:00Z')
    expect(asked()).toHaveLength(1)
    await runAt(next, '2026-11-28T09:00:00Z')
    expect(asked()).toHaveLength(1)
    expect(checkinsOf(next, client.id)).toEqual([expect.objectContaining({ status: 'done' })])
    expect([...h.errors(), ...next.errors()]).toEqual([])
  })
})
