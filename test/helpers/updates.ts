/**
 * Builders for the updates Telegram would send. Message ids come from the fake
 * API's per-chat counter, so the user's and the bot's messages interleave as in
 * a real chat.
 */
import type { Message, MessageEntity, MessageOrigin, Update, User } from 'grammy/types'
import type { Charge, InvoiceRecord } from '../../src/sandbox/telegram/payments.ts'
import { BOT_ID, type FakeTelegram, newestWithButton } from './fake-telegram.ts'

export interface TestUser extends User {}

export interface MessageOptions {
  /** defaults to the user's private chat */
  chatId?: number
  threadId?: number
  replyTo?: number
  /** The author of the message replied to (Telegram includes it) */
  replyFrom?: User
  /** The part of the replied message that was quoted (Telegram's `quote`) */
  quote?: string
  mediaGroupId?: string
}

/** The bot_command entity Telegram marks a leading /command with. */
function commandEntities(text: string): { entities?: MessageEntity[] } {
  const command = /^\/[a-zA-Z0-9_]+(@\w+)?/.exec(text)
  return command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}
}

export class UpdateFactory {
  private updateId = 1
  private topicChangesSeen = 0

  constructor(
    private readonly fake: FakeTelegram,
    private readonly staffGroupId: number,
  ) {}

  user(id: number, extra: Partial<User> = {}): TestUser {
    return { id, is_bot: false, first_name: `User${id}`, language_code: 'ru', ...extra }
  }

  /** A text message; a leading /command gets its bot_command entity. */
  text(from: User, text: string, opts: MessageOptions = {}): Update {
    return this.message(from, { text, ...commandEntities(text) }, opts)
  }

  /** A text `from` forwards to their private chat with the bot, first written by `author`. */
  forwarded(from: User, text: string, author: User): Update {
    const origin: MessageOrigin = { type: 'user', date: 0, sender_user: author }
    return this.message(from, { text, forward_origin: origin }, {})
  }

  /** Telegram's service message when `from` pins a message (`messageId`) in their chat with the bot. */
  pinned(from: User, messageId: number): Update {
    const pinned = {
      message_id: messageId,
      date: 0,
      chat: { id: from.id, type: 'private', first_name: from.first_name },
    }
    return this.message(from, { pinned_message: pinned }, {})
  }

  /** A text message from a staff member inside a client's topic. */
  staffText(
    from: User,
    threadId: number,
    text: string,
    opts: Omit<MessageOptions, 'chatId' | 'threadId'> = {},
  ): Update {
    return this.text(from, text, { ...opts, chatId: this.staffGroupId, threadId })
  }

  /**
   * An admin closes (or reopens) a client's topic by hand in the Telegram app: the topic's
   * state changes and the bot gets the service message.
   */
  topicClosedByHand(from: User, threadId: number, closed: boolean): Update {
    const topic = this.fake.topics.get(threadId)
    if (topic) topic.closed = closed
    const service = closed ? { forum_topic_closed: {} } : { forum_topic_reopened: {} }
    return this.message(from, service, { chatId: this.staffGroupId, threadId })
  }

  /**
   * What Telegram sends the bot about its own changes to topics since the last call (a topic
   * created, renamed, closed, reopened: the emulator queues them, as Telegram does), to deliver.
   */
  ownTopicChanges(): Update[] {
    const fresh = this.fake.emulator
      .pending()
      .filter((u) => u.update_id > this.topicChangesSeen && u.message?.from?.id === BOT_ID)
    this.topicChangesSeen = fresh.at(-1)?.update_id ?? this.topicChangesSeen
    return fresh.map(({ message }) => ({ update_id: this.updateId++, message }) as Update)
  }

  photo(from: User, opts: MessageOptions & { caption?: string } = {}): Update {
    const { caption, ...rest } = opts
    return this.message(
      from,
      {
        photo: [{ file_id: `photo-${this.updateId}`, file_unique_id: `p${this.updateId}`, width: 800, height: 600 }],
        ...(caption ? { caption } : {}),
      },
      rest,
    )
  }

  sticker(from: User, opts: MessageOptions & { emoji?: string } = {}): Update {
    const { emoji, ...rest } = opts
    return this.message(
      from,
      {
        sticker: {
          file_id: `sticker-${this.updateId}`,
          file_unique_id: `s${this.updateId}`,
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
          ...(emoji ? { emoji } : {}),
        },
      },
      rest,
    )
  }

