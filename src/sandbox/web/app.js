// The sandbox page: clients' chats, the staff forum and the owner's chat side
// by side, the bot's clock, and the Bot API calls — all following the server's
// events (SSE) live.
import { ChatView } from './chat.js'
import { el } from './text.js'

const api = {
  async get(path) {
    const res = await fetch(`/sandbox/${path}`)
    return res.json()
  },
  async post(path, body) {
    const res = await fetch(`/sandbox/${path}`, {
      method: 'POST',
      headers: { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    const data = await res.json()
    if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`)
    return data
  },
  async upload(file, params) {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))
    const res = await fetch(`/sandbox/upload?${query}`, { method: 'POST', body: file })
    const data = await res.json()
    if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`)
    return data
  },
}

/** Everything the page knows; `messages` holds each opened chat's messages by id. */
const state = {
  server: undefined,
  /** Sandbox time minus the browser's time, so the clock ticks between updates. */
  skew: 0,
  messages: new Map(),
  client: undefined,
  /** The client's chat shown: 'bot' (theirs with the bot) or 'business' (theirs with the owner's own account). */
  via: 'bot',
  thread: 'general',
  actAs: undefined,
  errorsOnly: false,
  /** The flood-limit switch as the person set it, until the server's state says the same. */
  rateLimitsWanted: undefined,
}

const $ = (id) => document.getElementById(id)
const people = () => state.server?.people ?? []
const person = (id) => people().find((p) => p.id === id)
const ownerOf = () => people().find((p) => p.role === 'owner')
const groupId = () => state.server?.group?.id

/** A time of day in the business's time zone (what the bot's messages mean by "15:00"). */
function zoneTime(seconds, withSeconds = false) {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: state.server?.clock.zone ?? 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
  }).format(new Date(seconds * 1000))
}

/**
 * A date as a chat's date line shows it, in the business's time zone: "Thursday 10 December",
 * with the year when it is not the bot's current one.
 */
function zoneDay(seconds) {
  const zone = state.server?.clock.zone ?? 'UTC'
  const date = new Date(seconds * 1000)
  const year = (d) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric' }).format(d)
  const otherYear = year(date) !== year(new Date(Date.now() + state.skew))
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(otherYear ? { year: 'numeric' } : {}),
  }).format(date)
}

