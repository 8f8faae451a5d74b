/**
 * How a discovery or quiz question looks in the chat: the text with its
 * position, option buttons (toggles and "Done" for several answers), Back /
 * Skip / Keep, and the friendly retry texts for typed answers.
 */
import { InlineKeyboard } from 'grammy'
import type { InlineKeyboardMarkup, Message } from 'grammy/types'
import { z } from 'zod'
import { pickText } from '../content/text.ts'
import { phoneExample } from '../phone.ts'
import {
  type AnswerProblem,
  describeAnswer,
  type FlowStep,
  isBirthdayQuestion,
  type QuestionFlow,
  type QuestionSnapshot,
} from '../services/questions.ts'
import { clip, words } from '../text.ts'
import { defineCallback } from './callback-data.ts'
import { onBehalfOf, replyKeyboardsAllowed } from './client-chat.ts'
import type { BaseContext, BotContext, Translate } from './context.ts'
import { logCourtesyFailure, removeButtons, showInPlace } from './courtesy.ts'
import { describeMessage, isClientFile } from './handoff/message-entry.ts'
import { escapeHtml } from './html.ts'
import { menuCallback } from './keyboards/main-menu.ts'
import { GLAD, PRAISE_WORDS, THANKS_WORDS } from './praise.ts'
import { classifyTelegramError } from './telegram-errors.ts'

const keyPart = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)
const fingerprintPart = z.string().regex(/^[0-9a-f]{6}$/)
/** o: option (index), d: done (multi), b: back, s: skip, k: keep the current answer */
const actionPart = z.enum(['o', 'd', 'b', 's', 'k'])
const indexPart = z.coerce.number().int().min(0).max(99)

/**
 * Question buttons: `<prefix>:<question key>:<fingerprint>:<action>:<option index>`.
 * The key tells an old question's button from the current one; the fingerprint
 * tells a button from before a content change.
 */
export const questionCallbacks = {
  discovery: defineCallback('dq', [keyPart, fingerprintPart, actionPart, indexPart]),
  quiz: defineCallback('qq', [keyPart, fingerprintPart, actionPart, indexPart]),
} satisfies Record<QuestionFlow, unknown>

export type QuestionAction = z.infer<typeof actionPart>

/** The question's message text (HTML). `lead` is a line above it ("Choose with the buttons"). */
export async function questionText(ctx: BaseContext, q: QuestionSnapshot, lead?: string): Promise<string> {
  const locale = await ctx.i18n.getLocale()
  const lines: string[] = []
  if (lead) lines.push(lead, '')
  lines.push(`<b>${escapeHtml(ctx.t('question-position', { number: q.number, total: q.total }))}</b>`)
  lines.push(escapeHtml(pickText(q.text, locale)))
  if (q.type === 'multi') lines.push(`<i>${escapeHtml(ctx.t('question-multi-note'))}</i>`)
  if (q.type === 'phone') {
    const note = replyKeyboardsAllowed(ctx) ? 'question-phone-note' : 'question-phone-note-typed'
    lines.push(`<i>${escapeHtml(ctx.t(note, { example: clientPhoneExample(ctx, locale) }))}</i>`)
  }
  if (q.type === 'date') lines.push(`<i>${escapeHtml(ctx.t('question-date-note', { birthday: birthdayOf(q) }))}</i>`)
  if (q.current !== undefined) {
    const answer = describeAnswer(q, q.current, locale) ?? ctx.t('question-skipped')
    lines.push('', escapeHtml(ctx.t('question-current', { answer: clip(answer, 300) })))
  }
  return lines.join('\n')
}

/** How a ticked option of a several-answers question is marked on its button, and an unticked one. */
const TICKED = '✅'
const UNTICKED = '▫️'

/**
 * A pressed button as the client's history shows it: an option of a several-answers question
 * by what the press made it (its button read "▫️ Цена" and ticked it: "✅ Цена"), any other as
 * it reads.
 */
export function pressedLabel(data: string, text: string): string {
  const toggles = Object.values(questionCallbacks).some((cb) => cb.unpack(data)?.[2] === 'o')
  if (!toggles) return text
  if (text.startsWith(`${UNTICKED} `)) return `${TICKED}${text.slice(UNTICKED.length)}`
  if (text.startsWith(`${TICKED} `)) return `${UNTICKED}${text.slice(TICKED.length)}`
  return text
}

