import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { broadcasts, contentVersions } from '../../db/schema.ts'
import { seedClient } from '../helpers/clients.ts'
import { createHarness, DEMO_CONTENT_PATH, type Harness, OWNER_ID } from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

const MANAGER_ID = 6_000_002
const OWNER_COMMANDS = ['/broadcast', '/stats', '/stats 7d', '/export', '/export 1', '/backup', '/staff']
const OWNER_BUTTONS = [
  'bcm:1:send',
  'bcm:1:preview',
  'bcp:1:tag',
  'bcs:1:language:en',
  'bcstop:1',
  'staffadd:owner',
  'staffok:yes',
  `staffrm:${OWNER_ID}:yes`,
]

/** A real draft of the owner's, so a refused button would have had something to act on. */
async function ownerDraft(h: Harness): Promise<void> {
  const owner = h.u.user(OWNER_ID)
  seedClient(h.deps, 950)
  await h.send(h.u.text(owner, '/broadcast'), h.u.text(owner, 'Новость'))
}

describe.each([
  ['a client', 940, false],
  ['a manager', MANAGER_ID, true],
] as const)('owner tools refuse %s', (_who, id, isManager) => {
  function setup(): { h: Harness; user: TestUser } {
    const h = createHarness()
    if (isManager) h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID)
    return { h, user: h.u.user(id) }
  }

  it('every owner command gets a short refusal and does nothing', async () => {
    const { h, user } = setup()
    for (const command of OWNER_COMMANDS) {
      await h.send(h.u.text(user, command))
      expect(h.fake.lastTextTo(user.id), command).toBe('Эта команда — только для владельца бота.')
    }
    expect(h.fake.sentTo(user.id).filter((c) => c.method !== 'sendMessage')).toEqual([])
    expect(h.deps.services.ownerInput.pending(user.id)).toBeUndefined()
    // their next message is not taken for a broadcast
    await h.send(h.u.text(user, 'Привет всем'))
    expect(h.deps.db.select().from(broadcasts).all()).toEqual([])
  })

  it('every owner button is refused, even with a real draft behind it', async () => {
    const { h, user } = setup()
    await ownerDraft(h)
    for (const data of OWNER_BUTTONS) {
      await h.send(h.u.callback(user, data))
      expect(h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text, data).toBe(
        'Эта команда — только для владельца бота.',
      )
    }
    expect(
      h.deps.db
        .select()
        .from(broadcasts)
        .all()
        .map((b) => b.status),
    ).toEqual(['draft'])
    expect(h.deps.services.staff.roleOf(OWNER_ID)).toBe('owner')
    expect(h.fake.sentTo(950)).toEqual([])
  })

  it('a YAML document from them does not touch the content', async () => {
    const { h, user } = setup()
    const update = h.u.document(user, { fileName: 'content.yaml' })
    h.fake.files.set(update.message!.document!.file_id, readFileSync(DEMO_CONTENT_PATH))
    await h.send(update)
    expect(h.fake.callsOf('getFile')).toEqual([])
    expect(h.deps.db.select().from(contentVersions).all()).toEqual([])
  })

  it('/cancel and /mydata still work for them as for anyone', async () => {
    const { h, user } = setup()
    await h.send(h.u.text(user, '/cancel'))
    expect(h.fake.lastTextTo(user.id)).toContain('Сейчас отменять нечего')
    await h.send(h.u.text(user, '/mydata'))
    expect(h.fake.sentTo(user.id).at(-1)?.method).toBe('sendDocument')
  })
})

describe('an owner removed from the team', () => {
  it('loses access at once', async () => {
    const h = createHarness()
    h.deps.services.staff.add(777, 'owner', OWNER_ID)
    const former = h.u.user(777)
    await h.send(h.u.text(former, '/stats'))
    expect(h.fake.textsTo(former.id).some((t) => t.includes('Статистика'))).toBe(true)
    h.deps.services.staff.remove(777)
    await h.send(h.u.text(former, '/stats'))
    expect(h.fake.lastTextTo(former.id)).toBe('Эта команда — только для владельца бота.')
  })
})