/** The sandbox's "now" as a datetime-local value in the business's zone (sv-SE writes ISO-like dates). */
function localInputValue(ms) {
  const text = new Intl.DateTimeFormat('sv-SE', {
    timeZone: state.server?.clock.zone ?? 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(ms))
  return text.replace(' ', 'T')
}

function messagesOf(chatId) {
  const map = state.messages.get(chatId)
  return map ? [...map.values()].sort((a, b) => a.message_id - b.message_id) : []
}

/** The page's key of the owner's own account's chat with a client (Telegram Business). */
const businessKey = (clientId) => `business:${clientId}`
/** The client chat the left pane shows. */
const clientChatId = () =>
  state.client === undefined ? undefined : state.via === 'business' ? businessKey(state.client) : state.client

async function loadMessages(chatId) {
  if (chatId === undefined) return
  const business = typeof chatId === 'string' && chatId.startsWith('business:')
  const list = await api.get(business ? `business/messages?chat=${chatId.slice(9)}` : `messages?chat=${chatId}`)
  state.messages.set(chatId, new Map(list.map((m) => [m.message_id, m])))
}

// ------------------------------------------------------------ the three chats

const clientChat = new ChatView($('client-chat'), {
  api,
  people,
  chatId: clientChatId,
  noChat: () => 'Add a client first: + New client',
  viewer: () => state.client,
  businessWith: () => (state.via === 'business' ? state.client : undefined),
  botName: () => state.server?.bot?.name ?? 'Bot',
  title: () => {
    const p = person(state.client)
    return p ? `${p.name}${p.username ? ` · @${p.username}` : ''}` : 'No client yet'
  },
  subtitle: () => {
    const p = person(state.client)
    if (!p) return ''
    if (state.via === 'business') return `writes to ${ownerOf()?.name ?? 'the owner'}'s own account (Telegram Business)`
    return `client · language ${p.language ?? '—'}${p.blocked ? ' · blocked the bot' : ''}`
  },
  headActions: () => {
    const p = person(state.client)
    if (!p) return []
    const viaToggle =
      state.server?.ownerBusiness || state.via === 'business'
        ? el(
            'button',
            { type: 'button', onclick: () => void switchVia(state.via === 'business' ? 'bot' : 'business') },
            state.via === 'business' ? '🤖 Chat with the bot' : '💼 Write to the owner',
          )
        : undefined
    if (state.via === 'business') return [viaToggle]
    return [
      viaToggle,
      el(
        'button',
        { type: 'button', class: p.blocked ? '' : 'danger-outline', onclick: () => toggleBlock(p) },
        p.blocked ? 'Unblock bot' : 'Block bot',
      ),
    ].filter(Boolean)
  },
  empty: () =>
    !state.client
      ? 'Create a client to start'
      : state.via === 'business'
        ? 'Write to the owner’s account: the bot serves it'
        : 'Press START to talk to the bot',
  messages: () => (state.client ? messagesOf(clientChatId()) : []),
  keyboard: () => (state.via === 'business' ? undefined : state.server?.keyboards?.[state.client]),
  person: () => person(state.client),
  onBlockToggle: () => toggleBlock(person(state.client)),
  time: (s) => zoneTime(s),
  day: (s) => zoneDay(s),
  zone: () => state.server?.clock.zone,
})

const topicChat = new ChatView($('topic-chat'), {
  api,
  people,
  group: true,
  chatId: () => groupId(),
  thread: () => state.thread,
  viewer: () => state.actAs,
  botName: () => state.server?.bot?.name ?? 'Bot',
  title: () => {
    if (state.thread === 'general') return 'General'
    return state.server?.group?.topics.find((t) => t.id === state.thread)?.name ?? 'Topic'
  },
  subtitle: () => `as ${person(state.actAs)?.name ?? '—'}`,
  // An admin closes or reopens a topic by hand, as in the Telegram app
  headActions: () => {
    const topic = state.server?.group?.topics.find((t) => t.id === state.thread)
    if (!topic) return []
    const closed = !topic.closed
    const post = () => api.post('topic', { from: state.actAs, chat: groupId(), thread: topic.id, closed })
    return [
      el(
        'button',
        { type: 'button', onclick: () => void topicChat.act(post) },
        closed ? '🔒 Close topic' : 'Reopen topic',
      ),
    ]
  },
  messages: () =>
    messagesOf(groupId()).filter((m) =>
      state.thread === 'general' ? !m.is_topic_message : m.is_topic_message && m.message_thread_id === state.thread,
    ),
  pinned: () => state.server?.group?.pinned ?? [],
  time: (s) => zoneTime(s),
  day: (s) => zoneDay(s),
  zone: () => state.server?.clock.zone,
})

const ownerChat = new ChatView($('owner-chat'), {
  api,
  people,
  chatId: () => ownerOf()?.id,
  viewer: () => ownerOf()?.id,
  botName: () => state.server?.bot?.name ?? 'Bot',
  title: () => (ownerOf() ? `${ownerOf().name} · owner` : 'Owner'),
  subtitle: () => 'private chat with the bot',
  headActions: () =>
    ownerOf()
      ? [
          el(
            'button',
            {
              type: 'button',
              title: 'Telegram Business: clients write to the owner’s own account and the bot serves them',
              onclick: () =>
                void ownerChat.act(() => api.post('business/connect', { on: !state.server?.ownerBusiness })),
            },
            state.server?.ownerBusiness ? 'Disconnect Business' : '💼 Connect Business',
          ),
        ]
      : [],
  messages: () => (ownerOf() ? messagesOf(ownerOf().id) : []),
  keyboard: () => state.server?.keyboards?.[ownerOf()?.id],
  time: (s) => zoneTime(s),
  day: (s) => zoneDay(s),
  zone: () => state.server?.clock.zone,
})

const views = () => [clientChat, topicChat, ownerChat]

async function switchVia(via) {
  state.via = via
  const chatId = clientChatId()
  if (!state.messages.has(chatId)) await loadMessages(chatId)
  clientChat.opened()
}

async function toggleBlock(p) {
  if (!p) return
  await clientChat.act(() => api.post('block', { user: p.id, blocked: !p.blocked }))
}

// ------------------------------------------------------------ chrome: status, clock, people, topics

function renderStatus() {
  const s = state.server
  const status = $('status')
  status.className = `status ${s?.status ?? 'starting'}`
  status.textContent =
    s?.status === 'running'
      ? `Bot running${s.bot ? ` · @${s.bot.username}` : ''}`
      : s?.status === 'error'
        ? 'Bot stopped: see why below'
        : 'Bot starting…'
  $('business').textContent = s?.business ?? ''
  const problem = $('problem')
  problem.hidden = !s?.problem
  if (s?.problem) {
    problem.replaceChildren(
      el('b', {}, 'The bot cannot run yet. '),
      'Fix this and save the file — the bot starts by itself:',
      el('pre', {}, s.problem),
    )
  }
  if (state.rateLimitsWanted === s?.rateLimits) state.rateLimitsWanted = undefined
  $('rate-limits').checked = state.rateLimitsWanted ?? !!s?.rateLimits
  document.body.classList.toggle('external', s?.mode === 'external')
  $('external-note').textContent =
    s?.mode === 'external' ? `The bot talks to ${s.apiRoot}: its chats are there. Here: the clock and the calls.` : ''
}

function renderClock() {
  const s = state.server
  if (!s) return
  const now = Date.now() + state.skew
  const zone = s.clock.zone
  const label = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(now))
  $('clock-now').textContent = label
  $('clock-zone').textContent = zone
  const input = $('clock-to')
  input.min = localInputValue(now)
  if (!input.value && document.activeElement !== input) input.value = localInputValue(now + 86_400_000)
  const minutes = Math.round(s.clock.offset / 60_000)
  $('clock-ahead').textContent =
    minutes < 1
      ? 'real time'
      : `${Math.floor(minutes / 1440)} d ${Math.floor(minutes / 60) % 24} h ${minutes % 60} min ahead`
}

