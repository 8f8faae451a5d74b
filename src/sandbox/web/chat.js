// One chat as a Telegram app shows it: messages with formatting, photos,
// files, replies and inline buttons; the reply keyboard; a composer that
// sends text, photos and documents, replies, edits and /commands.
import { el, excerptOf, fileSize, formatted, personName } from './text.js'

const SERVICE = [
  ['forum_topic_created', (m) => `Topic “${m.forum_topic_created.name}” created`],
  ['forum_topic_edited', (m) => `Topic renamed to “${m.forum_topic_edited.name ?? ''}”`],
  ['forum_topic_closed', () => 'Topic closed'],
  ['forum_topic_reopened', () => 'Topic reopened'],
  // What the pinned message says now, as Telegram shows it: an edit shows, a deleted one is gone
  [
    'pinned_message',
    (m, find) => {
      const now = find(m.pinned_message.message_id)
      return now ? `Pinned “${excerptOf(now)}”` : 'Pinned a deleted message'
    },
  ],
  ['successful_payment', (m) => `💳 Paid ${money(m.successful_payment.total_amount, m.successful_payment.currency)}`],
  ['refunded_payment', (m) => `↩ Refunded ${money(m.refunded_payment.total_amount, m.refunded_payment.currency)}`],
]

/** An amount in the currency's smallest units, as people read it ("5 000,00 ₽", "250 ⭐"). */
function money(minor, currency) {
  if (currency === 'XTR') return `${minor} ⭐`
  try {
    const format = new Intl.NumberFormat('ru-RU', { style: 'currency', currency })
    return format.format(minor / 10 ** format.resolvedOptions().maximumFractionDigits)
  } catch {
    return `${minor} ${currency}`
  }
}

/**
 * A chat pane. `options`:
 * - api: { get, post, upload } helpers; chatId; thread(): number | 'general' | undefined (forum chats)
 * - viewer(): the id of the person typing; botName
 * - messages(): this chat's messages, oldest first; time(seconds): a label; day(seconds): the
 *   date line above a day's first message
 * - keyboard(): the reply keyboard the bot shows here; person(): the viewer's state (started, blocked)
 * - onBlockToggle(): for a client's chat; title(), subtitle()
 * - businessWith(): the client's id when the view shows the owner's own account's chat with
 *   them (Telegram Business) instead of the bot's: what is typed goes there
 */
