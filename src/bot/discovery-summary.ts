/**
 * The end of discovery: "Вот что я понял: …" in the client's own words with
 * Correct / Edit, the list of questions to edit one answer, and the next step
 * (a manager first for a client who wants it detailed).
 */
import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import { pickText } from '../content/text.ts'
import { clientName } from '../format.ts'
import type { SummaryItem } from '../services/discovery.ts'
import { describeAnswer } from '../services/questions.ts'
import { clip, shortFingerprint } from '../text.ts'
import { defineCallback } from './callback-data.ts'
import type { BaseContext } from './context.ts'
import { escapeHtml } from './html.ts'
import { menuCallback, offersManager } from './keyboards/main-menu.ts'

/**
 * ok: the summary is right; edit: pick an answer to change; show: the summary again. A
 * summary's own buttons carry the fingerprint of the answers it shows (`summaryFingerprint`):
 * one made before an answer changed is known for out of date (buttons sent before they carried
 * it are taken as current, as they always were).
 */
export const summaryCallback = defineCallback('ds', [
  z.enum(['ok', 'edit', 'show']),
  z
    .string()
    .regex(/^[0-9a-f]{6}$/)
    .optional(),
])

/** The questions and answers a summary shows, in six hex digits. */
export function summaryFingerprint(items: readonly SummaryItem[]): string {
  const shown = JSON.stringify(items.map((item) => [item.key, item.value ?? null]))
  return shortFingerprint(shown)
}
/** Edit the answer to one question. */
export const editAnswerCallback = defineCallback('de', [z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)])

/** A message holds 4096 characters; long typed answers are shortened in the summary. */
const ANSWER_CLIP = 300
const MESSAGE_LIMIT = 4000

export async function sendDiscoverySummary(ctx: BaseContext, items: readonly SummaryItem[]): Promise<void> {
  const locale = await ctx.i18n.getLocale()
  const name = clientName(ctx.client) || ctx.t('discovery-friend')
  const head = escapeHtml(ctx.t('discovery-summary-title', { name }))
  const tail = escapeHtml(ctx.t('discovery-summary-check'))
  let clipAt = ANSWER_CLIP
  let lines: string[] = []
  const compose = () => `${head}\n\n${lines.join('\n\n')}\n\n${tail}`
  // Shorten answers further until everything fits one message
  for (let attempt = 0; attempt < 5; attempt++, clipAt = Math.floor(clipAt / 2)) {
    lines = items.map((item) => {
      const answer = describeAnswer(item, item.value, locale) ?? ctx.t('discovery-summary-skipped')
      return `<b>${escapeHtml(clip(pickText(item.text, locale), 200))}</b>\n${escapeHtml(clip(answer, clipAt))}`
    })
    if (compose().length <= MESSAGE_LIMIT) break
  }
  // Still too long (very many questions): drop whole items, never cut through the HTML
  while (compose().length > MESSAGE_LIMIT && lines.length > 1) lines = [...lines.slice(0, -2), '…']
  const shown = summaryFingerprint(items)
  await ctx.reply(compose(), {
    parse_mode: 'HTML',
    reply_markup: new InlineKeyboard()
      .text(ctx.t('discovery-correct-button'), summaryCallback.pack('ok', shown))
      .text(ctx.t('discovery-edit-button'), summaryCallback.pack('edit', shown)),
  })
}

/** One button per question: the client changes one answer without redoing all. */
export async function editChoiceKeyboard(ctx: BaseContext, items: readonly SummaryItem[]): Promise<InlineKeyboard> {
  const locale = await ctx.i18n.getLocale()
  const keyboard = new InlineKeyboard()
  for (const item of items) {
    keyboard.text(clip(pickText(item.text, locale), 60), editAnswerCallback.pack(item.key)).row()
  }
  return keyboard.text(ctx.t('discovery-edit-cancel-button'), summaryCallback.pack('show'))
}

/**
 * The next step: a manager first for a client who wants it detailed, else the quiz first (when
 * the content has one: `quiz`).
 */
export function nextStepKeyboard(ctx: BaseContext, wantsPerson: boolean, quiz: boolean): InlineKeyboard {
  // (Not to a client whose request is open: they are with a manager already)
  const manager = offersManager(ctx) ? [[ctx.t('discovery-next-manager'), menuCallback.pack('manager')] as const] : []
  const toQuiz = quiz ? [[ctx.t('menu-quiz'), menuCallback.pack('quiz')] as const] : []
  const booking = [ctx.t('menu-booking'), menuCallback.pack('booking')] as const
  const order = wantsPerson ? [...manager, booking, ...toQuiz] : [...toQuiz, booking, ...manager]
  const keyboard = new InlineKeyboard()
  for (const [text, data] of order) keyboard.text(text, data).row()
  return keyboard.text(ctx.t('menu-back'), menuCallback.pack('main'))
}
