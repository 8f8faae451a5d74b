/**
 * How the owners' messages name a broadcast and its recipients: the recipients menu, the
 * confirmation, and a scheduled (or going) broadcast wherever it is named — by the start of its
 * text beside its number, as two or three planned for the morning are told apart by what they
 * say and whom they go to, not by a number.
 */
import type { ContentStore } from '../content/store.ts'
import type { BroadcastRow, SegmentFilter } from '../services/broadcasts.ts'
import { parseSegment } from '../services/broadcasts.ts'
import { clip, headline } from '../text.ts'
import { readPlan, wordsOf } from './broadcast-message.ts'
import type { Translate } from './context.ts'
import { mediaLabel } from './handoff/texts.ts'
import { languageName } from './keyboards/language.ts'
import { stageName } from './stage-name.ts'

/** Characters of a broadcast's text that name it: a line on a phone beside its number and recipients. */
const HEADLINE_MAX = 40

/** Who a segment selects, in words ("тег «vip» · этап: решение"; none set: everyone who agreed to news). */
export function segmentText(t: Translate, content: ContentStore, filter: SegmentFilter, locale: string): string {
  // A saved segment may name a product since taken out of the content: its remembered title
  const product = (id: string) => content.productTitle(id, locale) ?? id
  const parts: string[] = []
  if (filter.tag) parts.push(t('broadcast-seg-tag', { tag: filter.tag }))
  if (filter.product) parts.push(t('broadcast-seg-product', { product: product(filter.product) }))
  if (filter.stage) parts.push(t('broadcast-seg-stage', { stage: stageName(t, filter.stage) }))
  if (filter.language) parts.push(t('broadcast-seg-language', { language: languageName(t, filter.language) }))
  if (filter.activeDays) parts.push(t('broadcast-seg-active', { days: filter.activeDays }))
  if (filter.joinedDays) parts.push(t('broadcast-seg-joined', { days: filter.joinedDays }))
  if (filter.paid) parts.push(t('broadcast-seg-paid'))
  if (filter.unpaid) parts.push(t('broadcast-seg-unpaid'))
  // Who is left out, not who is picked: "everyone who agreed" stays named before it when nothing else is picked
  const rested = filter.rested ? [t('broadcast-seg-rested')] : []
  return [...(parts.length > 0 ? parts : [t('broadcast-seg-all')]), ...rested].join(' · ')
}

/**
 * The number owners know a broadcast by ("#3"): given when it is first scheduled or sent
 * (`broadcasts.number`), so a draft dropped from its menu takes none and leaves no gap. Every
 * broadcast the owners' messages name was scheduled or sent (a draft's menu shows no number):
 * one with none is a row read before it was numbered, a mistake said as one, not a number made up.
 */
export function broadcastNumber(b: Pick<BroadcastRow, 'id' | 'number'>): string {
  if (b.number === null) throw new Error(`broadcast ${b.id} is named to owners before it has a number`)
  return String(b.number)
}

/**
 * A broadcast as its owner's messages name it: `#12 «Скидка на лендинги до пятницы…» (получатели:
 * тег «vip»)` — the first line of its text or caption, clipped; with no words, what it is, as the
 * transcript names a message (`(фото; получатели: …)`, a sticker, a round video), or that it has
 * no text (a plan stored before its kind was). The texts these go in are sent with no parse mode:
 * nothing to escape.
 */
export function broadcastName(
  t: Translate,
  content: ContentStore,
  b: Pick<BroadcastRow, 'id' | 'number' | 'plan' | 'segment'>,
  locale: string,
): string {
  return t('broadcast-named', {
    ...whatItSays(t, b, (words) => headline(words, HEADLINE_MAX)),
    segment: segmentText(t, content, parseSegment(b.segment), locale),
  })
}

/**
 * A broadcast's number and what it says, as the texts naming it take them: its words as `shown`
 * gives them (`kind` text), else what it is (`kind` media, `what`: "фото"), else nothing known.
 */
function whatItSays(
  t: Translate,
  b: Pick<BroadcastRow, 'id' | 'number' | 'plan'>,
  shown: (words: string) => string,
): { id: string; kind: 'text' | 'media' | 'none'; text: string; what: string } {
  const plan = readPlan(b.plan)
  const text = shown(wordsOf(plan))
  const what = plan.kind === 'text' ? undefined : plan.what
  return {
    id: broadcastNumber(b),
    kind: text !== '' ? 'text' : what !== undefined ? 'media' : 'none',
    text,
    what: what === undefined ? '' : mediaLabel(t, what),
  }
}

/** Characters of a broadcast's text its recipient's topic reads: enough for a question it asks ("reply «yes»…"). */
const TOPIC_TEXT_MAX = 300

/**
 * A broadcast as a recipient's topic names it, for the team talking with them: its number and
 * its words on one line, clipped (`рассылку #3 «Скидка 20% на лендинги…»`), or what it is when
 * it has none (`рассылку #3 (фото)`). An answer to it ("да") then reads as one to the broadcast,
 * not to the manager's last question.
 */
export function broadcastForTopic(t: Translate, b: Pick<BroadcastRow, 'id' | 'number' | 'plan'>): string {
  return t(
    'mirror-broadcast',
    whatItSays(t, b, (words) => clip(words.replace(/\s+/g, ' ').trim(), TOPIC_TEXT_MAX)),
  )
}