  /** A GIF, as Telegram sends one: an `animation`, and a `document` beside it for older apps. */
  animation(from: User, opts: MessageOptions = {}): Update {
    const file = { file_id: `gif-${this.updateId}`, file_unique_id: `g${this.updateId}` }
    return this.message(
      from,
      {
        animation: { ...file, width: 320, height: 240, duration: 2, file_name: 'funny.gif.mp4' },
        document: { ...file, file_name: 'funny.gif.mp4', mime_type: 'video/mp4' },
      },
      opts,
    )
  }

  voice(from: User, opts: MessageOptions = {}): Update {
    return this.message(
      from,
      { voice: { file_id: `voice-${this.updateId}`, file_unique_id: `v${this.updateId}`, duration: 3 } },
      opts,
    )
  }

  document(from: User, opts: MessageOptions & { fileName?: string; caption?: string } = {}): Update {
    const { fileName, caption, ...rest } = opts
    return this.message(
      from,
      {
        document: {
          file_id: `doc-${this.updateId}`,
          file_unique_id: `d${this.updateId}`,
          file_name: fileName ?? 'file.txt',
        },
        ...(caption ? { caption } : {}),
      },
      rest,
    )
  }

  video(from: User, opts: MessageOptions & { caption?: string } = {}): Update {
    const { caption, ...rest } = opts
    return this.message(
      from,
      {
        video: {
          file_id: `video-${this.updateId}`,
          file_unique_id: `vd${this.updateId}`,
          width: 640,
          height: 360,
          duration: 5,
        },
        ...(caption ? { caption } : {}),
      },
      rest,
    )
  }

  videoNote(from: User, opts: MessageOptions = {}): Update {
    return this.message(
      from,
      {
        video_note: {
          file_id: `vnote-${this.updateId}`,
          file_unique_id: `vn${this.updateId}`,
          length: 240,
          duration: 4,
        },
      },
      opts,
    )
  }

  audio(from: User, opts: MessageOptions = {}): Update {
    return this.message(
      from,
      {
        audio: { file_id: `audio-${this.updateId}`, file_unique_id: `a${this.updateId}`, duration: 120, title: 'Demo' },
      },
      opts,
    )
  }

  /** A shared contact; `own` makes it the sender's own number (Telegram's contact button). */
  contact(from: User, phone: string, own = true, opts: MessageOptions = {}): Update {
    return this.message(
      from,
      { contact: { phone_number: phone, first_name: from.first_name, ...(own ? { user_id: from.id } : {}) } },
      opts,
    )
  }

  location(from: User, opts: MessageOptions = {}): Update {
    return this.message(from, { location: { latitude: 55.75, longitude: 37.62 } }, opts)
  }

  /**
   * A button press on a message the bot sent (by default its newest one with that button); with
   * `businessConnectionId`, on a message it sent for a business account. The message's text is
   * "…" unless `shown`: then the text the chat shows now (after the bot's edits), with its entities, as
   * Telegram sends it.
   */
  callback(
    from: User,
    data: string,
    opts: {
      chatId?: number
      messageId?: number
      threadId?: number
      businessConnectionId?: string
      shown?: boolean
    } = {},
  ): Update {
    const chatId = opts.chatId ?? from.id
    const connectionId = opts.businessConnectionId
    // A press in a business account's chat is on a message of that chat (the same id as the bot's
    // chat, but another chat): its keyboard, as Telegram sends it, comes from there
    const business = connectionId === undefined ? undefined : this.fake.business.chat(connectionId, chatId)
    const messageId =
      opts.messageId ??
      (business ? newestWithButton(business.messages.values(), data) : this.fake.messageWithButton(chatId, data)) ??
      1
    const stored = business ? business.messages.get(messageId) : undefined
    const keyboard = business
      ? stored?.fromBot && !stored.deleted
        ? stored.message.reply_markup
        : undefined
      : this.fake.keyboardOf(chatId, messageId)
    // When the message was sent, as Telegram says it; 0 for one the fake never sent (as for a
    // message Telegram no longer shows the bot)
    const sent = business ? stored : this.fake.emulator.chats.get(chatId)?.messages.get(messageId)
    const date = sent?.fromBot ? sent.message.date : 0
    const update: Update = {
      update_id: this.updateId++,
      callback_query: {
        id: `cq-${this.updateId}`,
        from,
        chat_instance: `ci-${chatId}`,
        data,
        message: {
          message_id: messageId,
          date,
          chat: this.chat(chatId, from),
          ...(opts.threadId !== undefined ? { message_thread_id: opts.threadId, is_topic_message: true } : {}),
          ...(opts.businessConnectionId !== undefined ? { business_connection_id: opts.businessConnectionId } : {}),
          text: (opts.shown && sent?.fromBot && sent.message.text) || '…',
          // With its formatting, as Telegram sends the text of a pressed message
          ...(opts.shown && sent?.fromBot && sent.message.entities ? { entities: sent.message.entities } : {}),
          ...(keyboard ? { reply_markup: keyboard } : {}),
        } as Message,
      },
    }
    this.fake.learn(update)
    return update
  }

