/** What the broadcast tests share: pressing the owner's buttons and reading what a client received. */
import { type Harness, OWNER_ID } from './harness.ts'
import type { TestUser } from './updates.ts'

/** The owner, speaking Russian (the default) or English (said with /start); `firstName`: their name in Telegram. */
export async function ownerIn(h: Harness, language: 'ru' | 'en', firstName?: string): Promise<TestUser> {
  const names = firstName ? { first_name: firstName } : {}
  if (language === 'ru') return h.u.user(OWNER_ID, names)
  const owner = h.u.user(OWNER_ID, { language_code: 'en', ...names })
  await h.send(h.u.text(owner, '/start'))
  return owner
}

/**
 * Presses the button whose data starts with `match` (or whose text contains it) in the last
 * message with buttons; returns its data.
 */
export async function pressMatching(h: Harness, user: TestUser, match: string): Promise<string> {
  const buttons = h.fake.lastButtonsTo(user.id)
  const button = buttons.find((b) => b.data?.startsWith(match)) ?? buttons.find((b) => b.text.includes(match))
  if (!button?.data) throw new Error(`no button "${match}" in ${JSON.stringify(buttons)}`)
  await h.send(h.u.callback(user, button.data))
  return button.data
}

/** The broadcast's messages one chat received (those starting with `text`). */
export const broadcastTo = (h: Harness, chatId: number, text = 'Новость') =>
  h.fake.sentTo(chatId).filter((c) => String(c.payload.text).startsWith(text))

/**
 * How the owner's (Russian) messages name broadcast #`n` of a short `text` to everyone who agreed
 * to news: "#1 «Новость: скидка на лендинги» (получатели: все, кто согласился на рассылку)".
 */
export const namedForAll = (n: number, text = 'Новость: скидка на лендинги') =>
  `#${n} «${text}» (получатели: все, кто согласился на рассылку)`