export function questionKeyboard(
  ctx: BaseContext,
  q: QuestionSnapshot,
  selected: readonly string[],
  locale: string,
): InlineKeyboard {
  const cb = questionCallbacks[q.flow]
  const keyboard = new InlineKeyboard()
  q.options.forEach((option, index) => {
    // Inline button texts are plain text: no escaping
    const text = pickText(option.label, locale)
    const label =
      q.type === 'multi'
        ? `${selected.includes(option.value) ? TICKED : UNTICKED} ${text}`
        : q.current === option.value
          ? `✓ ${text}`
          : text
    keyboard.text(label, cb.pack(q.key, q.fingerprint, 'o', index)).row()
  })
  if (q.type === 'multi') keyboard.text(ctx.t('question-done-button'), cb.pack(q.key, q.fingerprint, 'd', 0)).row()
  if (q.canBack) keyboard.text(ctx.t('question-back-button'), cb.pack(q.key, q.fingerprint, 'b', 0))
  if (!q.required) keyboard.text(ctx.t('question-skip-button'), cb.pack(q.key, q.fingerprint, 's', 0))
  if (q.current !== undefined) keyboard.text(ctx.t('question-keep-button'), cb.pack(q.key, q.fingerprint, 'k', 0))
  // No empty last row (after the options of a question without navigation buttons)
  if (keyboard.inline_keyboard.at(-1)?.length === 0) keyboard.inline_keyboard.pop()
  return keyboard
}

/**
 * The indexes of the options ticked on a question's keyboard in the chat; undefined when the
 * keyboard holds none of that question's options (they gave way to the answer).
 */
export function tickedIndexes(
  flow: QuestionFlow,
  key: string,
  fingerprint: string,
  markup: InlineKeyboardMarkup | undefined,
): number[] | undefined {
  const cb = questionCallbacks[flow]
  const options = (markup?.inline_keyboard ?? []).flat().flatMap((b) => {
    const parts = 'callback_data' in b ? cb.unpack(b.callback_data) : undefined
    return parts && parts[0] === key && parts[1] === fingerprint && parts[2] === 'o'
      ? [{ index: parts[3], ticked: b.text.startsWith(TICKED) }]
      : []
  })
  return options.length > 0 ? options.filter((o) => o.ticked).map((o) => o.index) : undefined
}

/** The options ticked on the question's keyboard in the chat (for a run that takes over the question on screen). */
export function tickedOnScreen(q: QuestionSnapshot, markup: InlineKeyboardMarkup): string[] {
  const ticked = new Set(tickedIndexes(q.flow, q.key, q.fingerprint, markup))
  return q.options.filter((_, index) => ticked.has(index)).map((o) => o.value)
}

/**
 * A question's button pressed with no run waiting (a menu button, /cancel, a day of silence or
 * a new CONVERSATIONS_VERSION ended it while the question stayed in the chat), when the button
 * is for the question the flow stands at (the services' `standsAt`): a run of `conversation`
 * enters at that question and takes this tap as its first update, so the answer counts and
 * nothing is asked twice. `edit`: the question was asked from the summary's Edit, and the
 * summary follows the answer again. False when the question's message can no longer be read
 * (its keyboard holds a several-answers question's ticks): the caller continues the flow instead.
 */
export async function takeTapOnScreen(
  ctx: BotContext,
  conversation: string,
  key: string,
  { edit = false } = {},
): Promise<boolean> {
  if (!ctx.callbackQuery?.message?.reply_markup) return false
  await ctx.conversation.exitAll()
  const step: FlowStep = { mode: 'ask', key, onScreen: true, ...(edit ? { edit: true } : {}) }
  await ctx.conversation.enter(conversation, step)
  return true
}

/** Sends the question; returns the message id (to remove its buttons once answered). */
export async function sendQuestion(
  ctx: BaseContext,
  q: QuestionSnapshot,
  selected: readonly string[],
  lead?: string,
): Promise<number> {
  const locale = await ctx.i18n.getLocale()
  const message = await ctx.reply(await questionText(ctx, q, lead), {
    parse_mode: 'HTML',
    reply_markup: questionKeyboard(ctx, q, selected, locale),
  })
  if (q.type === 'phone' && replyKeyboardsAllowed(ctx)) {
    // A reply keyboard cannot share a message with inline buttons: Telegram's contact button goes below
    await ctx.reply(ctx.t('question-phone-button-hint'), {
      reply_markup: {
        keyboard: [[{ text: ctx.t('question-phone-share-button'), request_contact: true }]],
        resize_keyboard: true,
        one_time_keyboard: true,
      },
    })
  }
  return message.message_id
}

/** The line under a question answered with a button that shows the answer chosen (HTML): "✔️ <answer>". */
function answerLine(answer: string): string {
  return `<b>${escapeHtml(`✔️ ${clip(answer, 500)}`)}</b>`
}

/**
 * What the question message becomes once answered with a button: the question and the answer,
 * no buttons. Without an answer (left with Back): the question alone, without the notes on how
 * to answer it ("pick several, then Done") that no longer have buttons to go with.
 */
