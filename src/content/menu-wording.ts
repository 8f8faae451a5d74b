import type { Content, MenuWordingItem } from './schema.ts'
import { pickText, type Text } from './text.ts'

/**
 * The commands that do what a menu item does: Telegram's command menu describes each in the
 * button's words, so "/quiz" reads "Подобрать букет" beside a «🌷 Подобрать букет» button.
 */
const COMMAND_OF: Partial<Record<MenuWordingItem, string>> = {
  quiz: 'quiz',
  discovery: 'brief',
  booking: 'book',
  manager: 'manager',
}

/** A command's description: the button's words without the emoji or marks before them. */
function describing(label: string): string | undefined {
  return label.replace(/^[^\p{L}\p{N}]+/u, '') || undefined
}

/** A line of /help's list ("/quiz — подобрать букет"): the description, lower case as the list's others ("ABC" kept). */
function helpLine(label: string): string | undefined {
  const words = describing(label)
  if (words === undefined || /^\p{Lu}{2}/u.test(words)) return words
  return words.charAt(0).toLocaleLowerCase() + words.slice(1)
}

type Wording = { text: Text; as: (label: string) => string | undefined }
const wordingOf = new WeakMap<Content, Map<string, Wording>>()

/**
 * The business's own words for a locale key, from the content file's `menu`: a main-menu
 * button (`menu-quiz`) wherever it shows, the description of its command (`cmd-quiz`) and
 * its line in /help (`help-quiz`). Undefined for any other key, and for an item the file
 * leaves to the bot's words.
 */
export function contentWording(content: Content, locale: string, key: string): string | undefined {
  let keys = wordingOf.get(content)
  if (keys === undefined) {
    keys = new Map()
    for (const [item, text] of Object.entries(content.menu) as [MenuWordingItem, Text | undefined][]) {
      if (text === undefined) continue
      keys.set(`menu-${item}`, { text, as: (label) => label })
      const command = COMMAND_OF[item]
      if (command) {
        keys.set(`cmd-${command}`, { text, as: describing })
        keys.set(`help-${command}`, { text, as: helpLine })
      }
    }
    wordingOf.set(content, keys)
  }
  const found = keys.get(key)
  return found === undefined ? undefined : found.as(pickText(found.text, locale))
}