function renderPeople() {
  const clients = people().filter((p) => p.role === 'client')
  if (state.client === undefined || !person(state.client)) state.client = clients.at(-1)?.id
  $('client-tabs').replaceChildren(
    ...clients.map((c) =>
      el(
        'button',
        {
          type: 'button',
          role: 'tab',
          'aria-selected': c.id === state.client ? 'true' : 'false',
          class: c.id === state.client ? 'tab active' : 'tab',
          onclick: () => void openClient(c.id),
        },
        c.name,
        c.blocked ? ' ⛔' : '',
      ),
    ),
  )
  const staff = people().filter((p) => p.member && p.member !== 'left')
  if (state.actAs === undefined || !staff.some((p) => p.id === state.actAs)) {
    state.actAs = staff.find((p) => p.role === 'manager')?.id ?? staff[0]?.id
  }
  $('act-as').replaceChildren(
    ...staff.map((p) => el('option', { value: p.id, selected: p.id === state.actAs }, `${p.name} (${p.role})`)),
  )
  $('group-title').textContent = state.server?.group?.title ?? 'Staff forum'
}

function renderTopics() {
  const topics = state.server?.group?.topics ?? []
  if (state.thread !== 'general' && !topics.some((t) => t.id === state.thread)) state.thread = 'general'
  const item = (id, name, extra = '') =>
    el(
      'button',
      {
        type: 'button',
        class: id === state.thread ? 'topic active' : 'topic',
        onclick: () => {
          state.thread = id
          renderTopics()
          topicChat.opened()
        },
      },
      name,
      extra,
    )
  $('topics').replaceChildren(
    item('general', '# General'),
    ...topics.map((t) => item(t.id, t.name, t.closed ? ' 🔒' : '')),
  )
}

async function openClient(id) {
  state.client = id
  if (!state.messages.has(clientChatId())) await loadMessages(clientChatId())
  renderPeople()
  clientChat.opened()
}

async function refresh() {
  const before = Date.now()
  state.server = await api.get('state')
  state.skew = state.server.clock.now - (before + Date.now()) / 2
  renderStatus()
  renderClock()
  renderPeople()
  renderTopics()
  renderCalls()
  if (!state.server.ownerBusiness && state.via === 'business' && !state.messages.get(clientChatId())?.size) {
    state.via = 'bot'
  }
  const wanted = [clientChatId(), groupId(), ownerOf()?.id].filter((id) => id !== undefined)
  await Promise.all(wanted.filter((id) => !state.messages.has(id)).map(loadMessages))
  for (const view of views()) view.render()
}

/** Several changes in a row cost one reload. */
let pendingRefresh
function refreshSoon() {
  if (pendingRefresh) return
  pendingRefresh = setTimeout(() => {
    pendingRefresh = undefined
    void refresh()
  }, 50)
}

// ------------------------------------------------------------ Bot API calls

function chatLabel(chatId) {
  if (chatId === undefined) return ''
  if (chatId === groupId()) return 'staff group'
  return person(chatId)?.name ?? String(chatId)
}

function renderCalls() {
  const calls = state.server?.calls ?? []
  const errors = calls.filter((c) => !c.ok)
  const count = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`
  $('calls-count').textContent =
    `${count(calls.length, 'call')} · ${count(errors.length, 'error')} · ${errors.filter((c) => c.errorCode === 429).length} × 429`
  const shown = (state.errorsOnly ? errors : calls).slice(-200).reverse()
  $('call-list').replaceChildren(
    ...shown.map((c) =>
      el(
        'li',
        { class: c.ok ? 'ok' : c.errorCode === 429 ? 'limited' : 'failed' },
        el('time', {}, zoneTime(c.at / 1000, true)),
        el('b', {}, c.method),
        el('span', { class: 'target' }, chatLabel(c.chatId), c.threadId ? ` #${c.threadId}` : ''),
        el('span', { class: 'summary' }, c.summary ?? ''),
        el(
          'span',
          { class: 'result' },
          c.ok
            ? '✓'
            : `${c.errorCode ?? ''} ${c.description ?? ''}${c.retryAfter ? ` (retry after ${c.retryAfter} s)` : ''}`,
        ),
      ),
    ),
  )
}

