import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { broadcasts, contentVersions, handoffs } from '../../db/schema.ts'
import { seedClient } from '../helpers/clients.ts'
import { clientInHandoff } from '../helpers/handoff.ts'
import {
  createHarness,
  DEMO_CONTENT_PATH,
  forgetData,
  type Harness,
  OWNER_ID,
  STAFF_GROUP_ID,
} from '../helpers/harness.ts'
import type { TestUser } from '../helpers/updates.ts'

const MANAGER_ID = 6_000_002
const OWNER_ONLY = 'Эта команда — только для владельца бота.'
const UNKNOWN_COMMAND = 'Такой команды я не знаю. Список команд — /help'
const OWNER_COMMANDS = ['/broadcast', '/stats', '/stats 7d', '/export', '/export 1', '/backup', '/content', '/staff']
const OWNER_BUTTONS = [
  'bcm:1:send',
  'bcm:1:preview',
  'bcp:1:tag',
  'bcs:1:language:en',
  'bcstop:1',
  'staffadd:owner',
  'staffok:yes:777:owner',
  `staffrm:${OWNER_ID}:yes:owner`,
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
      // A manager is told whose command it is; to a client it is one more command they do not have
      expect(h.fake.lastTextTo(user.id), command).toBe(isManager ? OWNER_ONLY : UNKNOWN_COMMAND)
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
        'Эта кнопка — только для владельца бота.',
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
    if (isManager) {
      // A manager is told plainly whose job it is, not answered as a client with a manager button
      expect(h.fake.lastTextTo(user.id)).toBe('Заменить контент бота может только владелец. Перешлите файл ему.')
      expect(h.fake.lastButtonsTo(user.id)).toEqual([])
    } else {
      // A client's file stays their message: a person can help with it, and it goes to one
      expect(h.fake.lastTextTo(user.id)).toContain('передаю вас менеджеру')
    }
    expect(h.deps.db.select().from(handoffs).all()).toHaveLength(isManager ? 0 : 1)
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
    // A client now: answered as one, with no statistics
    expect(h.fake.lastTextTo(former.id)).toBe(UNKNOWN_COMMAND)
  })
})

describe('an owner taken out of OWNER_IDS', () => {
  const PARTNER_ID = 5_000_002
  const NOTICE = 'ℹ️ Партнёр (5000002) больше не владелец: id этого человека убрали из настройки OWNER_IDS.'

  it('is no longer an owner after the restart; the other owners are told once; owners added with /staff stay', async () => {
    // The business had two owners in the setting, and one more added with /staff
    const before = createHarness({ config: { OWNER_IDS: `${OWNER_ID},${PARTNER_ID}` } })
    const partner = before.u.user(PARTNER_ID, { first_name: 'Партнёр' })
    before.deps.services.staff.add(777, 'owner', OWNER_ID)
    await before.send(before.u.text(partner, '/staff'))
    expect(before.fake.lastTextTo(PARTNER_ID)).toContain('👥 Команда')
    before.deps.services.staff.rememberName(PARTNER_ID, 'Партнёр')

    // The partner leaves: the setting is edited to the remaining owner and the bot restarted
    const after = createHarness({
      config: { OWNER_IDS: String(OWNER_ID) },
      database: before.database,
      fake: before.fake,
      clock: before.clock,
    })
    const { staff } = after.deps.services
    expect(staff.roleOf(PARTNER_ID)).toBeUndefined()
    expect(staff.owners().sort()).toEqual([777, OWNER_ID].sort())
    await after.send(after.u.text(partner, '/backup'), after.u.text(partner, '/staff'))
    expect(after.fake.sentTo(PARTNER_ID).filter((c) => c.method === 'sendDocument')).toEqual([])
    expect(after.fake.lastTextTo(PARTNER_ID)).toBe(UNKNOWN_COMMAND)
    // the owner added with /staff keeps the role
    expect(staff.roleOf(777)).toBe('owner')

    // the remaining owners hear of it in their private chat, the partner does not
    await after.flush()
    const told = (id: number) => after.fake.textsTo(id).filter((t) => t.startsWith(NOTICE))
    expect(told(OWNER_ID)).toHaveLength(1)
    expect(told(777)).toHaveLength(1)
    expect(told(PARTNER_ID)).toEqual([])
    expect(
      after.logs.some(
        (l) => l.msg === 'an owner no longer in OWNER_IDS was removed from the team (the owners are told who)',
      ),
    ).toBe(true)

    // …once: the next restart says nothing more
    const again = after.restart()
    await again.flush()
    expect(told(OWNER_ID)).toHaveLength(1)
    expect(again.deps.services.staff.roleOf(PARTNER_ID)).toBeUndefined()
  })

  it('the requests they led are freed at the restart, each topic told with the take button', async () => {
    const before = createHarness({ config: { OWNER_IDS: `${OWNER_ID},${PARTNER_ID}` } })
    before.deps.services.staff.rememberName(PARTNER_ID, 'Партнёр')
    const { client, topicId } = await clientInHandoff(before, 7301, 'Вера')
    const partner = before.u.user(PARTNER_ID, { first_name: 'Партнёр' })
    await before.send(before.u.staffText(partner, topicId, 'Здравствуйте, Вера!'))
    await before.flush()
    expect(before.deps.services.handoff.current(client.id)?.managerId).toBe(PARTNER_ID)

    const after = createHarness({
      config: { OWNER_IDS: String(OWNER_ID) },
      database: before.database,
      fake: before.fake,
      clock: before.clock,
    })
    await after.flush()
    expect(after.deps.services.handoff.current(client.id)?.managerId).toBeNull()
    expect(after.fake.textsTo(STAFF_GROUP_ID, topicId)).toContain(
      '👤 Партнёр больше не в команде — клиента никто не ведёт. Возьмите его:',
    )
  })

  it('an owner in the setting stays one without a row, and a manager the setting made an owner follows it', async () => {
    const h = createHarness({ config: { OWNER_IDS: `${OWNER_ID},${MANAGER_ID}` } })
    // a manager added with /staff, then put into OWNER_IDS: an owner from the setting now
    h.deps.services.staff.add(MANAGER_ID, 'manager', OWNER_ID)
    const promoted = h.restart()
    expect(promoted.deps.services.staff.roleOf(MANAGER_ID)).toBe('owner')
    h.database.sqlite.prepare('DELETE FROM staff WHERE telegram_id = ?').run(OWNER_ID)
    expect(promoted.deps.services.staff.roleOf(OWNER_ID)).toBe('owner')

    const later = createHarness({ config: { OWNER_IDS: String(OWNER_ID) }, database: h.database, clock: h.clock })
    expect(later.deps.services.staff.roleOf(OWNER_ID)).toBe('owner')
    expect(later.deps.services.staff.roleOf(MANAGER_ID)).toBeUndefined()
  })
})

