import { DISCOVERY_CONVERSATION } from '../../../conversations/discovery.ts'
import { QUIZ_CONVERSATION } from '../../../conversations/quiz.ts'
import type { Deps } from '../../deps.ts'
import { languagesOf } from '../../format.ts'
import { setOwnMenu } from '../commands.ts'
import { languageCallback, languageKeyboard, languageName } from '../keyboards/language.ts'
import { backKeyboard, clientMarkup } from '../keyboards/main-menu.ts'
import { showPressedAnswer } from '../questions.ts'
import type { BotScopes } from '../scopes.ts'

/** The flows whose question on screen is asked again in the new language (conversations/question-step.ts). */
const QUESTION_FLOWS = [DISCOVERY_CONVERSATION, QUIZ_CONVERSATION]

/**
 * /language: the client's choice is stored and from then on wins over
 * Telegram's language. Registered before the conversations, so it works in
 * the middle of a flow too; the flow continues in the new language, and a
 * discovery or quiz question waiting for its answer is asked again in it.
 */
export function registerLanguageFeature(deps: Deps, scopes: BotScopes): void {
  const feature = scopes.private

  feature.command('language', async (ctx) => {
    // A client: only the languages this business speaks; someone on the team: any (languagesOf)
    const languages = languagesOf(ctx, deps.content.get())
    // One language: nothing to choose, and no "Выберите язык / Choose your language" in two of them
    if (languages.length === 1) await ctx.reply(ctx.t('language-only'), clientMarkup(ctx, backKeyboard(ctx)))
    else await ctx.reply(ctx.t('language-choose'), { reply_markup: languageKeyboard(ctx.t, languages) })
  })

  feature.callbackQuery(languageCallback.filter, async (ctx, next) => {
    const [locale] = languageCallback.unpack(ctx.callbackQuery.data) ?? []
    const client = ctx.client
    if (!locale || !client || !languagesOf(ctx, deps.content.get()).includes(locale)) {
      return next()
    }
    // The language the bot already spoke (the Telegram app's, if never chosen): picked again, nothing changes
    const same = (await ctx.i18n.getLocale()) === locale
    deps.services.clients.setLanguage(client.id, locale, true)
    client.language = locale
    // The team reads it in the topic: the bot speaks the new language to them, so should they
    if (!same && client.topicId !== null && !ctx.staffRole) {
      const language = languageName(ctx.t, locale)
      deps.services.handoff.notifyTopic(client.id, [{ key: 'language-topic-changed', args: { language } }])
    }
    ctx.i18n.useLocale(locale)
    await ctx.answerCallbackQuery()
    await showPressedAnswer(ctx, languageName(ctx.t, locale))
    await ctx.reply(ctx.t(same ? 'language-same' : 'language-set'), clientMarkup(ctx, backKeyboard(ctx)))
    // The chat's own menu, in the new language: the per-language ones follow the app's
    await setOwnMenu(ctx.api, deps, ctx.from.id)
    // The question waiting for an answer takes the tap, to be asked again in the new language
    if (QUESTION_FLOWS.some((id) => ctx.conversation.active(id) > 0)) return next()
  })
}
