import type { Message, MessageEntity } from 'grammy/types'
import type { MessageEntry } from '../../services/handoff/index.ts'
import { clip, folded, keepLast, leadParagraph, withoutKisses } from '../../text.ts'
import {
  MORE_THAN_PRAISE,
  PRAISE,
  PRAISED_THING,
  SAYING_PRAISE,
  THANKS_SAID_WITH,
  THANKS_WORDS,
  withoutThankedNames,
} from '../praise.ts'

/**
 * Internal notes start with "//" in a topic and never reach the client — or with two backslashes, the same
 * two keys typed without Shift on a Russian layout: that slip went to the client as an answer.
 */
const NOTE_PREFIX = /^(?:\/\/|\\\\)/

/** A note's words, when `text` is one ("" for the sign alone); undefined for anything else. */
export function noteIn(text: string): string | undefined {
  const sign = NOTE_PREFIX.exec(text)
  return sign ? text.slice(sign[0].length).trim() : undefined
}

/** A person's name as their Telegram profile gives it: "Мария Иванова". */
export function personName(user: { first_name: string; last_name?: string | undefined }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ')
}

/** Service messages of a private chat: what Telegram says happened there, nothing the client wrote. */
const SERVICE_FIELDS = ['pinned_message', 'write_access_allowed', 'users_shared', 'chat_shared', 'successful_payment']

/**
 * A service message of a private chat (a pin, a payment): not kept in the transcript, not relayed,
 * and no sign of which chat the client talks in (services/business.ts, `route`).
 */
export function isServiceMessage(msg: Message): boolean {
  // The fields first: every message the client sends asks this
  return SERVICE_FIELDS.some((field) => field in msg) && describeMessage(msg) === undefined
}

/**
 * What the transcript keeps of a Telegram message, or undefined for what
 * cannot be relayed (service messages: pins, topic events, members joining).
 * Order matters: an animation also carries a `document`, a venue a `location`.
 */
export function describeMessage(msg: Message): MessageEntry | undefined {
  const caption = msg.caption ?? null
  const mediaGroupId = msg.media_group_id ?? null
  const captionEntities = msg.caption_entities?.length ? { entities: msg.caption_entities } : {}
  const media = (type: string, fileId: string | undefined): MessageEntry => ({
    type,
    text: caption,
    fileId: fileId ?? null,
    mediaGroupId,
    ...captionEntities,
  })
  if (msg.text !== undefined) {
    return { type: 'text', text: msg.text, fileId: null, ...(msg.entities?.length ? { entities: msg.entities } : {}) }
  }
  if (msg.photo) return media('photo', msg.photo.at(-1)?.file_id)
  if (msg.animation) return media('animation', msg.animation.file_id)
  if (msg.document) return media('document', msg.document.file_id)
  if (msg.video) return media('video', msg.video.file_id)
  if (msg.video_note) return media('video_note', msg.video_note.file_id)
  if (msg.voice) return media('voice', msg.voice.file_id)
  if (msg.audio) return media('audio', msg.audio.file_id)
  if (msg.sticker) return { type: 'sticker', text: msg.sticker.emoji ?? null, fileId: msg.sticker.file_id }
  if (msg.venue) {
    return { type: 'venue', text: `${msg.venue.title}, ${msg.venue.address}`, fileId: null }
  }
  if (msg.location) {
    return { type: 'location', text: `${msg.location.latitude}, ${msg.location.longitude}`, fileId: null }
  }
  if (msg.contact) {
    const c = msg.contact
    const name = personName(c)
    return { type: 'contact', text: `${name} ${c.phone_number}`.trim(), fileId: null }
  }
  if (msg.poll) return { type: 'poll', text: msg.poll.question, fileId: null }
  if (msg.dice) return { type: 'dice', text: `${msg.dice.emoji} ${msg.dice.value}`, fileId: null }
  if (msg.invoice) return { type: 'invoice', text: `${msg.invoice.title}\n${msg.invoice.description}`, fileId: null }
  return undefined
}

const CLIENT_FILE_TYPES = new Set(['photo', 'document', 'video', 'video_note', 'voice', 'audio'])

/**
 * A file a manager opens (a photo, a document, a video, a voice or audio message, a round
 * video): kept in the client's history, it follows into their topic with the handoff. Not a
 * sticker or a GIF, which say nothing a manager needs (a GIF also carries a `document`).
 */
export function isClientFile(msg: Message): boolean {
  const type = describeMessage(msg)?.type
  return type !== undefined && CLIENT_FILE_TYPES.has(type)
}

/**
 * Whose words a message the client forwarded are ("Ольга Петрова", "Channel (Author)"),
 * or undefined for their own message. Its copy would show them as the client's.
 */