export async function answeredText(ctx: BaseContext, q: QuestionSnapshot, answer?: string): Promise<string> {
  const locale = await ctx.i18n.getLocale()
  return [
    `<b>${escapeHtml(ctx.t('question-position', { number: q.number, total: q.total }))}</b>`,
    escapeHtml(pickText(q.text, locale)),
    ...(answer === undefined ? [] : ['', answerLine(answer)]),
  ].join('\n')
}

/**
 * The pressed message — its text as the press carries it, a plain one (/forget's question, the
 * language's) — with `answer` under it, as `showChosenAnswer` shows one; a press that does not
 * carry the text just takes the buttons away. (They went without a word of what was pressed.)
 */
export async function showPressedAnswer(ctx: BaseContext, answer: string): Promise<void> {
  const asked = ctx.callbackQuery?.message
  if (asked && 'text' in asked && asked.text) await showChosenAnswer(ctx, asked.text, answer)
  else await removeButtons(ctx)
}

/**
 * A question of one message answered with one of its buttons (a follow-up's rating, the rating
 * after a request): the pressed message becomes the question (`question`, its plain text as it
 * was sent) with the answer under it, as a discovery or quiz question does, and loses its
 * buttons. Not shown (a message too old to edit, or gone) is logged, never thrown: the answer
 * is recorded either way; false then. `note`: what the answer brings, under it in the same message.
 */
export async function showChosenAnswer(
  ctx: BaseContext,
  question: string,
  answer: string,
  note?: string,
  /** The question's message when the answer was typed under it, not pressed on it. */
  typedUnder?: number,
): Promise<boolean> {
  const after = note ? `\n\n${escapeHtml(note)}` : ''
  const text = `${escapeHtml(question)}\n\n${answerLine(answer)}${after}`
  const chatId = ctx.chat?.id
  try {
    if (typedUnder === undefined) await ctx.editMessageText(text, { parse_mode: 'HTML' })
    else if (chatId !== undefined) {
      await ctx.api.editMessageText(chatId, typedUnder, text, { parse_mode: 'HTML', ...onBehalfOf(ctx) })
    }
    return true
  } catch (err) {
    // Shown already (the same answer pressed twice): as shown as it gets
    if (classifyTelegramError(err).kind === 'not-modified') return true
    logCourtesyFailure(ctx.log, err, 'showing the chosen answer')
    return false
  }
}

/**
 * The question that follows an answer pressed (`answered`: the question pressed and the answer
 * chosen, as showChosenAnswer takes them): in place of the pressed message while that is still the
 * last one in the chat (`last`), where the client is looking. With anything below it (a reminder
 * that came meanwhile) an edit up there would go unseen — Telegram announces no edit — so the
 * pressed message keeps its question with the answer under it, without buttons, and the next
 * question comes as a new message at the bottom.
 */
export async function askAfterPress(
  ctx: BaseContext,
  last: boolean,
  answered: { question: string; answer: string },
  next: string,
  markup: InlineKeyboardMarkup,
): Promise<void> {
  if (last) return showInPlace(ctx, next, markup)
  await showChosenAnswer(ctx, answered.question, answered.answer)
  await ctx.reply(next, { reply_markup: markup })
}

/**
 * A score typed instead of pressed under a rating question the bot asked: "5", "4/5", "2 из 5",
 * "4 out of 5", "9 !",
 * with emoji beside it ("5 ⭐", "10 🔥"), in stars alone ("⭐⭐⭐⭐", out of 5), or
 * said in a word ("отлично", "всё хорошо, спасибо", "excellent": `inWords`, out of 5, as a school
 * mark), or leading what the client says about it ("2 stars. slow", "5, всё супер", "плохо —
 * никто не перезвонил", "хорошо, но долго": `comment`).
 * `outOf` is the scale written with it ("/5", "/10", "stars"), which a question of another scale
 * is not answered by. Undefined for anything else ("не очень", "очень хорошо", "5 👎": no guess).
 */