export class ChatView {
  constructor(host, options) {
    this.o = options
    this.replyTo = undefined
    this.editing = undefined
    this.hiddenKeyboard = undefined
    this.typingUntil = 0
    this.textarea = el('textarea', { rows: 1, placeholder: 'Message', 'aria-label': 'Message' })
    this.textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault()
        void this.submit()
      }
      if (e.key === 'Escape') this.cancelBanner()
    })
    this.textarea.addEventListener('input', () => void this.suggestCommands())
    this.fileInput = el('input', { type: 'file', hidden: true, 'aria-label': 'Attach a file' })
    this.fileInput.addEventListener('change', () => void this.upload())

    this.title = el('div', { class: 'title' })
    this.subtitle = el('div', { class: 'subtitle' })
    this.headActions = el('div', { class: 'head-actions' })
    this.pinned = el('button', { class: 'pinned', type: 'button', hidden: true })
    this.list = el('div', { class: 'messages', role: 'log', 'aria-live': 'polite' })
    /** Each message object's node and the view it was drawn for (a changed message comes as a new object). */
    this.drawn = new WeakMap()
    /** The date lines, by their text. */
    this.dayLines = new Map()
    /** Whether the view follows the newest message (it does until the person scrolls up). */
    this.stick = true
    /** When the page itself last scrolled the list to its end (see the scroll listener). */
    this.scrolledAt = 0
    this.list.addEventListener('scroll', () => {
      // The scroll the page made itself reports late: by then a picture may have taken its space
      // and the end moved on, which must not read as the person scrolling up (the chart of /stats
      // was left half out of view)
      if (performance.now() - this.scrolledAt < 250) return
      this.stick = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 40
    })
    // A narrower window (or a picture drawn) moves the end: a view that followed it still does
    new ResizeObserver(() => this.stick && this.toBottom()).observe(this.list)
    this.toast = el('div', { class: 'toast', role: 'status', hidden: true })
    this.replyKeyboard = el('div', { class: 'reply-keyboard' })
    this.banner = el('div', { class: 'banner', hidden: true })
    this.commands = el('div', { class: 'commands', hidden: true, role: 'listbox' })
    this.keyboardToggle = el('button', {
      type: 'button',
      class: 'icon',
      title: 'Keyboard',
      'aria-label': 'Show the keyboard',
      hidden: true,
      onclick: () => {
        this.hiddenKeyboard = this.hiddenKeyboard ? undefined : JSON.stringify(this.o.keyboard())
        this.renderKeyboard()
      },
    })
    this.keyboardToggle.textContent = '⌨'
    this.composer = el(
      'form',
      {
        class: 'composer',
        onsubmit: (e) => {
          e.preventDefault()
          void this.submit()
        },
      },
      el('label', { class: 'icon attach', title: 'Attach a photo or a file' }, '📎', this.fileInput),
      this.moreMenu(),
      this.textarea,
      el(
        'button',
        { type: 'button', class: 'icon commands-button', title: 'Commands', onclick: () => void this.showCommands() },
        '/',
      ),
      this.keyboardToggle,
      el('button', { type: 'submit', class: 'send', title: 'Send', 'aria-label': 'Send' }, '➤'),
    )
    this.startBar = el(
      'div',
      { class: 'start-bar', hidden: true },
      el('button', { type: 'button', class: 'start', onclick: () => void this.send('/start') }, 'START'),
    )
    this.blockedBar = el(
      'div',
      { class: 'start-bar', hidden: true },
      el('span', {}, 'You blocked the bot.'),
      el('button', { type: 'button', onclick: () => void this.o.onBlockToggle?.() }, 'Unblock'),
    )
    this.root = el(
      'div',
      { class: 'chat' },
      el('div', { class: 'chat-head' }, el('div', {}, this.title, this.subtitle), this.headActions),
      this.pinned,
      this.list,
      this.toast,
      this.commands,
      this.replyKeyboard,
      this.banner,
      this.composer,
      this.startBar,
      this.blockedBar,
    )
    host.replaceChildren(this.root)
  }

  /** Redraws from the current data, keeping the scroll at the bottom when it was there. */
  render() {
    const o = this.o
    this.title.textContent = o.title()
    const typing = Date.now() < this.typingUntil
    this.subtitle.textContent = typing ? 'typing…' : (o.subtitle?.() ?? '')
    this.subtitle.classList.toggle('typing', typing)
    this.headActions.replaceChildren(...(o.headActions?.() ?? []))
    const messages = o.messages()
    const newest = messages.at(-1)
    // What the person just sent is always shown, as in Telegram
    const sentNow = newest && newest.from?.id === o.viewer() && newest.message_id !== this.newestId
    this.newestId = newest?.message_id
    // As in Telegram, a line with the date where a new day begins (the clock moves days ahead)
    const byId = new Map(messages.map((m) => [m.message_id, m]))
    this.find = (id) => byId.get(id)
    // Everything a message's node shows besides the message: who looks, the bot's name, the times' zone
    const seenAs = `${o.chatId()}|${o.viewer()}|${o.businessWith?.() ?? ''}|${o.botName()}|${o.zone?.() ?? ''}`
    const nodes = []
    let lastDay
    for (const m of messages) {
      const day = o.day?.(m.date)
      if (day && day !== lastDay) nodes.push(this.dayLine(day))
      lastDay = day
      nodes.push(this.nodeOf(m, seenAs))
    }
    this.showNodes(nodes)
    if (messages.length === 0) this.list.append(el('div', { class: 'empty' }, o.empty?.() ?? 'No messages here yet'))
    if (this.stick || this.justOpened || sentNow) this.toBottom()
    this.justOpened = false
    this.renderPinned(messages)
    this.renderKeyboard()
    const business = o.businessWith?.() !== undefined
    // Only text goes to the owner's account from the page
    for (const node of this.composer.querySelectorAll('.attach, .more, .commands-button')) node.hidden = business
    const person = business ? undefined : o.person?.()
    const blocked = !!person?.blocked
    const notStarted = !!person && !person.started && !blocked && messages.length === 0
    this.composer.hidden = blocked || notStarted
    this.startBar.hidden = !notStarted
    this.blockedBar.hidden = !blocked
  }

  /**
   * A message's node, drawn again only when the message changed or the view did: a button
   * under an older message stays the same element while others arrive, so a press is not lost
   * to a redraw between its mouse-down and mouse-up.
   */
  nodeOf(m, seenAs) {
    const drawn = this.drawn.get(m)
    if (drawn?.seenAs === seenAs) return drawn.node
    const node = this.messageNode(m)
    // A service line shows another message (a pin, its excerpt): drawn each time
    if (!SERVICE.some(([field]) => field in m)) this.drawn.set(m, { seenAs, node })
    return node
  }

  dayLine(day) {
    let line = this.dayLines.get(day)
    if (!line) {
      line = el('div', { class: 'service day' }, day)
      this.dayLines.set(day, line)
    }
    return line
  }

  /** Puts these nodes into the list in this order, leaving those already in place untouched. */
  showNodes(nodes) {
    const wanted = new Set(nodes)
    let at = this.list.firstChild
    for (const node of nodes) {
      while (at && !wanted.has(at)) {
        const next = at.nextSibling
        at.remove()
        at = next
      }
      if (at === node) at = at.nextSibling
      else this.list.insertBefore(node, at)
    }
    while (at) {
      const next = at.nextSibling
      at.remove()
      at = next
    }
  }

  toBottom() {
    this.scrolledAt = performance.now()
    this.list.scrollTop = this.list.scrollHeight
    this.stick = true
  }

  /** Shows a chat from its start (after switching to it). */
  opened() {
    this.justOpened = true
    this.replyTo = undefined
    this.editing = undefined
    this.renderBanner()
    this.render()
  }

  renderPinned(messages) {
    const pinnedIds = this.o.pinned?.() ?? []
    const shown = new Set(messages.map((m) => m.message_id))
    const last = [...pinnedIds].reverse().find((id) => shown.has(id))
    const message = messages.find((m) => m.message_id === last)
    this.pinned.hidden = !message
    if (!message) return
    this.pinned.replaceChildren(el('b', {}, 'Pinned message'), el('span', {}, excerptOf(message)))
    this.pinned.onclick = () => this.scrollTo(message.message_id)
  }

  renderKeyboard() {
    const markup = this.o.keyboard?.()
    const key = markup ? JSON.stringify(markup) : undefined
    this.keyboardToggle.hidden = !markup
    const hidden = !markup || this.hiddenKeyboard === key
    this.replyKeyboard.replaceChildren()
    this.replyKeyboard.hidden = hidden
    if (hidden) return
    for (const row of markup.keyboard) {
      this.replyKeyboard.append(
        el(
          'div',
          { class: 'row' },
          row.map((button) =>
            el(
              'button',
              {
                type: 'button',
                onclick: async () => {
                  if (markup.one_time_keyboard) this.hiddenKeyboard = key
                  if (button.request_contact)
                    await this.act(() => this.o.api.post('contact', { from: this.o.viewer() }))
                  else await this.send(button.text)
                  this.renderKeyboard()
                },
              },
              button.text,
            ),
          ),
        ),
      )
    }
  }

  messageNode(m) {
    const service = SERVICE.find(([field]) => field in m)
    if (service) {
      return el(
        'div',
        { class: 'service', id: this.anchor(m.message_id) },
        service[1](m, (id) => this.find?.(id)),
      )
    }
    const o = this.o
    const out = m.from?.id === o.viewer() && !m.sandbox?.fromBot
    const bubble = el('div', { class: 'bubble' })
    if (o.group && !out) {
      bubble.append(el('div', { class: 'author' }, m.sandbox?.fromBot ? `${o.botName()} 🤖` : personName(m.from)))
    }
    if (m.forward_origin) {
      const origin = m.forward_origin
      const who = origin.sender_user
        ? personName(origin.sender_user)
        : (origin.sender_user_name ?? origin.chat?.title ?? origin.sender_chat?.title ?? 'someone')
      bubble.append(el('div', { class: 'forwarded' }, `Forwarded from ${who}`))
    }
    const reply = m.reply_to_message
    if (reply && !(m.is_topic_message && reply.message_id === m.message_thread_id)) {
      bubble.append(
        el(
          'button',
          { type: 'button', class: 'quote', onclick: () => this.scrollTo(reply.message_id) },
          el('b', {}, reply.from?.is_bot ? o.botName() : personName(reply.from)),
          el('span', {}, excerptOf(reply)),
        ),
      )
    }
    if (m.photo) {
      const photo = m.photo.at(-1)
      const src = `/sandbox/files/${encodeURIComponent(photo.file_id)}`
      const img = el('img', { src, alt: 'Photo' })
      // A picture that loads after the text must not push the newest message out of view
      img.addEventListener('load', () => this.stick && this.toBottom())
      bubble.append(el('a', { href: src, target: '_blank', class: 'photo' }, img))
    }
    if (m.sticker?.emoji)
      bubble.append(el('div', { class: 'sticker', title: `Sticker · ${m.sticker.set_name ?? ''}` }, m.sticker.emoji))
    const file =
      m.document ??
      m.audio ??
      m.voice ??
      m.video ??
      m.animation ??
      m.video_note ??
      (m.sticker?.emoji ? undefined : m.sticker)
    if (file && !m.photo) {
      const name = file.file_name ?? (m.voice ? 'Voice message' : m.sticker ? 'Sticker' : 'File')
      bubble.append(
        el(
          'a',
          { class: 'file', href: `/sandbox/files/${encodeURIComponent(file.file_id)}`, download: name },
          el('span', { class: 'file-icon' }, m.voice ? '🎤' : m.sticker ? '🙂' : '📄'),
          el('span', {}, el('b', {}, name), el('small', {}, fileSize(file.file_size))),
        ),
      )
    }
    if (m.contact) {
      bubble.append(
        el('div', { class: 'contact' }, '👤 ', el('b', {}, personName(m.contact)), ` ${m.contact.phone_number}`),
      )
    }
    if (m.location) bubble.append(el('div', { class: 'contact' }, `📍 ${m.location.latitude}, ${m.location.longitude}`))
    if (m.invoice) bubble.append(this.invoiceNode(m))
    const text = m.text ?? m.caption
    if (text !== undefined) {
      const entities = m.text !== undefined ? (m.entities ?? []) : (m.caption_entities ?? [])
      bubble.append(
        el(
          'div',
          { class: 'text' },
          formatted(text, entities, (command) => void this.send(command)),
        ),
      )
    } else if (!m.photo && !file && !m.sticker && !m.contact && !m.location && !m.invoice) {
      bubble.append(el('div', { class: 'text muted' }, 'A message this sandbox cannot show'))
    }
    bubble.append(el('div', { class: 'meta' }, m.edit_date ? 'edited ' : '', o.time(m.date)))
    if (m.sandbox?.reactions?.length) bubble.append(el('div', { class: 'reactions' }, m.sandbox.reactions.join(' ')))

    const actions = el(
      'div',
      { class: 'actions' },
      el('button', { type: 'button', title: 'Reply', 'aria-label': 'Reply', onclick: () => this.startReply(m) }, '↩'),
      out && text !== undefined && o.businessWith?.() === undefined
        ? el('button', { type: 'button', title: 'Edit', 'aria-label': 'Edit', onclick: () => this.startEdit(m) }, '✎')
        : undefined,
    )
    const row = el('div', { class: `msg ${out ? 'out' : 'in'}`, id: this.anchor(m.message_id) }, bubble, actions)
    const keyboard = m.reply_markup?.inline_keyboard
    if (!keyboard?.length) return row
    return el('div', { class: `msg-block ${out ? 'out' : 'in'}` }, row, this.inlineKeyboard(m, keyboard))
  }

  /** An invoice as Telegram shows it, with Pay for the person it was sent to. */
  invoiceNode(m) {
    const o = this.o
    const { title, description, total_amount: total, currency } = m.invoice
    const payable = !o.group && o.businessWith?.() === undefined && m.chat?.id === o.viewer()
    return el(
      'div',
      { class: 'invoice' },
      el('b', {}, title),
      el('div', { class: 'description' }, description),
      el('div', { class: 'amount' }, money(total, currency)),
      payable
        ? el(
            'button',
            {
              type: 'button',
              class: 'pay',
              // Pay and confirm at once: Telegram asks the bot, the money moves on its "ok"
              onclick: () => this.act(() => o.api.post('pay', { from: o.viewer(), message: m.message_id })),
            },
            `Pay ${money(total, currency)}`,
          )
        : undefined,
    )
  }

  inlineKeyboard(m, rows) {
    return el(
      'div',
      { class: 'inline-keyboard' },
      rows.map((row) =>
        el(
          'div',
          { class: 'row' },
          row.map((b) => {
            if (b.url) return el('a', { href: b.url, target: '_blank', rel: 'noopener noreferrer' }, `${b.text} ↗`)
            if (b.callback_data === undefined) return el('button', { type: 'button', disabled: true }, b.text)
            return el(
              'button',
              {
                type: 'button',
                onclick: () =>
                  this.act(() =>
                    this.o.api.post(this.o.businessWith?.() === undefined ? 'press' : 'business/press', {
                      from: this.o.viewer(),
                      chat: this.o.businessWith?.() ?? this.o.chatId(),
                      message: m.message_id,
                      data: b.callback_data,
                    }),
                  ),
              },
              b.text,
            )
          }),
        ),
      ),
    )
  }

  anchor(id) {
    return `m-${this.o.chatId()}-${id}`
  }

  scrollTo(id) {
    const node = this.root.querySelector(`#${CSS.escape(this.anchor(id))}`)
    node?.scrollIntoView({ block: 'center', behavior: 'smooth' })
    node?.classList.add('flash')
    setTimeout(() => node?.classList.remove('flash'), 1200)
  }

  startReply(m) {
    this.editing = undefined
    this.replyTo = m
    this.renderBanner()
    this.textarea.focus()
  }

  startEdit(m) {
    this.replyTo = undefined
    this.editing = m
    this.textarea.value = m.text ?? m.caption ?? ''
    this.renderBanner()
    this.textarea.focus()
  }

  cancelBanner() {
    if (this.editing) this.textarea.value = ''
    this.replyTo = undefined
    this.editing = undefined
    this.renderBanner()
  }

  renderBanner() {
    const target = this.editing ?? this.replyTo
    this.banner.hidden = !target
    if (!target) return
    this.banner.replaceChildren(
      el('span', {}, el('b', {}, this.editing ? 'Editing' : 'Reply to'), ` ${excerptOf(target)}`),
      el('button', { type: 'button', class: 'icon', title: 'Cancel', onclick: () => this.cancelBanner() }, '✕'),
    )
  }

  /** The topic to post in, for forum chats. */
  threadParam() {
    const thread = this.o.thread?.()
    return typeof thread === 'number' ? { thread } : {}
  }

  async submit() {
    const text = this.textarea.value
    if (!text.trim()) return
    // No chat to write in yet (no client added): said plainly, the text kept
    if (this.o.chatId() === undefined) return this.showToast(this.o.noChat?.() ?? 'No chat here yet', false)
    // Cleared at once, as in Telegram; given back if the message did not go
    this.textarea.value = ''
    const editing = this.editing
    const replyTo = this.replyTo
    this.cancelBanner()
    const ok = editing
      ? await this.act(() =>
          this.o.api.post('edit', { from: this.o.viewer(), chat: this.o.chatId(), message: editing.message_id, text }),
        )
      : await this.send(text, replyTo?.message_id)
    if (!ok && !this.textarea.value) {
      this.textarea.value = text
      this.editing = editing
      this.replyTo = replyTo
      this.renderBanner()
    }
  }

  async send(text, replyTo) {
    this.commands.hidden = true
    const businessWith = this.o.businessWith?.()
    if (businessWith !== undefined) {
      return this.act(() => this.o.api.post('business/send', { from: this.o.viewer(), chat: businessWith, text }))
    }
    return this.act(() =>
      this.o.api.post('send', {
        from: this.o.viewer(),
        chat: this.o.chatId(),
        text,
        ...this.threadParam(),
        ...(replyTo ? { replyTo } : {}),
      }),
    )
  }

  async upload() {
    const file = this.fileInput.files?.[0]
    this.fileInput.value = ''
    if (!file) return
    if (this.o.chatId() === undefined) return this.showToast(this.o.noChat?.() ?? 'No chat here yet', false)
    let size = {}
    if (file.type.startsWith('image/')) {
      try {
        const bitmap = await createImageBitmap(file)
        size = { width: bitmap.width, height: bitmap.height }
      } catch {
        size = {} // not an image the browser can read: it goes as a file
      }
    }
    const caption = this.textarea.value.trim()
    const ok = await this.act(() =>
      this.o.api.upload(file, {
        from: this.o.viewer(),
        chat: this.o.chatId(),
        name: file.name,
        ...(caption ? { caption } : {}),
        ...this.threadParam(),
        ...size,
      }),
    )
    if (ok && caption) this.textarea.value = ''
  }

  /**
   * ⋯ beside 📎: what else a person sends in Telegram — a sticker, a voice message (a second
   * of silence: the page records nothing), a location, someone else's contact card, a forward.
   */
  moreMenu() {
    const menu = el('details', { class: 'more' })
    const item = (label, action, className) =>
      el(
        'button',
        {
          type: 'button',
          ...(className ? { class: className } : {}),
          onclick: () => {
            menu.open = false
            if (this.o.chatId() === undefined) return this.showToast(this.o.noChat?.() ?? 'No chat here yet', false)
            const place = { from: this.o.viewer(), chat: this.o.chatId(), ...this.threadParam() }
            const body = action(place)
            if (body) void this.act(body)
          },
        },
        label,
      )
    menu.append(
      el('summary', { class: 'icon', title: 'Send a sticker, a voice message, a location, a contact, a forward' }, '⋯'),
      el(
        'div',
        { class: 'more-menu' },
        el(
          'div',
          { class: 'stickers' },
          ...['👍', '😡', '❤️'].map((emoji) =>
            item(emoji, (place) => () => this.o.api.post('sticker', { ...place, emoji }), 'sticker-choice'),
          ),
        ),
        item(
          '🎤 Voice message (1 s of silence)',
          (place) => () =>
            this.o.api.post(`voice?${new URLSearchParams(Object.entries(place).map(([k, v]) => [k, String(v)]))}`, ''),
        ),
        item('📍 Location…', (place) => {
          const typed = prompt('Latitude, longitude', '55.7558, 37.6173')
          const [latitude, longitude] = (typed ?? '').split(',').map((x) => Number(x.trim()))
          if (!typed) return undefined
          return () => this.o.api.post('location', { ...place, latitude, longitude })
        }),
        item('👤 Someone else’s contact…', (place) => {
          const name = prompt('Their name')?.trim()
          const phone = name && prompt(`${name}’s phone number`, '+7 900 000-00-00')?.trim()
          if (!name || !phone) return undefined
          const [first_name, ...rest] = name.split(/\s+/)
          return () =>
            this.o.api.post('contact', {
              ...place,
              phone,
              first_name,
              ...(rest.length ? { last_name: rest.join(' ') } : {}),
            })
        }),
        item('↪️ Forward a message…', (place) => {
          const text = prompt('The forwarded message’s text')?.trim()
          const author =
            text &&
            prompt('Whose message? A name (someone in this sandbox, or anyone: a hidden account), or @channel')?.trim()
          if (!text || !author) return undefined
          const known = this.o.people?.().find((p) => p.name === author)
          const origin = author.startsWith('@')
            ? { channel: author.slice(1), username: author.slice(1) }
            : known
              ? { user: known.id }
              : { hidden_user: author }
          return () => this.o.api.post('forward', { ...place, text, origin })
        }),
      ),
    )
    return menu
  }

  async showCommands(filter = '') {
    const list = await this.o.api.get(`commands?chat=${this.o.chatId()}&user=${this.o.viewer()}`)
    const shown = list.filter((c) => c.command.startsWith(filter))
    this.commands.hidden = shown.length === 0
    this.commands.replaceChildren(
      ...shown.map((c) =>
        el(
          'button',
          { type: 'button', role: 'option', onclick: () => void this.send(`/${c.command}`) },
          el('b', {}, `/${c.command}`),
          ` ${c.description}`,
        ),
      ),
    )
  }

  async suggestCommands() {
    const value = this.textarea.value
    if (/^\/\w*$/.test(value)) await this.showCommands(value.slice(1))
    else this.commands.hidden = true
  }

  /** Runs an action; a refusal is shown as a toast. Returns whether it worked. */
  async act(action) {
    try {
      await action()
      return true
    } catch (err) {
      this.showToast(err.message, false)
      return false
    }
  }

  showToast(text, alert) {
    if (alert) {
      const dialog = el(
        'div',
        { class: 'alert', role: 'alertdialog' },
        el('p', {}, text),
        el('button', { type: 'button', onclick: () => dialog.remove() }, 'OK'),
      )
      this.root.append(dialog)
      return
    }
    this.toast.textContent = text
    this.toast.hidden = false
    clearTimeout(this.toastTimer)
    this.toastTimer = setTimeout(() => {
      this.toast.hidden = true
    }, 3000)
  }

  typing() {
    this.typingUntil = Date.now() + 4000
    this.render()
    setTimeout(() => this.render(), 4100)
  }
}
