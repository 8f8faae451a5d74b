/**
 * Quiz results in the chat: a short intro by outcome, product cards (photo if
 * any, price, what the price includes, the benefit, why it fits this client,
 * honest stock note) with 👍/👎, "Book a callback about this", "Ask a manager",
 * "Details", and a footer with "Show more" — never a dead end.
 */
import { InlineKeyboard } from 'grammy'
import { z } from 'zod'
import type { Content, Price, Product } from '../content/schema.ts'
import { pickText } from '../content/text.ts'
import { clientName } from '../format.ts'
import { formatMoney, majorToMinor } from '../money.ts'
import type { HandoffService } from '../services/handoff/index.ts'
import type { ProductCard, QuizService, ResultBatch } from '../services/quiz.ts'
import { CAPTION_MAX, splitWords, words } from '../text.ts'
import { defineCallback, idPart } from './callback-data.ts'
import type { BaseContext } from './context.ts'
import { escapeHtml } from './html.ts'
import { clientMarkup, menuCallback, menuItemOffered, offersManager } from './keyboards/main-menu.ts'
import { classifyTelegramError } from './telegram-errors.ts'

const productPart = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)

/** 👍/👎 on a card: result id, product id. */
export const voteCallback = defineCallback('qv', [idPart, productPart, z.enum(['up', 'down'])])
/** "Show more": result id, how many cards had been shown when the button was sent. */
export const moreCallback = defineCallback('qm', [idPart, z.coerce.number().int().min(0).max(999)])
/** "Take again" under the results: a new take from the first question, whatever was answered before. */
export const againCallback = defineCallback('qa', [z.enum(['new'])])
/** "Details": result id, product id. */
export const detailsCallback = defineCallback('qd', [idPart, productPart])
/**
 * "Book a callback about this": handled by the booking feature (built separately);
 * the quiz only offers the button.
 */
export const bookProductCallback = defineCallback('bookp', [productPart])

/** A product's price as clients read it on its card, its details and the price list: "бесплатно" for 0, not "0 ₽". */
export function formatPrice(ctx: BaseContext, price: Price, locale: string): string {
  if (price.amount === 0 && !price.from) return ctx.t('price-free')
  const amount = formatMoney(majorToMinor(price.amount, price.currency), price.currency, locale)
  const base = price.from ? ctx.t('quiz-price-from', { price: amount }) : amount
  return price.unit ? `${base} ${pickText(price.unit, locale)}` : base
}

/** How many products a price list names: a chat message, not a catalogue (the quiz finds the rest). */
const PRICE_LIST_MAX = 8

/**
 * The products in stock with their prices, one line each ("• Лендинг под ключ — от 45 000 ₽"),
 * for a client who asked what things cost (`asked`, their words); then each product not available
 * now that the words name ("how much is a logo": "Logo and brand identity"), said to be so with
 * its stock note — left out in silence, the client was answered without what they asked about.
 * Undefined when there is nothing to say. Plain text.
 */
export function priceList(
  ctx: BaseContext,
  content: Pick<Content, 'products' | 'quiz' | 'discovery'>,
  locale: string,
  asked = '',
): string | undefined {
  const offered = content.products.filter((p) => p.in_stock)
  const lines = offered
    .slice(0, PRICE_LIST_MAX)
    .map((p) => `• ${pickText(p.title, locale)} — ${formatPrice(ctx, p.price, locale)}`)
  const more = offered.length - PRICE_LIST_MAX
  // The quiz's button named only where the menu has one
  if (more > 0)
    lines.push(
      menuItemOffered('quiz', content)
        ? ctx.t('price-list-more', { count: more, quiz: ctx.t('menu-quiz') })
        : ctx.t('price-list-more-ask', { count: more }),
    )
  // The client's words split once (the update's readers share the split of its text)
  const said = words(asked)
  // A word the available products' titles share names none of the others ("design" of "Website
  // design" is no question about "Logo design" when the logo is out)
  const offeredStems = content.products.filter((p) => p.in_stock).flatMap(titleStems)
  for (const product of content.products) {
    if (product.in_stock || !namesProduct(said, product, offeredStems)) continue
    const note = product.stock_note ? ` ${pickText(product.stock_note, locale)}` : ''
    lines.push(`⏳ ${ctx.t('price-list-unavailable', { product: pickText(product.title, locale) })}${note}`)
  }
  return lines.length === 0 ? undefined : lines.join('\n')
}

/** Words of four letters or more in a product's title that name nothing of it ("Site with your logo"). */
const TITLE_FILLERS = new Set(['with', 'your', 'from', 'this', 'that', 'plus', 'вашего', 'вашей'])