describe('/staff: removing a manager who leads open requests', () => {
  const OLEG = 6_000_010
  const REMOVED = `✅ Олег (${OLEG}) больше не в команде: то, что этот человек пишет в рабочей группе, бот клиентам больше не передаёт. Если этот человек ещё в рабочей группе, удалите его аккаунт из группы — иначе переписка клиентов по-прежнему видна.`

  /** Олег, a manager who opened the bot, answers each client first in their topic: he leads their requests. */
  async function olegLeads(names: string[]) {
    const h = createHarness()
    h.deps.services.staff.add(OLEG, 'manager', OWNER_ID, 'Олег')
    const oleg = h.u.user(OLEG, { first_name: 'Олег' })
    await h.send(h.u.text(oleg, '/start'))
    const led = []
    for (const [i, name] of names.entries()) {
      h.clock.advance(60_000) // Telegram's pace of new topics in a group
      const one = await clientInHandoff(h, 7_400 + i, name)
      await h.send(h.u.staffText(oleg, one.topicId, `Здравствуйте, ${name}!`))
      led.push(one)
    }
    await h.flush()
    for (const { client } of led) expect(h.deps.services.handoff.current(client.id)?.managerId).toBe(OLEG)
    return { h, owner: h.u.user(OWNER_ID), led }
  }

  /** A client's line as the owner reads it: their name and number, opening their topic. */
  const line = ({ client, topicId }: { client: { id: number; firstName: string | null }; topicId: number }) =>
    `• <a href="https://t.me/c/${String(STAFF_GROUP_ID).replace('-100', '')}/${topicId}">${client.firstName} #${client.id}</a>`

  /** The owner asks to remove Олег, reads the question, presses Yes: what the chat shows after each. */
  async function removeOleg(h: Harness, owner: TestUser) {
    await h.send(h.u.text(owner, '/staff'), h.u.callback(owner, `staffrm:${OLEG}:ask:manager`))
    await h.drain()
    const question = h.fake.lastTextTo(OWNER_ID)
    await h.send(h.u.callback(owner, `staffrm:${OLEG}:yes:manager`))
    await h.drain()
    return { question, answer: h.fake.textsTo(OWNER_ID).at(-2) }
  }

  it('the question names the client he leads, with a link to their topic; the answer says nobody leads them now, and he is told', async () => {
    const { h, owner, led } = await olegLeads(['Елена'])
    const [elena] = led
    await h.send(h.u.text(owner, '/staff'), h.u.callback(owner, `staffrm:${OLEG}:ask:manager`))
    await h.drain()
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(
      `Убрать из команды: Олег (${OLEG}), сейчас менеджер?\n\n` +
        `Олег ведёт открытый запрос — когда Олег уйдёт из команды, этого клиента никто не будет вести, а в его теме появится кнопка «🙋 Беру клиента»:\n` +
        line(elena!),
    )
    const toOleg = h.fake.textsTo(OLEG).length
    await h.send(h.u.callback(owner, `staffrm:${OLEG}:yes:manager`))
    await h.flush()
    const answers = h.fake.textsTo(OWNER_ID)
    expect(answers.at(-2)).toBe(
      `${REMOVED}\n\n` +
        `Открытый запрос клиента теперь никто не ведёт — возьмите его кнопкой «🙋 Беру клиента» в теме клиента:\n` +
        line(elena!),
    )
    expect(h.fake.textsTo(STAFF_GROUP_ID, elena?.topicId)).toContain(
      '👤 Олег больше не в команде — клиента никто не ведёт. Возьмите его:',
    )
    // He hears it in his own chat with the bot, as he heard he was added
    expect(h.fake.textsTo(OLEG).slice(toOleg)).toEqual([
      '👋 Веб-студия «Лаконика»: вас убрали из команды. Команды сотрудников больше не действуют, а то, что вы напишете в рабочей группе, клиентам не передаётся.',
    ])
    expect(h.errors()).toEqual([])
  })

  it('two clients: both named, each opening their topic', async () => {
    const { h, owner, led } = await olegLeads(['Елена', 'Борис'])
    const [elena, boris] = led
    const { question, answer } = await removeOleg(h, owner)
    expect(question).toBe(
      `Убрать из команды: Олег (${OLEG}), сейчас менеджер?\n\n` +
        `Олег ведёт открытые запросы (2) — когда Олег уйдёт из команды, этих клиентов никто не будет вести, а в их темах появится кнопка «🙋 Беру клиента»:\n` +
        `${line(elena!)}\n${line(boris!)}`,
    )
    expect(answer).toBe(
      `${REMOVED}\n\n` +
        `Открытые запросы (2) теперь никто не ведёт — возьмите их кнопкой «🙋 Беру клиента» в темах клиентов:\n` +
        `${line(elena!)}\n${line(boris!)}`,
    )
    expect(h.errors()).toEqual([])
  })

  it('twelve clients: the first ten named, the rest counted', async () => {
    const names = ['Елена', 'Борис', 'Вера', 'Глеб', 'Дина', 'Егор', 'Жанна', 'Зоя', 'Игорь', 'Кира', 'Лев', 'Мила']
    const { h, owner, led } = await olegLeads(names)
    const first = led.slice(0, 10).map(line).join('\n')
    const { question, answer } = await removeOleg(h, owner)
    expect(question).toBe(
      `Убрать из команды: Олег (${OLEG}), сейчас менеджер?\n\n` +
        `Олег ведёт открытые запросы (12) — когда Олег уйдёт из команды, этих клиентов никто не будет вести, а в их темах появится кнопка «🙋 Беру клиента»:\n` +
        `${first}\n…и ещё 2`,
    )
    expect(answer).toBe(
      `${REMOVED}\n\n` +
        `Открытые запросы (12) теперь никто не ведёт — возьмите их кнопкой «🙋 Беру клиента» в темах клиентов:\n` +
        `${first}\n…и ещё 2`,
    )
    expect(h.errors()).toEqual([])
  })

  it("the question naming a client goes from the owner's chat with that client's /forget", async () => {
    const { h, owner, led } = await olegLeads(['Елена', 'Борис'])
    const [elena] = led
    await h.send(h.u.text(owner, '/staff'), h.u.callback(owner, `staffrm:${OLEG}:ask:manager`))
    await h.drain()
    const shown = () =>
      [...h.fake.emulator.chat(OWNER_ID).messages.values()]
        .filter((m) => !m.deleted)
        .map((m) => m.message.text ?? '')
        .filter((text) => text.includes('Олег ведёт'))
    expect(shown()).toHaveLength(1)
    await forgetData(h, elena!.user)
    await h.flush(60 * 60_000)
    expect(shown()).toEqual([])
    expect(h.errors()).toEqual([])
  })

  it('a manager who leads nothing: the question is the plain one', async () => {
    const { h, owner } = await olegLeads([])
    await h.send(h.u.text(owner, '/staff'), h.u.callback(owner, `staffrm:${OLEG}:ask:manager`))
    expect(h.fake.lastTextTo(OWNER_ID)).toBe(`Убрать из команды: Олег (${OLEG}), сейчас менеджер?`)
    await h.send(h.u.callback(owner, `staffrm:${OLEG}:yes:manager`))
    expect(h.fake.textsTo(OWNER_ID).at(-2)).toBe(REMOVED)
  })
})