  edited(from: User, messageId: number, text: string, opts: MessageOptions = {}): Update {
    const chatId = opts.chatId ?? from.id
    return this.learned({
      update_id: this.updateId++,
      edited_message: {
        message_id: messageId,
        date: 0,
        edit_date: 1,
        chat: this.chat(chatId, from),
        from,
        text,
        ...(opts.threadId !== undefined ? { message_thread_id: opts.threadId, is_topic_message: true } : {}),
      } as Update['edited_message'],
    })
  }

  /** The edit Telegram sends when the caption of a sent message changes; removed, it is simply absent. */
  captionEdited(sent: Update, caption?: string): Update {
    const { caption: _old, caption_entities: _entities, ...rest } = sent.message as Message
    return this.learned({
      update_id: this.updateId++,
      edited_message: {
        ...rest,
        edit_date: 1,
        ...(caption === undefined ? {} : { caption }),
      } as Update['edited_message'],
    })
  }

  /**
   * The user pressed Pay on an invoice and confirmed: Telegram asks the bot whether to go
   * ahead. `changes` forge what Telegram would report (another amount, currency, payload).
   */
  preCheckout(
    from: User,
    invoice: Pick<InvoiceRecord, 'currency' | 'totalAmount' | 'payload'>,
    changes: { currency?: string; totalAmount?: number; payload?: string } = {},
  ): Update {
    const checkout = this.fake.payments.openCheckout(from.id, invoice)
    return {
      update_id: this.updateId++,
      pre_checkout_query: {
        id: checkout.id,
        from,
        currency: changes.currency ?? invoice.currency,
        total_amount: changes.totalAmount ?? invoice.totalAmount,
        invoice_payload: changes.payload ?? invoice.payload,
      },
    }
  }

  /**
   * Telegram's service message after the money moved for the user's latest checkout of
   * this invoice (the bot must have accepted it). Pass `charge` to deliver the same payment again.
   */
  successfulPayment(from: User, invoice: Pick<InvoiceRecord, 'currency' | 'totalAmount' | 'payload'>, charge?: Charge) {
    const checkout = () => {
      const opened = [...this.fake.payments.checkouts.values()]
        .filter((c) => c.userId === from.id && c.invoice.payload === invoice.payload)
        .at(-1)
      if (!opened) throw new Error(`user ${from.id} opened no checkout of ${invoice.payload}`)
      return opened
    }
    const paid = charge ?? this.fake.payments.charge(checkout())
    const update = this.message(from, this.fake.payments.successfulPayment(paid), {})
    return { update, charge: paid }
  }

  /** Telegram's service message after a payment was refunded. */
  refundedPayment(from: User, charge: Charge): Update {
    return this.message(
      from,
      {
        refunded_payment: {
          currency: 'XTR',
          total_amount: charge.totalAmount,
          invoice_payload: charge.payload,
          telegram_payment_charge_id: charge.telegramChargeId,
        },
      },
      {},
    )
  }

  /** The account connects the bot in Telegram Business (or changes, or ends, the connection). */
  businessConnection(account: User, options: Parameters<FakeTelegram['business']['connect']>[1] = {}): Update {
    return { update_id: this.updateId++, business_connection: this.fake.business.connect(account, options) }
  }

