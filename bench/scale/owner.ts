/**
 * Owner operations on a seeded database, through the real bot where an owner would use
 * it: /stats 30d, /export, /backup, the daily sweep and a broadcast segment count. Each
 * is timed from the request to its result, while the event loop is watched for the
 * longest block (`monitorEventLoopDelay`): the bot must keep answering meanwhile.
 */
import type { DatabaseHandle } from '../../db/client.ts'
import { createFakeClock } from '../../test/helpers/clock.ts'
import { FakeTelegram } from '../../test/helpers/fake-telegram.ts'
import { createHarness, OWNER_ID } from '../../test/helpers/harness.ts'
import { type Timed, timed } from './stats.ts'

export interface OwnerOperation {
  ms: number
  /** The longest the event loop was blocked while it ran. */
  block_ms: number
}

const figure = ({ ms, block_ms }: Timed<unknown>): OwnerOperation => ({ ms, block_ms })

/**
 * The fake Bot API, except that an upload (an export, a chart) is read as Telegram would
 * receive it — streamed, chunk by chunk — instead of being parsed in one piece: parsing
 * a large multipart body is the fake's work, and would show as a block of the bot's event
 * loop that Telegram's servers never cause. The call is still recorded, to the owner.
 */
function fakeReceivingUploads(): FakeTelegram {
  const fake = new FakeTelegram()
  const parse = fake.fetch
  const receive = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = init?.body
    if (!body || typeof body === 'string') return parse(url, init)
    let bytes = 0
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length
    return parse(url, { method: 'POST', body: JSON.stringify({ chat_id: OWNER_ID, upload_bytes: bytes }) })
  }
  Object.defineProperty(fake, 'fetch', { value: receive })
  return fake
}

export async function measureOwnerOperations(
  database: DatabaseHandle,
  now: number,
): Promise<Record<'stats' | 'export' | 'backup' | 'sweep' | 'segment_count', OwnerOperation>> {
  const clock = createFakeClock(now)
  const h = createHarness({ database, clock, fake: fakeReceivingUploads(), config: { LOG_LEVEL: 'silent' } })
  const owner = h.u.user(OWNER_ID)
  const sent = (method: string) => h.fake.sentTo(owner.id).filter((c) => c.method === method).length

  // The read worker's thread is started by the first task an owner asks for; here it is
  // started beforehand, so each figure is the operation itself
  await h.deps.services.broadcasts.count({ tag: 'none' })

  const photos = sent('sendPhoto')
  const stats = await timed(() => h.send(h.u.text(owner, '/stats 30d')))
  if (sent('sendPhoto') !== photos + 1) throw new Error('/stats sent no chart')

  const documents = sent('sendDocument')
  const exported = await timed(() => h.send(h.u.text(owner, '/export')))
  if (sent('sendDocument') !== documents + 1) throw new Error('/export sent no file')

  // A large database is too big to send: the snapshot is still taken, then the owner is told
  const backup = await timed(() => h.send(h.u.text(owner, '/backup')))

  const sweep = await timed(() => h.deps.services.followups.sweep())
  // Everyone who may get marketing: the segment that counts the most clients
  const segment = await timed(() => h.deps.services.broadcasts.count({}))
  if (h.errors().length > 0) throw new Error(`the bot logged errors: ${JSON.stringify(h.errors().slice(0, 3))}`)
  await h.deps.reads.stop()
  await h.deps.services.broadcasts.worker()?.stop()
  return {
    stats: figure(stats),
    export: figure(exported),
    backup: figure(backup),
    sweep: figure(sweep),
    segment_count: figure(segment),
  }
}