export function forwardedFrom(msg: Pick<Message, 'forward_origin'>): string | undefined {
  const origin = msg.forward_origin
  if (!origin) return undefined
  const signed = (name: string, signature?: string) => (signature ? `${name} (${signature})` : name)
  switch (origin.type) {
    case 'user':
      return personName(origin.sender_user)
    case 'hidden_user':
      return origin.sender_user_name
    case 'chat':
      return signed(origin.sender_chat.title ?? '', origin.author_signature)
    case 'channel':
      return signed(origin.chat.title ?? '', origin.author_signature)
  }
}

/** The words that thank, of those below: a message of thanks gets a "you're welcome" (isThanks). */
const THANKING = new Set(THANKS_WORDS)

/**
 * Words that only acknowledge, in the languages the bot speaks: "спасибо", "ок, понял",
 * "perfect". Lowercase, "ё" read as "е". No "да" or "yes": it may answer the manager's last
 * question ("Могу ещё чем-то помочь?"), and "нет" would not be swallowed either. English
 * thanks are set phrases (SET_PHRASES), not words here.
 */
const ACKNOWLEDGING = new Set([
  ...THANKING,
  // «спасибо большое», «рахмет сізге», «көп рахмет»
  ...THANKS_SAID_WITH,
  ...[
    'ок окей хорошо понял поняла понятно ясно отлично',
    'супер класс договорились принято всего доброго',
    // "спасибо, хорошего дня", "до связи", "ок, до встречи": a goodbye, as "have a nice day" is in English
    'хорошего дня вечера до связи встречи увидимся удачи',
    // "ок, жду", "буду ждать": waiting for what was promised (a call, the work), nothing asked
    'жду ждем ждать буду',
    // "k thx 👍": the "k" of a quick okay on a phone
    'ok okay k kk great cool fine perfect super good nice awesome excellent wonderful lovely alright understood noted',
    'bye goodbye',
    // Ukrainian, as a client from Kyiv writes: "дуже дякую, все зрозуміло", "добре"
    'дуже все добре зрозумів зрозуміла зрозуміло чудово',
    // "а, точно", "ah ok got it", "oh right": the penny drops, nothing asked
    'а ах ой упс точно ah oh oops right',
    // An apology, as a thanks, owes nothing: "извините", "sorry, my bad" (SET_PHRASES has the longer ones)
    'извините извиняюсь простите пардон сорри вибачте sorry apologies',
  ]
    .join(' ')
    .split(' '),
])

/**
 * What a thanks is said for, in both languages alike (THANKED_FOR, RUSSIAN_THANKS): the help,
 * the answer, the work, the call, the information, the consultation, the time, the patience, the
 * understanding, how quick it was — "thank you for understanding", «спасибо за понимание».
 */
const THANKED_FOR = [
  'help|reply|replies|answer|answers|work|call|info|information|consultation|time|patience|understanding',
  '|quick (?:reply|response)',
].join('')
/**
 * English thanks and agreement that take several words: "thank you so much", "thanks a lot",
 * "many thanks", "got it". Each counts as one acknowledging word. Their parts are not words of
 * thanks alone: "so much", "a lot of questions", "you", "help" said without the thanks are
 * for the team. Matched on the message's words joined by single spaces.
 */
const ENGLISH_THANKS = [
  // ("ta": British thanks, "all good ta x")
  '(?:(?:many|big|huge) )?(?:thanks|thank you|thank u|thankyou|thanx|thx|ty|tysm|cheers|ta)',
  // "… so much", "… very much", "… a lot", "… again", "… for your help", "… for understanding", "… for everything"
  '(?: (?:(?:so|very) )*much| a (?:lot|bunch|million|ton)| again',
  `| for (?:(?:the|your|all the|all your) )?(?:${THANKED_FOR})| for everything)*`,
].join('')
const AGREEMENT = [
  'got it|all right|all good|will do|makes sense|have a (?:nice|good|great) day|see you(?: (?:soon|then|later|tomorrow))?',
  // What was asked taken back: "nevermind", "never mind", "sorry, ignore that", «забейте», «неважно»,
  // «уже не надо» — nothing is owed to it, as to a thanks (a reminder of the client's wait for
  // days after a "nevermind" told the owner of a wait nobody had)
  '|never ?mind|nvm|(?:sorry )?(?:ignore|disregard) (?:that|this|it|me|my (?:last )?message)',
  '|забейте|забей|неважно|не важно|уже не (?:надо|нужно|актуально)|(?:уже )?неактуально',
  // A mistake owned up to, in the words it takes: "my bad", "wrong chat", «прошу прощения», «не туда
  // написала», «это не вы были», «ошиблась чатом» — a client who wrote to the wrong business
  // apologising after /close force opened a new request with an answer time
  '|my (?:bad|mistake)|(?:sent (?:it |this )?to (?:the )?)?wrong (?:chat|person|number|bot|account|studio|business)',
  '|прошу прощения|моя ошибка|(?:я )?(?:ошибся|ошиблась|ошиблись|перепутал|перепутала|перепутали)',
  '(?: (?:чатом|номером|адресом|студией|чат|номер|адрес|студию))?',
  '|(?:это )?не (?:вы|вам|туда|тому|те|тот|та)(?: (?:был|была|были|было|написал|написала|написали|пишу))?',
  // "that's great", "sounds good", "very nice"
  "|(?:that's|thats|that is|it's|its|it is|looks|sounds|very|really|so)",
  ' (?:ok|okay|good|great|fine|perfect|cool|nice|awesome|excellent)',
].join('')
/**
 * A Russian thanks said for what it thanks: "спасибо за звонок", "спасибо большое за помощь",
 * "благодарю за консультацию", «спасибо за ваше время», «рахмет за помощь» — as "thanks for your help" in English
 * (THANKED_FOR). What follows it still counts: "спасибо за консультацию, хочу заказать" is for the team.
 */