/**
 * A product's title words in any of its languages, of four letters or more, as the client may
 * inflect them ("logos" for "Logo", «логотипа» for «Логотип», «стиле» for «стиль»): each without
 * its last letters, the longer it is.
 */
function titleStems(product: Pick<Product, 'title'>): string[] {
  const titles = typeof product.title === 'string' ? [product.title] : Object.values(product.title)
  return (
    titles
      // Not by `words`: that keeps the last text it split, the client's, for the update's other readers
      .flatMap((title) => splitWords(title ?? ''))
      .filter((w) => w.length >= 4 && !TITLE_FILLERS.has(w))
      .map((w) => (w.length >= 7 ? w.slice(0, -2) : w.length >= 5 ? w.slice(0, -1) : w))
  )
}

/**
 * Whether the client's words (`said`, as `words` gives them) name the product: a word of its
 * title (`titleStems`) that no title of the products `offered` has too.
 */
function namesProduct(said: readonly string[], product: Pick<Product, 'title'>, offered: readonly string[]): boolean {
  if (said.length === 0) return false
  return titleStems(product)
    .filter((stem) => !offered.includes(stem))
    .some((stem) => said.some((w) => w.startsWith(stem)))
}

export async function cardText(ctx: BaseContext, card: ProductCard): Promise<string> {
  const locale = await ctx.i18n.getLocale()
  const { product } = card
  const lines = [`<b>${escapeHtml(pickText(product.title, locale))}</b>`]
  lines.push(`💰 ${escapeHtml(formatPrice(ctx, product.price, locale))}`)
  if (product.includes.length > 0) {
    lines.push('', `<b>${escapeHtml(ctx.t('quiz-card-includes'))}</b>`)
    for (const item of product.includes) lines.push(`• ${escapeHtml(pickText(item, locale))}`)
  }
  if (product.benefit) lines.push('', `✨ ${escapeHtml(pickText(product.benefit, locale))}`)
  if (card.reasons.length > 0) {
    lines.push('', `👉 ${escapeHtml(ctx.t('quiz-card-because', { reasons: card.reasons.join(' + ') }))}`)
  }
  // What the client said that does not fit it (a budget below its price): a match is not a plain fit
  if (card.caveats.length > 0) {
    // Right under the reasons it weighs against; after the inclusions, a line apart
    if (card.reasons.length === 0) lines.push('')
    lines.push(`⚖️ ${escapeHtml(ctx.t('quiz-card-but', { caveats: card.caveats.join(', ') }))}`)
  }
  if (!product.in_stock) {
    const note = product.stock_note ? pickText(product.stock_note, locale) : ''
    lines.push('', `⏳ <b>${escapeHtml(ctx.t('quiz-card-out-of-stock'))}</b>${note ? ` ${escapeHtml(note)}` : ''}`)
  }
  return lines.join('\n')
}

export function cardKeyboard(ctx: BaseContext, resultId: number, productId: string, vote?: number): InlineKeyboard {
  const mark = (text: string, on: boolean) => (on ? `${text} ✓` : text)
  const keyboard = new InlineKeyboard()
    .text(mark(ctx.t('quiz-like-button'), vote === 1), voteCallback.pack(resultId, productId, 'up'))
    .text(mark(ctx.t('quiz-dislike-button'), vote === -1), voteCallback.pack(resultId, productId, 'down'))
    .row()
    .text(ctx.t('quiz-book-button'), bookProductCallback.pack(productId))
    .row()
  // (Not to a client whose request is open: they are with a manager already)
  if (offersManager(ctx)) keyboard.text(ctx.t('quiz-ask-manager-button'), menuCallback.pack('manager'))
  return keyboard.text(ctx.t('quiz-details-button'), detailsCallback.pack(resultId, productId))
}

/** What the cards need besides the chat: the memory of refused photos, and the owners to tell (in the staff's language). */
export type CardDeps = {
  services: { quiz: Pick<QuizService, 'photoRefused'>; handoff: Pick<HandoffService, 'notifyOwners'> }
  config: { DEFAULT_LOCALE: string }
}