export function typedScore(
  text: string,
): { score: number; outOf?: 5 | 10; inWords?: true; comment?: string; okay?: true } | undefined {
  // Emoji say how the client feels, not another number: "5 ⭐", "10 🔥", "👍 4"
  const plain = text.replace(EMOJI, (run) => ' '.repeat(run.length))
  // Stars alone are the score out of five, as on every rating site: "⭐⭐⭐⭐⭐"
  if (plain.trim() === '' && !/\d/.test(text)) {
    const stars = text.match(STAR)?.length ?? 0
    const others = text
      .replace(STAR, '')
      .replace(/\u{FE0F}|\u{200D}/gu, '')
      .trim()
    return stars >= 1 && stars <= 5 && others === '' ? { score: stars, outOf: 5 } : undefined
  }
  const typed =
    /^\s*(\d{1,2})\s*(?:(?:\/|из|out\s+of|of)\s*(5|10))?\s*[.!)]*\s*$/iu.exec(plain) ??
    LED_BY_SCORE.exec(plain) ??
    LED_BY_SCALE.exec(plain)
  if (!typed) return wordScore(plain) ?? hedgedScore(plain) ?? wordLedScore(plain, text)
  const score = Number(typed[1])
  // A face that says the opposite ("5 👎", "1 😍"): two answers in one, so no guess; the team reads it
  if ((score >= 4 && SAD.test(text)) || (score <= 2 && GLAD.test(text))) return undefined
  // Stars are out of five, as on every rating site
  const scale = typed[2] ?? (typed.groups?.stars ? '5' : undefined)
  const outOf = scale === undefined ? {} : { outOf: scale === '5' ? (5 as const) : (10 as const) }
  // The words after it as the client wrote them, emoji and all (the plain text keeps their places)
  const start = typed.indices?.groups?.comment?.[0]
  const said = start === undefined ? '' : text.slice(start).trim()
  // A word to whoever reads it says nothing more: "5 stars mate", «5 звёзд, ребята»
  const addressing = words(said)
  const comment =
    addressing.length > 0 && addressing.every((w) => ADDRESSING.test(w)) && !said.includes('?') ? '' : said
  // A question after a bare number ("1. Почему так долго?", "10:30 удобно?") asks something: a
  // person reads it. One after a score on its scale ("2 звезды. Почему никто не перезвонил?") is
  // a rating with a complaint: the rating, its words quoted to the team
  if (comment.includes('?') && scale === undefined) return undefined
  return comment === '' ? { score, ...outOf } : { score, ...outOf, comment }
}

/** Words an opinion is given with, right after its score: "2 tbh, …", "3, если честно, …". */
const OPINION_WORDS = [
  'tbh',
  'honestly',
  'frankly',
  'to\\s+be\\s+honest',
  'imo',
  'imho',
  'i\\s+think',
  'i\\s+guess',
  "i[’']?d\\s+say",
  'если\\s+честно',
  'честно(?:\\s+говоря)?',
  'наверное',
  'наверно',
  'пожалуй',
  'думаю',
  'имхо',
  // Said of the score, as sure of it: "5 конечно", "5 of course"
  'конечно',
  'разумеется',
  'безусловно',
  'of\\s+course',
  'definitely',
].join('|')
/**
 * A score that leads what the client says about it: "2 stars. slow and nobody replied", "5, всё
 * супер", "3 — долго ждали", "4 звезды", "2 tbh, pink still wrong". The number must stand apart —
 * a word for the scale after it, a stop, the words one gives an opinion with ("tbh", "если
 * честно", "конечно": `OPINION_WORDS`), or a thanks or praise right after it ("5 спасибо", "5
 * конечно спасибо вам большое", "4 отлично всё": `PRAISE_WORDS`; they were no score, and a
 * client's thanks opened a request) — for "10 дней жду ответа", "5 минут назад писал" or "2 more
 * questions" is no score; and the words must not begin with another number ("5-10 минут", "4,5",
 * "8-800-…", "10:30", "3, 4 и 5 страниц"). The plain text it reads has every emoji run turned into
 * as many spaces, so the comment's start is the original's.
 */
const LED_BY_SCORE = new RegExp(
  String.raw`^\s*(\d{1,2})\s*(?:(?:\/|из|out\s+of|of)\s*(5|10))?\s*(?:(?:(?<stars>stars?|звезд[аы]?|звёзд[аы]?)|балл(?:а|ов)?|points?)(?=[\s.!,:;)—–-]|$)[\s.!,:;)—–-]*|(?:[.!,:;)—–-]*\s*(?:${OPINION_WORDS})(?=[\s.!,:;)—–-]|$)[\s.!,:;)—–-]*)+|[.!,:;)—–-]+\s*|(?<=\s)(?=${PRAISE_WORDS}(?![\p{L}\p{N}])))(?!\s*\d)(?<comment>.*)$`,
  'disu',
)
/** A score on its scale, words after it: "4/5 норм", "10/10 супер", "2 из 5, долго". */
const LED_BY_SCALE = /^\s*(\d{1,2})\s*(?:\/|из|out\s+of|of)\s*(5|10)\s+(?!\s*\d)(?<comment>\S.*)$/disu

/** Words that address the reader only, after a score. */
const ADDRESSING = /^(mate|guys|folks|lads|bro|buddy|pal|ребята|ребят|друзья|коллеги)$/u

/** Emoji with what joins and colours them (variation selectors, joiners, skin tones). */
const EMOJI = /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D}|\u{20E3})+/gu
const STAR = /⭐|🌟/gu
/** Emoji of a bad and of a good experience: beside a number they must agree with it. */
const SAD = /👎|😡|😠|🤬|😞|😔|😢|😭|☹|🙁|😤|😒|😕|🤮|💩/u

