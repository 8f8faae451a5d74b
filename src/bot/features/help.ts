import type { Deps } from '../../deps.ts'
import { chatKind } from '../client-chat.ts'
import { clientCommands, GROUP_WIDE_COMMANDS, OWNER_COMMANDS, STAFF_COMMANDS } from '../commands.ts'
import type { BaseContext } from '../context.ts'
import { backKeyboard, clientMarkup } from '../keyboards/main-menu.ts'
import type { BotScopes } from '../scopes.ts'
import { statsForms } from './stats.ts'

type Key = Parameters<BaseContext['t']>[0]

/**
 * Commands as the help lists them: "/name — what it does", from the words of the command
 * menus unless `words` has the help's own for one of them.
 */
function commandList(ctx: BaseContext, names: readonly string[], words: Record<string, string> = {}): string {
  return names.map((name) => `/${name} — ${words[name] ?? ctx.t(`cmd-${name}` as Key)}`).join('\n')
}

/**
 * The lines of the clients' list that a main-menu button does too: in the menu's words when the
 * content file sets them; without /menu in the owner's own chat, where it offers no menu; /quiz
 * and /brief only when the file has their questions, as the menu and the command menu offer them
 * (`clientCommands`).
 */
function clientLines(ctx: BaseContext, deps: Deps) {
  const offered = new Set<string>(clientCommands(deps.content.get()))
  const quiz = offered.has('quiz')
  const brief = offered.has('brief')
  return {
    chat: chatKind(ctx),
    flows: quiz && brief ? 'both' : quiz ? 'quiz' : brief ? 'brief' : 'none',
    manager: ctx.t('help-manager'),
    quiz: ctx.t('help-quiz'),
    brief: ctx.t('help-brief'),
    book: ctx.t('help-book'),
  }
}

/**
 * /help: what the bot can do, in plain words, and a client's invitation link. The team also
 * get their commands, listed from the command menus (one list: a hand-kept one had drifted
 * from them), staff where in the group each works, owners their own.
 */
export function registerHelpFeature(deps: Deps, scopes: BotScopes): void {
  const feature = scopes.private
  feature.command('help', async (ctx) => {
    const parts: string[] = []
    if (ctx.staffRole) {
      const owner = ctx.staffRole === 'owner'
      const anywhere = new Set<string>(GROUP_WIDE_COMMANDS)
      // /followups is a client's in their topic; outside it, everyone's, which only owners get
      const inTopic = (c: string) => !anywhere.has(c) || c === 'followups'
      const inGroup = (c: string) => anywhere.has(c) && (c !== 'followups' || owner)
      const inGroupList = STAFF_COMMANDS.filter(inGroup)
      // Each command once: an owner's /followups is listed with the group's, where it works too
      const listed = new Set<string>(inGroupList)
      // What they came for first (an owner reads this in the chat where their commands work); the
      // clients' commands last, as what clients see
      if (owner) {
        parts.push(
          `${ctx.t('help-owner')}\n${commandList(
            ctx,
            OWNER_COMMANDS.filter((c) => !listed.has(c)),
            // The periods /stats takes: they were told only after one it does not take
            { stats: ctx.t('help-stats', await statsForms(ctx)) },
          )}`,
        )
      }
      parts.push(
        `${ctx.t('help-staff-topic')}\n${commandList(ctx, STAFF_COMMANDS.filter(inTopic), { followups: ctx.t('help-followups-topic') })}`,
        `${ctx.t('help-staff-group')}\n${commandList(ctx, inGroupList)}`,
        ctx.t('help-team-client-commands', clientLines(ctx, deps)),
      )
    } else {
      parts.push(ctx.t('help-text', clientLines(ctx, deps)))
      // The client's own invitation link: a friend who opens it is recorded as their referral. Not
      // in the owner's own chat, where a link to the bot under the owner's name reads as a bot's
      if (ctx.client && chatKind(ctx) === 'bot') {
        const link = `https://t.me/${ctx.me.username}?start=ref_${ctx.client.id}`
        parts.push(ctx.t('help-referral', { link }))
      }
    }
    await ctx.reply(parts.join('\n\n'), {
      // A client's way on (the menu, a manager); not under the team's list of their commands, where
      // "Talk to a manager" opened a request about the reader themselves; nor in the owner's own chat
      // (`clientMarkup`)
      ...(ctx.staffRole ? {} : clientMarkup(ctx, backKeyboard(ctx))),
      link_preview_options: { is_disabled: true },
    })
  })
}