  /**
   * A message in a business account's chat with a client (`chatId`, the client's id): from
   * the client, or from the account itself (the owner typing on their phone).
   */
  businessMessage(
    from: User,
    connectionId: string,
    chatId: number,
    content: string | Record<string, unknown>,
    { edited }: { edited?: number } = {},
  ): Update {
    const connection = this.fake.business.connections.get(connectionId)
    if (!connection) throw new Error(`no business connection ${connectionId}`)
    const client = from.id === connection.account.id ? undefined : from
    if (client && !edited) this.fake.business.noteIncoming(connectionId, chatId)
    const message = {
      message_id: edited ?? this.fake.emulator.nextMessageId(this.fake.business.chat(connectionId, chatId)),
      date: Math.floor(Date.now() / 1000),
      business_connection_id: connectionId,
      chat: { id: chatId, type: 'private', first_name: client?.first_name ?? 'Client' },
      from,
      ...(typeof content === 'string' ? { text: content, ...commandEntities(content) } : content),
      ...(edited !== undefined ? { edit_date: Math.floor(Date.now() / 1000) } : {}),
    } as unknown as NonNullable<Update['business_message']>
    return edited !== undefined
      ? { update_id: this.updateId++, edited_business_message: message as Update['edited_business_message'] }
      : { update_id: this.updateId++, business_message: message }
  }

  /** Messages deleted in a business account's chat with a client. */
  deletedBusinessMessages(connectionId: string, chatId: number, messageIds: number[]): Update {
    return {
      update_id: this.updateId++,
      deleted_business_messages: {
        business_connection_id: connectionId,
        chat: { id: chatId, type: 'private', first_name: 'Client' },
        message_ids: messageIds,
      },
    }
  }

  /** The user blocked ('kicked') or unblocked ('member') the bot. */
  myChatMember(from: User, status: 'kicked' | 'member'): Update {
    const bot = { id: 7_000_000_001, is_bot: true, first_name: 'ClientDesk' }
    return {
      update_id: this.updateId++,
      my_chat_member: {
        chat: { id: from.id, type: 'private', first_name: from.first_name },
        from,
        date: 0,
        old_chat_member:
          status === 'kicked' ? { status: 'member', user: bot } : { status: 'kicked', user: bot, until_date: 0 },
        new_chat_member:
          status === 'kicked' ? { status: 'kicked', user: bot, until_date: 0 } : { status: 'member', user: bot },
      },
    }
  }

  private chat(chatId: number, from: User) {
    return chatId > 0
      ? ({ id: chatId, type: 'private', first_name: from.first_name } as const)
      : ({ id: chatId, type: 'supergroup', title: 'Staff', is_forum: true } as const)
  }

  /** The emulator learns what the test's user sent (see FakeTelegram.learn). */
  private learned(update: Update): Update {
    this.fake.learn(update)
    return update
  }

  /** A stored message of the chat, as a reply carries it (date 0 for one the chat does not have). */
  private repliedTo(chatId: number, messageId: number): Partial<Message> {
    const stored = this.fake.emulator.chats.get(chatId)?.messages.get(messageId)
    if (!stored || stored.deleted) return { date: 0 }
    const { reply_to_message: _nested, ...message } = stored.message
    return message
  }

  private message(from: User, content: Record<string, unknown>, opts: MessageOptions): Update {
    const chatId = opts.chatId ?? from.id
    const threadId = opts.threadId
    return this.learned({
      update_id: this.updateId++,
      message: {
        message_id: this.fake.nextMessageId(chatId),
        date: Math.floor(Date.now() / 1000),
        chat: this.chat(chatId, from),
        from,
        ...(threadId !== undefined ? { message_thread_id: threadId, is_topic_message: true } : {}),
        ...(opts.replyTo !== undefined
          ? {
              reply_to_message: {
                // The message replied to as Telegram includes it: what it says and who sent it
                // (one reply level: its own reply_to_message is left out), when the chat has it
                ...this.repliedTo(chatId, opts.replyTo),
                message_id: opts.replyTo,
                chat: this.chat(chatId, from),
                ...(opts.replyFrom ? { from: opts.replyFrom } : {}),
                ...(threadId !== undefined ? { message_thread_id: threadId, is_topic_message: true } : {}),
              },
            }
          : threadId !== undefined
            ? // In forum topics every message "replies" to the topic's creation message, as in Telegram
              {
                reply_to_message: {
                  message_id: threadId,
                  date: 0,
                  chat: this.chat(chatId, from),
                  forum_topic_created: { name: 'topic', icon_color: 7322096 },
                },
              }
            : {}),
        ...(opts.mediaGroupId ? { media_group_id: opts.mediaGroupId } : {}),
        ...(opts.quote !== undefined ? { quote: { text: opts.quote, position: 0 } } : {}),
        ...content,
      } as Update['message'],
    })
  }
}