// ------------------------------------------------------------ live events

function connect() {
  const events = new EventSource('/sandbox/events')
  events.addEventListener('message', (e) => {
    const { chatId, message } = JSON.parse(e.data)
    const map = state.messages.get(chatId)
    if (!map) return
    map.set(message.message_id, message)
    for (const view of views()) if (view.o.chatId() === chatId) view.render()
  })
  events.addEventListener('deleted', (e) => {
    const { chatId, messageIds } = JSON.parse(e.data)
    const map = state.messages.get(chatId)
    for (const id of messageIds) map?.delete(id)
    for (const view of views()) if (view.o.chatId() === chatId) view.render()
  })
  events.addEventListener('state', refreshSoon)
  events.addEventListener('reset', () => {
    state.messages.clear()
    state.client = undefined
    state.via = 'bot'
    state.thread = 'general'
    refreshSoon()
  })
  events.addEventListener('answer', (e) => {
    const answer = JSON.parse(e.data)
    if (!answer.text) return
    for (const view of views()) {
      if (view.o.chatId() === answer.chatId && view.o.viewer() === answer.userId) {
        view.showToast(answer.text, answer.showAlert)
      }
    }
  })
  events.addEventListener('action', (e) => {
    const { chatId, threadId } = JSON.parse(e.data)
    for (const view of views()) {
      if (view.o.chatId() === chatId && (threadId === undefined || view.o.thread?.() === threadId)) view.typing()
    }
  })
  events.addEventListener('call', (e) => {
    if (!state.server) return
    state.server.calls.push(JSON.parse(e.data))
    if (state.server.calls.length > 500) state.server.calls.shift()
    renderCalls()
  })
  // After a lost connection, what happened meanwhile is loaded again
  events.addEventListener('open', () => {
    state.messages.clear()
    refreshSoon()
  })
}

// ------------------------------------------------------------ controls

function wire() {
  for (const button of document.querySelectorAll('[data-move]')) {
    button.addEventListener('click', () => void moveClock(button.dataset.move))
  }
  $('clock-form').addEventListener('submit', (e) => {
    e.preventDefault()
    const value = $('clock-to').value
    if (value) void moveClock(value)
  })
  $('rate-limits').addEventListener('change', async (e) => {
    state.rateLimitsWanted = e.target.checked
    try {
      await api.post('rate-limits', { on: e.target.checked })
    } catch (err) {
      state.rateLimitsWanted = undefined
      renderStatus()
      alert(err.message)
    }
  })
  $('reset').addEventListener('click', async () => {
    if (!confirm('Start over? The chats, the database and the clock go back to the beginning.')) return
    try {
      await api.post('reset', {})
    } catch (err) {
      alert(err.message)
    }
  })
  $('new-client').addEventListener('click', () => {
    $('client-form').hidden = !$('client-form').hidden
    $('client-name').focus()
  })
  $('client-form').addEventListener('submit', async (e) => {
    e.preventDefault()
    try {
      const { id } = await api.post('clients', {
        name: $('client-name').value,
        language: $('client-language').value,
        username: $('client-username').value,
      })
      $('client-form').hidden = true
      $('client-form').reset()
      state.messages.set(id, new Map())
      await refresh()
      await openClient(id)
    } catch (err) {
      $('client-error').textContent = err.message
    }
  })
  $('act-as').addEventListener('change', (e) => {
    state.actAs = Number(e.target.value)
    topicChat.render()
  })
  $('new-manager').addEventListener('click', async () => {
    const name = prompt('The new manager’s name:')
    if (!name) return
    try {
      const { id } = await api.post('managers', { name })
      state.actAs = id
      await refresh()
    } catch (err) {
      topicChat.showToast(err.message, false)
    }
  })
  $('errors-only').addEventListener('change', (e) => {
    state.errorsOnly = e.target.checked
    renderCalls()
  })
  $('calls-toggle').addEventListener('click', () => document.body.classList.toggle('calls-open'))
  setInterval(renderClock, 1000)
}

async function moveClock(to) {
  try {
    await api.post('clock', to)
    $('clock-to').value = ''
    await refresh()
  } catch (err) {
    alert(err.message)
  }
}

wire()
connect()
void refresh().then(() => {
  clientChat.opened()
  topicChat.opened()
  ownerChat.opened()
})