const RUSSIAN_THANKS = [
  `(?:${THANKS_WORDS.join('|')})(?: (?:большое|огромное))?(?: (?:вам|вас))? за`,
  '(?: (?:ваш|ваше|вашу|ваши|уделенное))?',
  ' (?:звонок|помощь|ответ|ответы|работу|консультацию|информацию|инфу|время|терпение|понимание|оперативность|все)',
].join('')
// The thanks captured: only they make a message a thanks
const SET_PHRASES = new RegExp(`(?<=^| )(?:(${ENGLISH_THANKS}|${RUSSIAN_THANKS})|${AGREEMENT})(?= |$)`, 'g')

/** What an English phrase becomes among the words: acknowledging, and never a word (those are letters). */
const PHRASE = '+'
const THANKS_PHRASE = '++'

/** Emoji that thank or agree (with their skin tones and presentation marks); 👎 or 😡 are no thanks. */
const THANKING_EMOJI = /(?:👍|🙏|👌|🤝|👏|✅|❤|♥|💯|🔥|😊|🙂|☺|😀|😃|😄|😉|🥰|😍)[\u{1F3FB}-\u{1F3FF}\uFE0F]*/gu

/**
 * Whether a message only acknowledges: thanking emoji alone (👍, 🙏) or as a sticker, or a few words
 * of thanks and agreement, a name it thanks aside (`withoutThankedNames`). Written after a closed request it is no new question (see
 * thanksForClosedRequest). Anything
 * else in it — a question mark, another emoji, another word — makes it a message for the team.
 */
export function isAcknowledgement(msg: Pick<Message, 'text' | 'sticker'>): boolean {
  // A sticker by the emoji it stands for: a 👍 sticker thanks, a 😡 one does not
  if (msg.sticker) return msg.sticker.emoji !== undefined && isAcknowledgement({ text: msg.sticker.emoji })
  return msg.text !== undefined && acknowledgingUnits(msg.text) !== undefined
}

/**
 * Whether a typed message is a thanks and nothing more: an acknowledgement (isAcknowledgement)
 * with a word or phrase of thanks in it — "Спасибо!", "спасибо, понятно", "Thank you so much!".
 * A bare "ок" or 👍 agrees rather than thanks; "спасибо, а сколько стоит…" is a question.
 */
export function isThanks(msg: Pick<Message, 'text'>): boolean {
  const units = msg.text === undefined ? undefined : acknowledgingUnits(msg.text)
  return units?.some((unit) => unit === THANKS_PHRASE || THANKING.has(unit)) ?? false
}

/**
 * The words of a text that only acknowledges, an English set phrase as one unit (PHRASE, or
 * THANKS_PHRASE for a thanks); undefined when anything in it is more than that. The last text's
 * kept (`keepLast`): a relayed message is asked whether it is a thanks at each of its turns.
 */
