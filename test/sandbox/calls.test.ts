import { describe, expect, it } from 'vitest'
import { CallLog, recordingFetch } from '../../src/sandbox/calls.ts'
import { createFakeClock } from '../helpers/clock.ts'

type Fetch = Parameters<typeof recordingFetch>[2]

describe('the call log', () => {
  it('clips a summary between characters, never inside an emoji (GET /sandbox/state stays valid JSON)', async () => {
    const log = new CallLog()
    const answer: Fetch = (async () =>
      new Response(JSON.stringify({ ok: true, result: {} }), {
        headers: { 'content-type': 'application/json' },
      })) as never
    const send = recordingFetch(log, createFakeClock(), answer)
    // The emoji's first half is the 89th UTF-16 unit, where a cut by length fell
    const text = `${'a'.repeat(88)}😊 and more after the cut`
    await send('http://api.test/bot1:x/sendMessage', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: 1, text }),
    } as never)
    const summary = log.list()[0]?.summary ?? ''
    expect(summary).toBe(`${'a'.repeat(88)}😊…`)
    expect(JSON.stringify({ summary })).not.toMatch(/\\ud8/i)
  })
})
