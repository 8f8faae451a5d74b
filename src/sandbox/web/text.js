// Telegram's text with entities, drawn safely as DOM (never as HTML strings),
// and small formatting helpers shared by the panes.

/** Creates an element: el('b', { class: 'x' }, 'text', child) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value)
    else if (key === 'dataset') Object.assign(node.dataset, value)
    else node.setAttribute(key, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue
    node.append(child instanceof Node ? child : String(child))
  }
  return node
}

const WRAP_ORDER = [
  'text_link',
  'url',
  'text_mention',
  'mention',
  'bot_command',
  'blockquote',
  'expandable_blockquote',
  'pre',
  'code',
  'bold',
  'italic',
  'underline',
  'strikethrough',
  'spoiler',
]

function wrap(entity, text, inner, onCommand) {
  switch (entity.type) {
    case 'bold':
      return el('b', {}, inner)
    case 'italic':
      return el('i', {}, inner)
    case 'underline':
      return el('u', {}, inner)
    case 'strikethrough':
      return el('s', {}, inner)
    case 'spoiler':
      return el(
        'span',
        { class: 'spoiler', title: 'spoiler', onclick: (e) => e.currentTarget.classList.add('shown') },
        inner,
      )
    case 'code':
      return el('code', {}, inner)
    case 'pre':
      return el('pre', {}, inner)
    case 'blockquote':
    case 'expandable_blockquote':
      return el('blockquote', {}, inner)
    case 'text_link':
      // Only the links Telegram opens: a javascript: URL here would run in this page
      return /^(https?|tg):/i.test(entity.url ?? '')
        ? el('a', { href: entity.url, target: '_blank', rel: 'noopener noreferrer' }, inner)
        : el('span', {}, inner)
    case 'url': {
      const href = /^https?:\/\//i.test(text) ? text : `http://${text}`
      return el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, inner)
    }
    case 'text_mention':
    case 'mention':
      return el('span', { class: 'mention' }, inner)
    case 'bot_command':
      return el(
        'a',
        {
          class: 'command',
          href: '#',
          onclick: (e) => {
            e.preventDefault()
            onCommand?.(text)
          },
        },
        inner,
      )
    default:
      return el('span', {}, inner)
  }
}

/**
 * Text with entities as DOM nodes. Offsets are UTF-16 code units, as JavaScript
 * strings count them. Overlapping entities split the text into segments; each
 * segment is wrapped in every entity that covers it.
 */
export function formatted(text = '', entities = [], onCommand) {
  const cuts = new Set([0, text.length])
  for (const e of entities) {
    cuts.add(Math.max(0, Math.min(text.length, e.offset)))
    cuts.add(Math.max(0, Math.min(text.length, e.offset + e.length)))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const fragment = document.createDocumentFragment()
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i]
    const to = points[i + 1]
    let node = document.createTextNode(text.slice(from, to))
    const covering = entities
      .filter((e) => e.offset <= from && e.offset + e.length >= to)
      .sort((a, b) => WRAP_ORDER.indexOf(b.type) - WRAP_ORDER.indexOf(a.type))
    for (const e of covering) node = wrap(e, text.slice(e.offset, e.offset + e.length), node, onCommand)
    fragment.append(node)
  }
  return fragment
}

/** A short one-line excerpt of a message, for reply quotes and lists. */
export function excerptOf(message) {
  if (!message) return ''
  const text = message.text ?? message.caption
  if (text) return text.length > 80 ? `${text.slice(0, 79)}…` : text
  if (message.photo) return '🖼 Photo'
  if (message.document) return `📄 ${message.document.file_name ?? 'File'}`
  if (message.contact) return `👤 ${message.contact.phone_number}`
  if (message.voice) return '🎤 Voice message'
  if (message.video) return '🎬 Video'
  if (message.sticker) return `${message.sticker.emoji ?? '🙂'} Sticker`
  if (message.location) return '📍 Location'
  return 'Message'
}

export function fileSize(bytes = 0) {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export function personName(user) {
  return [user?.first_name, user?.last_name].filter(Boolean).join(' ') || 'Someone'
}