/** A photo with the card as its caption when both fit; otherwise (or if the photo fails) a text message. */
export async function sendCard(ctx: BaseContext, deps: CardDeps, resultId: number, card: ProductCard): Promise<void> {
  const text = await cardText(ctx, card)
  // In the owner's own chat, the card's own buttons (`clientMarkup`)
  const markup = clientMarkup(ctx, cardKeyboard(ctx, resultId, card.product.id, card.vote))
  let refused: string | undefined
  if (card.photo && text.length <= CAPTION_MAX) {
    try {
      await ctx.replyWithPhoto(card.photo, { caption: text, parse_mode: 'HTML', ...markup })
      return
    } catch (err) {
      // A broken link or an expired file id must not cost the client the card
      ctx.log?.warn({ err, productId: card.product.id }, 'product photo could not be sent; sending the card as text')
      const failure = classifyTelegramError(err)
      // Refused, not a network or rate problem: the photo's fault only if the same card goes as text
      if (failure.kind === 'rejected') refused = failure.reason
    }
  }
  await ctx.reply(text, { parse_mode: 'HTML', ...markup, link_preview_options: { is_disabled: true } })
  // The next cards go without it for a while, and the owners learn why
  if (card.photo && refused !== undefined && deps.services.quiz.photoRefused(card.photo)) {
    const product = pickText(card.product.title, deps.config.DEFAULT_LOCALE)
    deps.services.handoff.notifyOwners([
      { key: 'quiz-photo-refused', args: { product, productId: card.product.id, reason: refused } },
    ])
  }
}

/** The footer after a batch: more options if any, a person, the quiz again, the menu. */
export function footerKeyboard(ctx: BaseContext, batch: Pick<ResultBatch, 'resultId' | 'remaining' | 'next'>) {
  const keyboard = new InlineKeyboard()
  if (batch.remaining > 0) keyboard.text(ctx.t('quiz-more-button'), moreCallback.pack(batch.resultId, batch.next)).row()
  if (offersManager(ctx)) keyboard.text(ctx.t('quiz-ask-manager-button'), menuCallback.pack('manager')).row()
  return keyboard
    .text(ctx.t('quiz-again-button'), againCallback.pack('new'))
    .text(ctx.t('menu-back'), menuCallback.pack('main'))
}

/** Intro, cards, footer. No match: an honest offer of a consultation instead of cards. */
export async function sendResults(ctx: BaseContext, deps: CardDeps, batch: ResultBatch): Promise<void> {
  const name = clientName(ctx.client) || ctx.t('quiz-friend')
  if (batch.outcome === 'no_match' || batch.cards.length === 0) {
    const keyboard = (
      offersManager(ctx)
        ? new InlineKeyboard().text(ctx.t('quiz-consult-button'), menuCallback.pack('manager')).row()
        : new InlineKeyboard()
    )
      .text(ctx.t('menu-booking'), menuCallback.pack('booking'))
      .row()
      .text(ctx.t('quiz-again-button'), againCallback.pack('new'))
      .text(ctx.t('menu-back'), menuCallback.pack('main'))
    await ctx.reply(ctx.t('quiz-no-match', { name }), clientMarkup(ctx, keyboard, { offers: 'booking' }))
    return
  }
  const intro = batch.outcome === 'tie' ? 'quiz-intro-tie' : 'quiz-intro-match'
  await ctx.reply(ctx.t(intro, { name }))
  await sendBatch(ctx, deps, batch)
}

/** The cards of one batch and the footer. */
export async function sendBatch(ctx: BaseContext, deps: CardDeps, batch: ResultBatch): Promise<void> {
  for (const card of batch.cards) await sendCard(ctx, deps, batch.resultId, card)
  let text: string
  if (batch.outcome === 'tie' && batch.offset === 0) text = ctx.t('quiz-footer-tie')
  else if (!batch.bestInStock && batch.offset === 0) text = ctx.t('quiz-footer-out-of-stock')
  else if (batch.remaining > 0) text = ctx.t('quiz-footer-more')
  // One card in all is the only option, not "all of them"
  else text = ctx.t('quiz-footer-last', { only: batch.offset + batch.cards.length === 1 ? 'yes' : 'no' })
  await ctx.reply(text, clientMarkup(ctx, footerKeyboard(ctx, batch)))
}

/** "Details": the description, everything included and the link. */
export async function sendDetails(ctx: BaseContext, product: Product): Promise<void> {
  const locale = await ctx.i18n.getLocale()
  const lines = [
    `<b>${escapeHtml(pickText(product.title, locale))}</b>`,
    escapeHtml(pickText(product.description, locale)),
    '',
    `💰 ${escapeHtml(formatPrice(ctx, product.price, locale))}`,
  ]
  if (!product.in_stock && product.stock_note) lines.push(`⏳ ${escapeHtml(pickText(product.stock_note, locale))}`)
  const keyboard = new InlineKeyboard()
  if (product.link) keyboard.url(ctx.t('quiz-link-button'), product.link).row()
  keyboard.text(ctx.t('quiz-book-button'), bookProductCallback.pack(product.id))
  if (offersManager(ctx)) keyboard.row().text(ctx.t('quiz-ask-manager-button'), menuCallback.pack('manager'))
  await ctx.reply(lines.join('\n'), {
    parse_mode: 'HTML',
    ...clientMarkup(ctx, keyboard),
    link_preview_options: { is_disabled: true },
  })
}
