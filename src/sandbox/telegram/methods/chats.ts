/**
 * Bot API methods about chats: what the bot can learn about a chat and its
 * members (the staff-group check), forum topics (created, renamed, closed,
 * reopened, deleted — each leaves a service message, as in Telegram; the bot
 * gets its own as updates), and the answer to a button press (once per press).
 */
import type { ChatMember, Message, Update } from 'grammy/types'
import type { ChatState, ForumTopic, MemberStatus, Method, TelegramEmulator } from '../emulator.ts'
import { refuse } from '../errors.ts'
import { bool, chatIdOf, int, type Params, str } from '../request.ts'

/** Telegram's limits: topic names 1–128 characters, callback answers up to 200. */
const TOPIC_NAME_MAX = 128
const ANSWER_TEXT_MAX = 200

function memberObject(em: TelegramEmulator, chat: ChatState, userId: number): ChatMember {
  if (userId === em.bot.id) {
    const user = em.botUser()
    if (chat.type === 'private') return { status: 'member', user }
    if (chat.botStatus === 'administrator') {
      return {
        status: 'administrator',
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: chat.botRights.can_delete_messages,
        can_manage_video_chats: false,
        can_restrict_members: false,
        can_promote_members: false,
        can_change_info: false,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: chat.botRights.can_pin_messages,
        can_manage_topics: chat.botRights.can_manage_topics,
      } as ChatMember
    }
    return { status: chat.botStatus === 'kicked' ? 'kicked' : chat.botStatus, user } as ChatMember
  }
  const user = em.people.get(userId)?.user
  if (!user) throw refuse.userNotFound()
  const status: MemberStatus =
    chat.type === 'private' ? (chat.id === userId ? 'member' : 'left') : (chat.members.get(userId) ?? 'left')
  if (status === 'creator') return { status, user, is_anonymous: false } as ChatMember
  if (status === 'administrator') {
    return { status, user, can_be_edited: false, can_manage_chat: true, can_manage_topics: true } as ChatMember
  }
  return { status, user, ...(status === 'kicked' ? { until_date: 0 } : {}) } as ChatMember
}

/** A topic the bot may manage. */
function managedTopic(em: TelegramEmulator, p: Params) {
  const chat = em.chat(chatIdOf(p))
  if (chat.type === 'private' || !chat.isForum) throw refuse.notAForum()
  if (!em.botMay(chat, 'can_manage_topics')) throw refuse.noTopicRights()
  const threadId = int(p, 'message_thread_id')
  const topic = threadId === undefined ? undefined : chat.topics.get(threadId)
  if (!topic || topic.deleted || threadId === undefined) throw refuse.topicIdInvalid()
  return { chat, threadId, topic }
}

/**
 * The service message of the bot's own change to a topic. Unlike a message the bot sends, it
 * comes back to the bot as an update, as from Telegram (the Bot API server's
 * `need_skip_update_message` keeps a bot's outgoing forum topic service messages).
 */
function topicService(em: TelegramEmulator, chat: ChatState, threadId: number, content: Partial<Message>) {
  const message = em.post(chat, content, { from: em.botUser(), fromBot: true, service: true, threadId })
  em.emit({ type: 'chat', chatId: chat.id })
  em.enqueue({ message } as Omit<Update, 'update_id'>)
  return true
}

function topicName(p: Params): string {
  const name = (str(p, 'name') ?? '').trim()
  if (!name || name.length > TOPIC_NAME_MAX) throw refuse.topicNameInvalid()
  return name
}