/** `GLAD` and `SAD` as they match every sign in a text. */
const GLAD_SIGNS = new RegExp(GLAD.source, 'gu')
const SAD_SIGNS = new RegExp(SAD.source, 'gu')
/** What only shapes or joins an emoji (spaces, presentation marks, joiners, skin tones). */
const EMOJI_GLUE = /\s|\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]/gu

/**
 * A rating question answered with emoji alone, typed or as a sticker: signs of a good experience
 * only (`GLAD`: ❤️, 😍, 🔥, 👍…) are the top of the 1–5 scale, of a bad one only (`SAD`: 👎, 😡…)
 * its bottom. An emoji has no degrees: it says which side the client is on, so it is read as that
 * side's end, good or low whatever `review_min_rating` says (a 👍 answered with an apology, or a 😡
 * with a review request, would be the bot not listening). Out of five, as stars and marks in words
 * are: no answer to NPS's 0–10, where the number is the answer. Both kinds at once ("👍👎"), another
 * emoji among them ("🤔", "💔") or anything else: undefined.
 */
export function emojiScore(text: string): { score: 1 | 5; outOf: 5 } | undefined {
  const signs = text.replace(EMOJI_GLUE, '')
  if (signs === '') return undefined
  if (signs.replace(GLAD_SIGNS, '') === '') return { score: 5, outOf: 5 }
  if (signs.replace(SAD_SIGNS, '') === '') return { score: 1, outOf: 5 }
  return undefined
}

/**
 * The answer to a rating question (a check-in's, a request's speed or quality) in the client's
 * message: a score typed (`typedScore`), or emoji alone, typed or a sticker's (`emojiScore`). A
 * sticker is read by its emoji's side only: a ⭐ sticker is no "1 star".
 */
export function ratingAnswer(msg: Pick<Message, 'text' | 'sticker'>): ReturnType<typeof typedScore> {
  if (msg.text !== undefined) return typedScore(msg.text) ?? emojiScore(msg.text)
  const emoji = msg.sticker?.emoji
  return emoji === undefined ? undefined : emojiScore(emoji)
}

/** A rating in one word, as a school mark: "отлично" is a five, "плохо" a two. */
const WORD_SCORES = new Map<string, number>([
  ...['отлично', 'превосходно', 'великолепно', 'прекрасно', 'идеально', 'супер'].map((w) => [w, 5] as const),
  ...['excellent', 'perfect', 'great', 'amazing', 'awesome', 'brilliant', 'fantastic', 'lovely'].map(
    (w) => [w, 5] as const,
  ),
  // "Grand" is Ireland's "good", said of what went well ("it was grand, thanks")
  ...['хорошо', 'good', 'grand'].map((w) => [w, 4] as const),
  ...['нормально', 'средне', 'удовлетворительно', 'average'].map((w) => [w, 3] as const),
  ...['плохо', 'bad', 'poor'].map((w) => [w, 2] as const),
  ...['ужасно', 'отвратительно', 'terrible', 'awful', 'horrible'].map((w) => [w, 1] as const),
  // Said of a middling one: "так себе", "meh", "so-so"; "неплохо", "not bad", "pretty good" a four
  ...['так себе', 'meh', 'so so', 'норм'].map((w) => [w, 3] as const),
  ...['неплохо', 'не плохо', 'not bad', 'pretty good', 'quite good'].map((w) => [w, 4] as const),
  // English's middling "it was ok", "fine", as "норм" is Russian's: alone, an okay (`OKAY_FIRST`)
  ...['ok', 'okay', 'fine'].map((w) => [w, 3] as const),
  // Russian's own "ok" in Cyrillic ("всё ок, но долго"), an okay first as the English one is
  ...['ок', 'окей'].map((w) => [w, 3] as const),
])
/**
 * Marks that are an okay before they are a mark: "ok", "fine" alone (or with a thanks) agree to
 * whatever was said, and are a mark only said of how it went ("it was ok", "it's fine") or with
 * what went less well ("ok, but slow": `wordLedScore`).
 */
