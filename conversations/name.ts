import type { Conversation } from '@grammyjs/conversations'
import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import { defineCallback } from '../src/bot/callback-data.ts'
import { leavesFlow } from '../src/bot/commands.ts'
import type { BaseContext, BotContext } from '../src/bot/context.ts'
import { backKeyboard, clientMarkup } from '../src/bot/keyboards/main-menu.ts'
import type { Deps } from '../src/deps.ts'
import { clientName } from '../src/format.ts'
import { waitForAnswer } from './continuation.ts'
import { createLongPasteGuard } from './long-paste.ts'
import { passToManager, requestState } from './to-manager.ts'

export const NAME_CONVERSATION = 'name'
const keepCallback = defineCallback('name', [z.enum(['keep'])])
const MAX_TRIES = 3

/** A name as people write it: letters, spaces, hyphens, dots, apostrophes; 1–40 characters. */
export const NAME_PATTERN = /^\p{L}[\p{L}\p{M} .'’-]{0,39}$/u
const NAME_MAX_LENGTH = 40

/** A try at a name, one that may have failed: a few words, no question. */
function nameLike(text: string): boolean {
  return text.length <= NAME_MAX_LENGTH && !text.includes('?') && text.split(' ').length <= 3
}

/**
 * "How should I address you?" (DOMAIN §1: use the client's name in the form
 * they gave). Short by design: one question, at most three tries, and any
 * other button leaves it so the client is never trapped.
 */
export function buildNameConversation(deps: Deps) {
  return async function name(conversation: Conversation<BotContext, BaseContext>, ctx: BaseContext, given = '') {
    const clientId = ctx.client?.id
    if (!clientId) return
    // A client the bot already calls by a name (theirs from Telegram, or one given before)
    // is no stranger: "nice to meet you" would sound as if the bot had forgotten them
    const known = clientName(ctx.client)
    const save = async (to: BaseContext, text: string) => {
      await conversation.external(() => deps.services.clients.setDisplayName(clientId, text))
      await to.reply(to.t(known ? 'name-renamed' : 'name-saved', { name: text }), clientMarkup(to, backKeyboard(to)))
    }
    // Given with the command ("/name Эмма"): taken as the answer; one that is no name is said so, then asked for
    const typed = given.trim().replace(/\s+/g, ' ')
    if (typed && NAME_PATTERN.test(typed)) return save(ctx, typed)
    if (typed) await ctx.reply(ctx.t('name-invalid'))
    await ctx.reply(ctx.t('name-ask', { name: known || 'none' }), {
      reply_markup: new InlineKeyboard().text(ctx.t('name-keep-button'), keepCallback.pack('keep')),
    })
    const paste = createLongPasteGuard(NAME_MAX_LENGTH)
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const answer = await waitForAnswer(conversation, () => deps.clock.now())
      if (answer.message && paste.isRest(answer.message)) {
        attempt-- // the rest of a paste already refused: not a try of its own
        continue
      }
      if (!answer.message && !answer.callbackQuery) {
        attempt-- // an edit of an earlier message, a reaction: no answer, and no try spent
        continue
      }
      if (answer.callbackQuery) {
        if (!keepCallback.unpack(answer.callbackQuery.data)) await conversation.halt({ next: true })
        await answer.answerCallbackQuery()
        await answer.reply(answer.t('name-kept'), clientMarkup(answer, backKeyboard(answer)))
        return
      }
      const text = answer.message?.text?.trim().replace(/\s+/g, ' ')
      if (text?.startsWith('/')) {
        // One of the bot's commands leaves for itself; anything else after a slash ("/Маша") is
        // no command and no name, and not a try spent: the question waits
        if (leavesFlow(text)) await conversation.halt({ next: true })
        attempt--
        await answer.reply(answer.t('flow-unknown-command'))
        continue
      }
      if (text && NAME_PATTERN.test(text)) return save(answer, text)
      if (answer.message) paste.judged(answer.message, false)
      // While a manager reads the client's messages, what is no try at a name ("Are you there?", a
      // photo) is theirs; a name refused for a sign in it ("Женя 🙂") is answered as such
      if (!text || !nameLike(text))
        await passToManager(conversation, () => requestState(deps.services.handoff, clientId), answer.message, paste)
      await answer.reply(
        answer.t(attempt < MAX_TRIES ? 'name-invalid' : 'name-give-up'),
        attempt < MAX_TRIES ? {} : clientMarkup(answer, backKeyboard(answer)),
      )
    }
  }
}
