import { describe, expect, it } from 'vitest'
import { findClientByTelegramId } from '../../db/repositories/clients.ts'
import { book } from '../helpers/booking.ts'
import { createHarness, forgetData, type Harness, OWNER_ID } from '../helpers/harness.ts'
import { unpaidInvoice } from '../helpers/orders.ts'

/** The last file the chat got: its caption, its JSON, and the text sent right before it. */
function lastDocument(h: Harness, chatId: number) {
  const sent = h.fake.sentTo(chatId)
  const at = sent.findLastIndex((c) => c.method === 'sendDocument')
  const call = sent[at]
  if (!call) throw new Error('no document sent')
  return {
    caption: call.payload.caption === undefined ? undefined : String(call.payload.caption),
    json: JSON.parse(call.files.document!.data.toString('utf8')),
    before: sent[at - 1],
  }
}

/** /mydata's summary in Russian: its heading, then `about` (the contacts and the news), the calls, the orders and the end. */
const russianSummary = (about: string[], calls: string[], orders: string[], messages: number) =>
  [
    '📄 Что мы о вас храним — коротко. Всё целиком — в файле my-data.json.',
    '',
    ...about,
    '',
    'Звонки:',
    ...calls,
    '',
    'Заказы:',
    ...orders,
    '',
    `Сообщений в переписке: ${messages}.`,
    'Удалить все ваши данные — /forget.',
  ].join('\n')

describe('/mydata', () => {
  it('says in the client’s words what the file holds: contacts, news and since when on the business’s clock, calls, orders, messages', async () => {
    const h = createHarness()
    const user = h.u.user(3_100_001, { first_name: 'Ольга', last_name: 'Петрова', username: 'olga_k' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'))
    await book(h, user, { day: '2026-11-24', slot: '2026-11-24T12:00Z', phone: '+7 916 123-45-67' })
    unpaidInvoice(h, findClientByTelegramId(h.deps.db, user.id)!.id)
    await h.send(h.u.text(user, '/mydata'))
    const { caption, json } = lastDocument(h, user.id)
    expect(caption).toBe(
      russianSummary(
        [
          'Имя в Telegram: Ольга Петрова',
          'Username: @olga_k',
          'Телефон: +79161234567',
          'Новости: вы подписаны, согласие дано пн, 23 нояб., 12:00 (Москва, UTC+3). Отписаться — /stop.',
        ],
        ['• вторник, 24 ноября, 15:00–15:30 (Москва, UTC+3)'],
        ['• Визитка: 15\u00a0000\u00a0₽ — ждёт оплаты до 25 декабря'],
        json.messages.length,
      ),
    )
    // The file is still the whole copy, UTC times and all, and opens with how to read it
    expect(json.client.marketing_consent.status).toBe('granted')
    expect(json.client.marketing_consent.granted_at).toBe('2026-11-23T09:00:00.000Z')
    expect(json.about_this_file).toEqual({
      note: expect.stringContaining(
        'Время указано в UTC (с буквой Z на конце); время компании — Москва, UTC+3. Коды: marketing_consent.status — новости (granted — вы подписаны,',
      ),
      business_time_zone: 'Europe/Moscow',
      exported_at_local: '2026-11-23 12:00',
    })
    expect(Object.keys(json)[0]).toBe('about_this_file')
    // The owner's export of the same client keeps its documented shape
    await h.send(h.u.text(h.u.user(OWNER_ID), `/export ${user.id}`))
    expect(lastDocument(h, OWNER_ID).json.about_this_file).toBeUndefined()
  })

  it('in English, a decline with its time; and a list too long for a caption comes as a message before the file', async () => {
    const h = createHarness()
    const user = h.u.user(3_100_002, { first_name: 'Jane', language_code: 'en' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:no'))
    const client = findClientByTelegramId(h.deps.db, user.id)!
    for (let i = 1; i <= 12; i++) unpaidInvoice(h, client.id, { description: `Business cards, batch ${i}` })
    await h.send(h.u.text(user, '/mydata'))
    const { caption, before, json } = lastDocument(h, user.id)
    expect(caption).toBeUndefined()
    const summary = String(before?.payload.text)
    expect(summary.length).toBeGreaterThan(1024)
    expect(summary).toMatch(
      /^📄 What we store about you, in short\. All of it is in the file my-data\.json\.\n\nName in Telegram: Jane\nNews: you are not subscribed — you declined Mon 23 Nov, 12:00 \(Moscow Time, UTC\+3\)\.\n\nCalls:\nNo calls scheduled\.\n\nOrders:\n• Business cards, batch 1: ₽15,000 — awaiting payment by 25 December\n/,
    )
    expect(summary).toContain('• Business cards, batch 12: ')
    expect(
      summary.endsWith(`Messages in our conversation: ${json.messages.length}.\nTo delete all your data — /forget.`),
    ).toBe(true)
    expect(json.about_this_file.note).toMatch(/^All the data we store about you\. Times are in UTC/)
  })

  it('after /forget: what a new row holds of them, nothing more — no news, no calls, no orders', async () => {
    const h = createHarness()
    const user = h.u.user(3_100_003, { first_name: 'Вера', username: 'vera_k' })
    await h.send(h.u.text(user, '/start'), h.u.callback(user, 'consent:yes'))
    await h.send(h.u.text(user, 'Мой телефон +7 916 000-00-01'))
    await forgetData(h, user)
    await h.send(h.u.text(user, '/mydata'))
    const { caption, json } = lastDocument(h, user.id)
    expect(caption).toBe(
      russianSummary(
        ['Имя в Telegram: Вера', 'Username: @vera_k', 'Новости: вы не подписаны.'],
        ['Запланированных звонков нет.'],
        ['Открытых заказов нет.'],
        json.messages.length,
      ),
    )
    expect(json.messages.map((m: { text: string }) => m.text).join('\n')).not.toContain('+7 916')
  })

  it('in the owner’s account (Telegram Business): the file and its summary go there, on the account’s behalf', async () => {
    const h = createHarness()
    const client = h.u.user(3_100_004, { first_name: 'Пётр' })
    await h.send(h.u.businessConnection(h.u.user(OWNER_ID), { id: 'bc-olga' }))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, 'Здравствуйте'))
    await h.send(h.u.businessMessage(client, 'bc-olga', client.id, '/mydata'))
    const sent = h.fake.sentTo(client.id).filter((c) => c.method === 'sendDocument')
    expect(sent).toHaveLength(1)
    expect(sent[0]?.payload.business_connection_id).toBe('bc-olga')
    expect(String(sent[0]?.payload.caption)).toMatch(
      /^📄 Что мы о вас храним — коротко\. Всё целиком — в файле my-data\.json\.\n\nИмя в Telegram: Пётр\nНовости: вы не подписаны\.\n/,
    )
  })
})
