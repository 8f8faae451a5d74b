/** What the broadcast tests share: pressing the owner's buttons and reading what a client received. */
import type { Harness } from './harness.ts'
import type { TestUser } from './updates.ts'

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
