/**
 * Which chat an upload goes to is read from the multipart body grammY writes, before the
 * file and without reading the file: the outbound path paces it by that chat and marks a
 * client who blocked the bot.
 */
import { Api, InputFile } from 'grammy'
import { describe, expect, it } from 'vitest'
import { uploadFields } from '../../src/bot/outbound.ts'

/** The body and content type of one call as grammY sends it. */
async function grammyRequest(call: (api: Api) => Promise<unknown>): Promise<{ body: Buffer; boundary: string }> {
  let captured: { body: Buffer; type: string } | undefined
  const fetch = async (_url: unknown, init: { body?: unknown; headers?: Record<string, string> }) => {
    const chunks: Uint8Array[] = []
    for await (const chunk of init.body as AsyncIterable<Uint8Array | string>) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
    }
    captured = { body: Buffer.concat(chunks), type: init.headers?.['content-type'] ?? '' }
    return new Response(JSON.stringify({ ok: true, result: true }))
  }
  await call(new Api('123:token', { fetch: fetch as never }))
  if (!captured) throw new Error('grammY sent nothing')
  return { body: captured.body, boundary: /boundary=(.+)$/.exec(captured.type)?.[1] ?? '' }
}

describe('the fields of an upload', () => {
  it('reads the chat, the caption and the keyboard, whatever the file holds', async () => {
    // A file full of what delimits parts: blank lines, dashes, bytes that are not text
    const file = Buffer.concat([Buffer.from('--\r\n\r\n--x\r\n'), Buffer.from([0xff, 0x00, 0x0d, 0x0a])])
    const { body, boundary } = await grammyRequest((api) =>
      api.sendDocument(-1001234567890, new InputFile(file, 'копия базы.sqlite'), {
        caption: 'Резервная копия — «ClientDesk»',
        message_thread_id: 42,
        reply_markup: { inline_keyboard: [[{ text: 'Ок', callback_data: 'ok' }]] },
      }),
    )
    expect(uploadFields(body, boundary)).toMatchObject({
      chat_id: -1001234567890,
      caption: 'Резервная копия — «ClientDesk»',
      message_thread_id: 42,
      reply_markup: { inline_keyboard: [[{ text: 'Ок', callback_data: 'ok' }]] },
    })
  })

  it('stops at the first file: nothing after it is read as a field', async () => {
    const { body, boundary } = await grammyRequest((api) =>
      api.sendPhoto(501, new InputFile(Buffer.from('name="chat_id"\r\n\r\n999'), 'p.jpg')),
    )
    expect(uploadFields(body, boundary)).toEqual({ chat_id: 501, photo: expect.stringMatching(/^attach:\/\//) })
  })
})
