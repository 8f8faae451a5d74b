import { describe, expect, it } from 'vitest'
import { KvStorage } from '../../db/storage.ts'
import { latestButtons } from '../helpers/flows.ts'
import { createHarness, demoContent, OWNER_ID } from '../helpers/harness.ts'

/**
 * 1ad7b8d keys a business chat's conversation state by chat id + connection id, and says
 * "state saved before the upgrade keeps working, no migration". But before the upgrade a flow
 * running in the owner's chat (auto_reply) was saved under the chat id alone — the key that
 * now means the bot's chat.
 */
describe('upgrade: a brief in the owner’s chat saved by the previous version', () => {
  it('goes on in the owner’s chat, and the bot’s chat is not taken over by it', async () => {
    const demo = demoContent()
    const h = createHarness({ content: { ...demo, telegram_business: { auto_reply: 'always' } } })
    const owner = h.u.user(OWNER_ID, { first_name: 'Ольга', username: 'olga' })
    const user = h.u.user(401, { first_name: 'Анна' })
    await h.send(h.u.businessConnection(owner, { id: 'bc-olga' }))
    const onBehalf = () => h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === 'bc-olga')

    // The brief, opened in the owner's chat, at question 1
    await h.send(h.u.businessMessage(user, 'bc-olga', user.id, 'Здравствуйте'))
    await h.send(h.u.callback(user, 'menu:discovery', { businessConnectionId: 'bc-olga' }))
    expect(onBehalf().at(-1)?.payload.text).toContain('Вопрос 1 из 10')

    // What the previous version wrote: the flow's state under the chat's id alone
    const rows = h.deps.sqlite.prepare("select key from kv where key like 'conv:%'").all() as { key: string }[]
    expect(rows.map((r) => r.key)).toEqual(['conv:401:bc-olga'])
    const kvs = new KvStorage<unknown>(h.deps.db, '')
    kvs.write('conv:401', kvs.read('conv:401:bc-olga'))
    kvs.delete('conv:401:bc-olga')

    // After the upgrade she answers question 1 with its button in the owner's chat
    const button = latestButtons(h, user.id).find((b) => b.text === 'Посоветовали знакомые')?.data as string
    expect(button).toBeTruthy()
    await h.send(h.u.callback(user, button, { businessConnectionId: 'bc-olga' }))
    expect.soft(onBehalf().at(-1)?.payload.text).toContain('Вопрос 2 из 10')

    // And her question in the bot's chat is not swallowed by that brief ("choose a button,
    // question 1 of 10" in a chat where she never opened it)
    const inBotChat = () => h.fake.sentTo(user.id).filter((c) => c.payload.business_connection_id === undefined)
    const before = inBotChat().length
    await h.send(h.u.text(user, 'Какие у вас цены?'))
    const replies = inBotChat()
      .slice(before)
      .map((c) => String(c.payload.text ?? ''))
    expect.soft(replies.join('\n')).not.toContain('Вопрос 1 из 10')
  })
})