const OKAY_FIRST = new Set(['ok', 'okay', 'fine', 'ок', 'окей'])
/** The words that say a mark is said of how it went: "it was ok", "it's fine", «было норм». */
const SAID_OF_IT = new Set(['was', 'is', 's', 'было'])
/** Marks said as numbers in words ("четыре", "five"): on no scale of their own. */
const SPOKEN_NUMBERS = new Map<string, number>([
  ...['один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять', 'десять'].map(
    (w, i) => [w, i + 1] as const,
  ),
  ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].map((w, i) => [w, i + 1] as const),
])
/** The school marks' names ("четвёрка", "на пятёрку"): out of five, so no answer to a 0–10 question. */
const SCHOOL_MARKS = new Map<string, number>([
  ...['единица', 'единицу', 'кол'].map((w) => [w, 1] as const),
  ...['двойка', 'двойку', 'двоечка', 'двоечку'].map((w) => [w, 2] as const),
  ...['тройка', 'тройку', 'троечка', 'троечку', 'трояк'].map((w) => [w, 3] as const),
  ...['четверка', 'четверку', 'четверочка', 'четверочку'].map((w) => [w, 4] as const),
  ...['пятерка', 'пятерку', 'пятерочка', 'пятерочку'].map((w) => [w, 5] as const),
])
/** Words a score is hedged or given with: "на 4 наверно", "ну 4", "ставлю 5", "i'd say 4", "maybe 3". */
const HEDGES = new Set([
  ...['на', 'ну', 'наверно', 'наверное', 'пожалуй', 'где', 'то', 'примерно', 'думаю', 'ставлю', 'оценка', 'твердая'],
  ...['maybe', 'probably', 'i', 'd', 'say', 'guess', 'a', 'about', 'like', 'around', 'solid', 'give', 'it'],
])

/**
 * A score with the words people hedge or give it with ("на 4 наверно", "ну 4", "i'd say 4"),
 * or said in a word ("четыре", "пятёрка", "на пятёрку", "five"): the one number there is.
 */