export const chatMethods: Record<string, Method> = {
  getChat: (em, p) => {
    const chat = em.chat(chatIdOf(p))
    return {
      ...em.chatObject(chat),
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: {
        unlimited_gifts: false,
        limited_gifts: false,
        unique_gifts: false,
        premium_subscription: false,
      },
      ...(chat.type === 'private' ? {} : { permissions: { can_send_messages: true } }),
    }
  },

  getChatMember: (em, p) => {
    const chat = em.chat(chatIdOf(p))
    const userId = int(p, 'user_id')
    if (userId === undefined) throw refuse.missing('user_id')
    if (em.openWorld && userId !== em.bot.id && !em.people.has(userId)) {
      em.people.set(userId, { user: { id: userId, is_bot: false, first_name: `User${userId}` }, started: false })
    }
    return memberObject(em, chat, userId)
  },

  getChatAdministrators: (em, p) => {
    const chat = em.chat(chatIdOf(p))
    const people = [...chat.members].filter(([, s]) => s === 'creator' || s === 'administrator').map(([id]) => id)
    const ids = chat.botStatus === 'administrator' ? [...people, em.bot.id] : people
    return ids.map((id) => memberObject(em, chat, id))
  },

  getChatMemberCount: (em, p) => {
    const chat = em.chat(chatIdOf(p))
    if (chat.type === 'private') return 2
    const present = [...chat.members.values()].filter((s) => s !== 'left' && s !== 'kicked').length
    return present + (chat.botStatus === 'left' || chat.botStatus === 'kicked' ? 0 : 1)
  },

  createForumTopic: (em, p) => {
    const chat = em.chat(chatIdOf(p))
    if (chat.type === 'private' || !chat.isForum) throw refuse.notAForum()
    if (!em.botMay(chat, 'can_manage_topics')) throw refuse.noTopicRights()
    const name = topicName(p)
    const iconColor = int(p, 'icon_color') ?? 7322096
    em.admit('createForumTopic', p)
    // The topic's id is the id of the service message that opens it
    const topic: ForumTopic = { name, deleted: false, iconColor }
    const created = em.post(chat, { forum_topic_created: { name, icon_color: iconColor } } as Partial<Message>, {
      from: em.botUser(),
      fromBot: true,
      service: true,
      opensTopic: true,
    })
    const threadId = created.message_id
    chat.topics.set(threadId, topic)
    em.emit({ type: 'chat', chatId: chat.id })
    em.enqueue({ message: created } as Omit<Update, 'update_id'>)
    return { message_thread_id: threadId, name, icon_color: iconColor }
  },

  editForumTopic: (em, p) => {
    const { chat, threadId, topic } = managedTopic(em, p)
    const name = p.name === undefined ? topic.name : topicName(p)
    if (name === topic.name && p.icon_custom_emoji_id === undefined) throw refuse.topicNotModified()
    em.admit('editForumTopic', p)
    topic.name = name
    return topicService(em, chat, threadId, { forum_topic_edited: { name } } as Partial<Message>)
  },

  closeForumTopic: (em, p) => {
    const { chat, threadId, topic } = managedTopic(em, p)
    if (topic.closed) throw refuse.topicNotModified()
    em.admit('closeForumTopic', p)
    topic.closed = true
    return topicService(em, chat, threadId, { forum_topic_closed: {} } as Partial<Message>)
  },

  reopenForumTopic: (em, p) => {
    const { chat, threadId, topic } = managedTopic(em, p)
    if (!topic.closed) throw refuse.topicNotModified()
    em.admit('reopenForumTopic', p)
    topic.closed = false
    return topicService(em, chat, threadId, { forum_topic_reopened: {} } as Partial<Message>)
  },

  deleteForumTopic: (em, p) => {
    const { chat, threadId, topic } = managedTopic(em, p)
    if (!em.botMay(chat, 'can_delete_messages')) throw refuse.noTopicRights()
    topic.deleted = true
    const gone: number[] = []
    for (const [id, stored] of chat.messages) {
      if (stored.message.message_thread_id === threadId && !stored.deleted) {
        chat.messages.set(id, { ...stored, deleted: true })
        gone.push(id)
      }
    }
    chat.pinned = chat.pinned.filter((id) => !gone.includes(id))
    em.emit({ type: 'deleted', chatId: chat.id, messageIds: gone })
    em.emit({ type: 'chat', chatId: chat.id })
    return true
  },

  /** Each press is answered at most once; the answer shows as a toast or an alert. */
  answerCallbackQuery: (em, p) => {
    const id = str(p, 'callback_query_id')
    if (!id) throw refuse.missing('callback_query_id')
    const query = em.queries.get(id)
    if (query?.answered || (!query && !em.openWorld)) throw refuse.queryInvalid()
    const text = str(p, 'text')
    if (text && text.length > ANSWER_TEXT_MAX) throw refuse.callbackTextTooLong()
    em.queries.set(id, { ...query, answered: true })
    if (query?.chatId !== undefined && query.userId !== undefined) {
      const url = str(p, 'url')
      em.emit({
        type: 'answer',
        chatId: query.chatId,
        userId: query.userId,
        showAlert: bool(p, 'show_alert'),
        ...(text ? { text } : {}),
        ...(url ? { url } : {}),
        ...(query.business ? { business: query.business } : {}),
      })
    }
    return true
  },
}
