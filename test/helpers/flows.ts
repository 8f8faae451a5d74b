/**
 * Small drivers for button-heavy flows (discovery, quiz): press a button by its
 * text on the latest message that has inline buttons, the way a person would.
 */
import { parseContent } from '../../src/content/loader.ts'
import type { Content } from '../../src/content/schema.ts'
import { buttonsOf, SEND_METHODS } from './fake-telegram.ts'
import type { Harness } from './harness.ts'
import type { TestUser } from './updates.ts'

/** Parses test YAML; throws with the report when it is invalid. */
export function contentFrom(yaml: string): Content {
  const parsed = parseContent(yaml)
  if (!parsed.ok) throw new Error(`test content is invalid: ${JSON.stringify(parsed.errors)}`)
  return parsed.content
}

/**
 * A studio open on Mondays 10:00–19:00 in Moscow whose questionnaire is `questions`: YAML list
 * items under `discovery.questions`, indented by four spaces.
 */
export function discoveryContent(questions: string): Content {
  return contentFrom(`business:
  name: Студия
  about: Ремонт
  timezone: Europe/Moscow
  hours:
    mon: ["10:00-19:00"]
discovery:
  questions:
${questions}`)
}

/** Inline buttons of the latest message (or edit) to the chat that has any, with that message's id. */
export function latestButtons(h: Harness, chatId: number): { text: string; data?: string; url?: string }[] {
  for (let i = h.fake.calls.length - 1; i >= 0; i--) {
    const call = h.fake.calls[i]
    if (!call?.ok || Number(call.payload.chat_id) !== chatId) continue
    if (!SEND_METHODS.has(call.method) && !call.method.startsWith('editMessage')) continue
    const buttons = buttonsOf(call.payload)
    if (buttons.length > 0) return buttons
  }
  return []
}

/** The callback data of the button whose text contains `label` on the latest message with buttons. */
export function buttonData(h: Harness, user: TestUser, label: string | RegExp): string {
  const buttons = latestButtons(h, user.id)
  const button = buttons.find((b) => (typeof label === 'string' ? b.text.includes(label) : label.test(b.text)))
  if (!button?.data) throw new Error(`no button ${String(label)} among ${JSON.stringify(buttons.map((b) => b.text))}`)
  return button.data
}

/** Presses the button whose text contains `label`. */
export async function press(h: Harness, user: TestUser, label: string | RegExp): Promise<void> {
  await h.send(h.u.callback(user, buttonData(h, user, label)))
}

/** The text of the last callback-query answer (a toast). */
export function lastToast(h: Harness): string | undefined {
  return h.fake.callsOf('answerCallbackQuery').at(-1)?.payload.text
}

/** The demo's first four discovery questions (source, task, brand, brief) answered, the questionnaire open. */
export async function answerDemoDiscoveryOpening(
  h: Harness,
  user: TestUser,
  task = 'Нужны заявки на ремонт квартир',
): Promise<void> {
  await press(h, user, 'Посоветовали знакомые')
  await h.send(h.u.text(user, task))
  await press(h, user, 'Есть только логотип')
  await press(h, user, 'Есть бриф')
}

/** The demo's ten discovery questions, answered the way a real client would (one skipped). */
export async function answerDemoDiscovery(
  h: Harness,
  user: TestUser,
  { task = 'Нужны заявки на ремонт квартир', email = 'Anna@Example.com', approach = 'Быстро' } = {},
): Promise<void> {
  await h.send(h.u.callback(user, 'menu:discovery'))
  await answerDemoDiscoveryOpening(h, user, task)
  await press(h, user, 'В течение месяца')
  await press(h, user, '60–150 тыс')
  await press(h, user, 'Пропустить')
  await press(h, user, 'Цена')
  await press(h, user, 'Сроки')
  await press(h, user, 'Готово')
  await h.send(h.u.text(user, email))
  await press(h, user, approach)
}

/**
 * A text pasted longer than a message holds, as Telegram delivers it: messages of 4,096
 * characters at most, sent the same second. Resolves with what the bot said back.
 */
export async function pasteLong(h: Harness, user: TestUser, text: string): Promise<string[]> {
  const before = h.fake.textsTo(user.id).length
  const parts: string[] = []
  for (let at = 0; at < text.length; at += 4_096) parts.push(text.slice(at, at + 4_096))
  await h.send(...parts.map((part) => h.u.text(user, part)))
  return h.fake.textsTo(user.id).slice(before)
}

/** A text written a minute after the one before (a person reading the bot's answer first). */
export async function writeLater(h: Harness, user: TestUser, text: string): Promise<void> {
  const update = h.u.text(user, text)
  if (update.message) update.message.date += 60
  await h.send(update)
}