function hedgedScore(text: string): { score: number; outOf?: 5; inWords?: true } | undefined {
  if (text.includes('?') || /[^\p{L}\d\s.,!'’)-]/u.test(text)) return undefined
  const said =
    text
      .toLowerCase()
      .replaceAll('ё', 'е')
      .match(/\p{L}+|\d+/gu) ?? []
  const rest = said.filter((w) => !HEDGES.has(w))
  const [only] = rest
  if (only === undefined || rest.length !== 1) return undefined
  const mark = SCHOOL_MARKS.get(only)
  if (mark !== undefined) return { score: mark, outOf: 5, inWords: true }
  const spoken = SPOKEN_NUMBERS.get(only)
  if (spoken !== undefined) return { score: spoken }
  // A bare number is read before this; here it needs a hedge beside it
  return /^\d{1,2}$/.test(only) && said.length > 1 ? { score: Number(only) } : undefined
}
/** Words around the mark that change nothing ("всё отлично, спасибо", "it was great", "it's fine"). */
const AROUND_WORD_SCORE = new Set([
  'все',
  'было',
  ...THANKS_WORDS,
  'просто',
  'it',
  'was',
  'is',
  's',
  'all',
  'just',
  'thanks',
  'thank',
  'you',
])

function wordScore(text: string): { score: number; outOf: 5; inWords: true } | undefined {
  const said = markWords(text)
  const score = said && markIn(said)
  // A bare "ok" or "fine, thanks" agrees: a mark only said of how it went ("it was ok")
  if (score === undefined || (OKAY_FIRST.has(score.mark) && !said?.some((w) => SAID_OF_IT.has(w)))) return undefined
  return { score: score.score, outOf: 5, inWords: true }
}

/**
 * A mark said in a few words and nothing more ("всё отлично", "it was ok", "so-so", "not bad"), a
 * bare "ok" or "fine" too: the score. What the client says after a score is a remark when it
 * says no more than this (`onlyRemarks`): "3, ok but slow".
 */
export function markInWords(text: string): number | undefined {
  const said = markWords(text)
  return said && markIn(said)?.score
}

/** The words of a mark in words, one of two words merged ("так себе", "not bad"); none with a "?". */
function markWords(text: string): string[] | undefined {
  if (text.includes('?')) return undefined
  return words(text).reduce<string[]>((merged, word) => {
    const pair = `${merged.at(-1)} ${word}`
    if (WORD_SCORES.has(pair)) merged.splice(-1, 1, pair)
    else merged.push(word)
    return merged
  }, [])
}

/** The one mark among `said` (`markWords`), with nothing but words that change nothing around it. */
function markIn(said: readonly string[]): { score: number; mark: string } | undefined {
  const marks = said.filter((w) => WORD_SCORES.has(w))
  const [mark] = marks
  if (mark === undefined || marks.length !== 1 || said.length > 4) return undefined
  // "Ну" before a mark hedges it ("ну так себе"), but before one that is also "okay" it agrees
  // ("ну хорошо": "well, all right")
  const hedged = said[0] === 'ну' && !ALSO_OKAY.has(mark) ? said.slice(1) : said
  if (!hedged.every((w) => w === mark || AROUND_WORD_SCORE.has(w))) return undefined
  return { score: WORD_SCORES.get(mark) as number, mark }
}

/** Marks that also mean "okay" ("хорошо, перезвоните завтра"): a rating only when the words say "but". */
const ALSO_OKAY = new Set(['хорошо', 'нормально', 'good', ...OKAY_FIRST])
/** Words of a contrast: what a mark's "but" says after it ("хорошо, но долго", "ok but slow"). */
export const BUT = new Set(['но', 'однако', 'хотя', 'только', 'but', 'though', 'although', 'however'])
/**
 * A mark that leads what the client says about it, set apart by a stop, an opinion's word
 * ("пятёрка наверно, …": `AFTER_MARK`) or by "but": "плохо —
 * никто не перезвонил", "отлично, всё быстро", "хорошо, но долго ждали", "good but slow", "it was
 * ok, but slow", "not bad, but slow", or a school mark's name ("тройка, долго"). Up to four words that change nothing may come first ("всё
 * было отлично, …"), or hedge it ("ну на четверку, долго ждал", "где-то тройка, …"); after a hedge
 * the mark may be a number too, in figures or in a word ("ну 4, долго ждал": alone in front, a
 * figure is `LED_BY_SCORE`'s), on no scale of its own as `hedgedScore` reads one.
 */
/**
 * `okay`: the mark is also an "okay" ("ok, but call me tomorrow"), a 3 only when the words after
 * it are about how it went — the reader of those words (`onlyRemarks`) is the caller's.
 */
function wordLedScore(
  plain: string,
  text: string,
): { score: number; outOf?: 5; inWords?: true; comment: string; okay?: true } | undefined {
  if (text.includes('?')) return undefined
  const said = [...plain.matchAll(/[\p{L}\d]+/gu)]
  if (said.length === 0 || plain.slice(0, said[0]?.index).trim() !== '') return undefined
  let mark: { score: number; word: string; end: number; named: boolean } | undefined
  let hedged = false
  let agreeing = false
  for (const [at, found] of said.slice(0, MARK_LEADS_AFTER + 1).entries()) {
    // Each word as `hedgedScore` reads it: figures and one-letter words ("i'd say 4") too
    const single = found[0].toLowerCase().replaceAll('ё', 'е')
    // A mark of two words is one ("так себе, долго", "not bad, but slow", "so-so"), the two set
    // apart by a space or a hyphen only ("не, плохо" is a no and a mark)
    const after = said[at + 1]
    const pair =
      after && /^[\s-]+$/u.test(plain.slice(found.index + found[0].length, after.index))
        ? `${single} ${after[0].toLowerCase().replaceAll('ё', 'е')}`
        : undefined
    const word = pair !== undefined && WORD_SCORES.has(pair) ? pair : single
    const last = word === pair && after ? after : found
    const named = WORD_SCORES.get(word) ?? SCHOOL_MARKS.get(word)
    // A number only after a hedge: "три, сайт не работает" counts nothing, "ну 4, долго ждал" is a mark
    const number = hedged
      ? (SPOKEN_NUMBERS.get(word) ?? (/^\d{1,2}$/.test(word) ? Number(word) : undefined))
      : undefined
    const score = named ?? number
    if (score !== undefined) {
      mark = { score, word, end: last.index + last[0].length, named: named !== undefined }
      break
    }
    // "Ну" before a mark that is also "okay" agrees ("ну хорошо, но дорого": "well, all right"), as in `wordScore`
    if (word === 'ну') agreeing = true
    if (HEDGES.has(word)) hedged = true
    else if (!AROUND_WORD_SCORE.has(word)) return undefined
  }
  if (!mark || (agreeing && ALSO_OKAY.has(mark.word))) return undefined
  const between = AFTER_MARK.exec(plain.slice(mark.end))?.[0] ?? ''
  const comment = text.slice(mark.end + between.length).trim()
  const [first] = words(comment)
  // With no stop between them, the mark and the words are one phrase unless the words say "but"
  // ("отлично подошло" is no rating); "хорошо, перезвоните завтра" is an "okay" with a request
  const contrast = first !== undefined && BUT.has(first)
  if (comment === '' || (!contrast && (between.trim() === '' || ALSO_OKAY.has(mark.word)))) return undefined
  // Another number after it is a count, a range or a list ("два, три дня", "4, 5 страниц")
  if (/^\d/.test(comment) || (first !== undefined && SPOKEN_NUMBERS.has(first))) return undefined
  const okay = OKAY_FIRST.has(mark.word) ? ({ okay: true } as const) : {}
  return mark.named
    ? { score: mark.score, outOf: 5, inWords: true, comment, ...okay }
    : { score: mark.score, comment, ...okay }
}
/** The words a leading mark may come after at most ("ну где-то на четверку"). */
const MARK_LEADS_AFTER = 4
/**
 * What sets a mark in a word apart from the words after it: a stop, or the words an opinion is
 * given with ("пятёрка наверно, мария хорошая…", "отлично конечно, спасибо"), as they set a
 * figure apart (`LED_BY_SCORE`: "5 наверно, …" was a rating, "пятёрка наверно, …" a new request).
 */
const AFTER_MARK = new RegExp(String.raw`^(?:[\s.!,:;—–-]*(?:${OPINION_WORDS})(?=[\s.!,:;)—–-]|$))*[\s.!,:;—–-]*`, 'iu')

/**
 * What the client hears for a message that is no answer (`text`): with a photo, a document or a
 * voice message, first that it is kept for the manager — no answer, but not lost.
 */
export function noAnswerText(t: Translate, message: Message, text: string): string {
  // Named as what it is: a photo is no "file" to the one who sent it
  const kind = describeMessage(message)?.type
  return kind !== undefined && isClientFile(message) ? `${t('question-file-kept', { kind })} ${text}` : text
}

/** A retry message for a typed answer that did not pass: what is wrong and what is expected. */
export async function problemText(
  ctx: BaseContext,
  q: QuestionSnapshot,
  problem: AnswerProblem | { code: 'text-only' } | { code: 'contact' } | { code: 'own-contact' },
): Promise<string> {
  const locale = await ctx.i18n.getLocale()
  let text: string
  switch (problem.code) {
    case 'too-short':
      text = ctx.t('answer-too-short', { min: problem.min })
      break
    case 'too-long':
      text = ctx.t('answer-too-long', { max: problem.max })
      break
    case 'out-of-range':
      if (problem.min !== undefined && problem.max !== undefined) {
        text = ctx.t('answer-out-of-range', { min: problem.min, max: problem.max })
      } else if (problem.min !== undefined) text = ctx.t('answer-too-small', { min: problem.min })
      else text = ctx.t('answer-too-big', { max: problem.max ?? 0 })
      break
    case 'ambiguous-number':
      text = ctx.t('answer-ambiguous-number', { thousands: problem.thousands, decimal: problem.decimal })
      break
    case 'ambiguous-date': {
      // Each reading as the answer would read back, and as the client can type it without doubt
      const read = (date: string) => describeAnswer(q, date, locale) ?? date
      const typed = (date: string) => date.split('-').reverse().join('.')
      const [first, second] = [problem.dayFirst, problem.monthFirst]
      text = ctx.t('answer-ambiguous-date', {
        first: read(first),
        second: read(second),
        firstTyped: typed(first),
        secondTyped: typed(second),
      })
      break
    }
    case 'own-contact':
      // The owner's own chats (Telegram Business) show no share button: the number is typed there
      text = ctx.t(replyKeyboardsAllowed(ctx) ? 'answer-own-contact' : 'answer-own-contact-typed')
      break
    default:
      text = ctx.t(`answer-${problem.code}`)
  }
  const hint = q.hint ? pickText(q.hint, locale) : defaultHint(ctx, q, locale)
  return hint ? `${text}\n${ctx.t('answer-hint', { hint })}` : text
}

/** A birthday's date is asked with its year (parseDate): its examples show one. */
const birthdayOf = (q: QuestionSnapshot) => (isBirthdayQuestion(q) ? 'yes' : 'no')

/** The number a phone question's hint shows the client: of their own country once their zone names one (`phoneExample`). */
function clientPhoneExample(ctx: BaseContext, locale: string): string {
  return phoneExample(locale, { zone: ctx.client?.timezone, neutral: ctx.t('phone-example-any') })
}

function defaultHint(ctx: BaseContext, q: QuestionSnapshot, locale: string): string | undefined {
  switch (q.type) {
    case 'phone':
      return ctx.t('answer-hint-phone', { example: clientPhoneExample(ctx, locale) })
    case 'email':
      return ctx.t('answer-hint-email')
    case 'date':
      return ctx.t('answer-hint-date', { birthday: birthdayOf(q) })
    case 'number':
      return ctx.t('answer-hint-number', { example: String(numberExample(q.validation?.min, q.validation?.max)) })
    default:
      return undefined
  }
}

/**
 * The example of a number answer: a budget-like 150000, or a number the question's limits take,
 * round where it can be ("from 1 to 40": 20; "at least 1000": 1000).
 */
export function numberExample(min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): number {
  const usual = 150_000
  if (usual >= min && usual <= max) return usual
  if (!Number.isFinite(min)) return max
  if (!Number.isFinite(max)) return min
  const middle = (min + max) / 2
  const step = 10 ** Math.floor(Math.log10(Math.max(1, Math.abs(middle))))
  const within = (n: number) => n >= min && n <= max
  return [Math.round(middle / step) * step, Math.round(middle)].find(within) ?? min
}

/** After several failed tries: a person can help, and an optional question can be skipped. */
export function helpKeyboard(ctx: BaseContext, q: QuestionSnapshot): InlineKeyboard {
  const keyboard = new InlineKeyboard().text(ctx.t('question-ask-manager-button'), menuCallback.pack('manager'))
  if (!q.required)
    keyboard.text(ctx.t('question-skip-button'), questionCallbacks[q.flow].pack(q.key, q.fingerprint, 's', 0))
  return keyboard
}