const acknowledgingUnits = keepLast(unitsOfAcknowledging)
function unitsOfAcknowledging(typed: string): string[] | undefined {
  // The typographic apostrophe phones put in "That’s great" is the typed one
  // A name the thanks is said to («Спасибо, Светлана!», "Thanks Anna!") is no more said
  const text = folded(withoutThankedNames(typed)).replaceAll('’', "'")
  const rest = text.replace(THANKING_EMOJI, ' ')
  // Letters, digits, spaces and plain punctuation only: "?", "❓", "👎" are for the team
  if (!/^[\p{L}\p{N}\s.,!)('-]*$/u.test(rest)) return undefined
  // An apostrophe inside a word keeps it whole ("that's"); around one it quotes
  const words = rest
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter(Boolean)
  // Something was said ("...", "!!!" alone say nothing), and all of it acknowledges
  const said = words.length > 0 || rest !== text
  // A few words, a set phrase counting as one: "Thank you so much for your help!" is short
  // A kiss signing it off ("thanks x") is no more said
  const units =
    words.length > 0
      ? withoutKisses(words)
          .join(' ')
          .replace(SET_PHRASES, (_, thanks?: string) => (thanks === undefined ? PHRASE : THANKS_PHRASE))
          .split(' ')
      : []
  const acknowledging = units.every((unit) => unit === PHRASE || unit === THANKS_PHRASE || ACKNOWLEDGING.has(unit))
  if (said && units.length <= 5 && acknowledging) return units
  return thanksWithPraise(units) ? units : undefined
}

/**
 * A thanks with praise of what was done ("thank you so much, nails look amazing 😍", "спасибо
 * большое, ногти просто шикарные") is a thanks too: at night it had been promised a manager's
 * answer, and chased the team for a week. Its words are all of a thanks, of praise (`PRAISE`), of
 * saying it ("look", "просто") or of what it praises (`PRAISED_THING`): a word of anything else —
 * "болит палец", "call me", "delete my data", a "but" or a "не" — makes it the team's to read.
 */
function thanksWithPraise(units: readonly string[]): boolean {
  if (units.length > 12 || !units.some((unit) => unit === THANKS_PHRASE || THANKING.has(unit))) return false
  if (
    !units.some((unit) => PRAISE.test(unit) && !THANKING.has(unit)) ||
    units.some((unit) => MORE_THAN_PRAISE.test(unit))
  )
    return false
  return units.every(
    (unit) =>
      unit === PHRASE ||
      unit === THANKS_PHRASE ||
      ACKNOWLEDGING.has(unit) ||
      PRAISE.test(unit) ||
      SAYING_PRAISE.has(unit) ||
      PRAISED_THING.test(unit),
  )
}

/** Media that can carry a caption: their fields in a Message, and their types in the transcript. */
export const CAPTIONED = ['photo', 'video', 'document', 'audio', 'animation', 'voice'] as const

/** The new text of an edited message, and whether it is a caption; undefined for edits we cannot mirror. */
export function describeEdit(msg: Message): { text: string; entities?: MessageEntity[]; caption: boolean } | undefined {
  if (msg.text !== undefined) return { text: msg.text, entities: msg.entities, caption: false }
  // A caption removed in the edit is simply absent from it: the copy's caption goes too
  if (msg.caption !== undefined || CAPTIONED.some((field) => msg[field] !== undefined)) {
    return { text: msg.caption ?? '', entities: msg.caption_entities, caption: true }
  }
  return undefined
}

/** The chat a message is in, for the transcript: the bot's own (null), or an owner's Business chat. */
export function chatOf(msg: Pick<Message, 'business_connection_id'>): string | null {
  return msg.business_connection_id ?? null
}

/**
 * The id of the message this one really replies to, or undefined. In forum
 * topics every message "replies" to the topic's creation message,
 * which is not a reply.
 */
export function realReplyTo(msg: Message): number | undefined {
  const reply = msg.reply_to_message
  if (!reply) return undefined
  if (reply.forum_topic_created || (msg.is_topic_message && reply.message_id === msg.message_thread_id)) {
    return undefined
  }
  return reply.message_id
}

/**
 * A few words of the message a client answered with Telegram's "Reply" in the bot's own chat
 * (a broadcast's offer, a booking's confirmation), as Telegram includes it; undefined for no
 * reply, or one in an owner's Business chat. Whose message it was, the transcript says.
 */
export function repliedWords(msg: Message, max = 100): { messageId: number; words: string } | undefined {
  const reply = msg.reply_to_message
  if (!reply || chatOf(msg) !== null || realReplyTo(msg) === undefined) return undefined
  return { messageId: reply.message_id, words: clip(leadParagraph(reply.text ?? reply.caption ?? ''), max) }
}

/**
 * A "спасибо" or a 👍 after the team closed the client's request: no new question, so it
 * opens no request and starts no answer clock; it stays in the transcript. The one rule
 * for the bot's chat (src/bot/features/handoff-relay.ts) and an owner's Business chat
 * (src/bot/features/business.ts). Asked only when no request is open.
 */
export function thanksForClosedRequest(
  handoff: { wasClosed(clientId: number): boolean },
  clientId: number,
  msg: Pick<Message, 'text' | 'sticker'>,
): boolean {
  return isAcknowledgement(msg) && handoff.wasClosed(clientId)
}
