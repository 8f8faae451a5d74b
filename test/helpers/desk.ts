import type { Update, User } from 'grammy/types'
import { expect } from 'vitest'
import { messagesPut } from '../../src/sandbox/telegram/rate-limits.ts'
import { type Harness, OWNER_ID } from './harness.ts'

/**
 * Handles the updates and checks that nothing was put into a staff group on
 * the way, nor edited there (any group: chat ids below zero; Telegram counts
 * an edit there as a message): every group message is an outbox row, sent
 * later by the outbox (`drain`), within the group's budget.
 */
export async function sendThroughOutbox(h: Harness, ...updates: Update[]): Promise<void> {
  const before = h.fake.calls.length
  await h.send(...updates)
  const direct = h.fake.calls
    .slice(before)
    .filter((c) => Number(c.payload.chat_id) < 0 && messagesPut(c.method, c.payload) > 0)
  expect(direct.map((c) => `${c.method} ${c.payload.text ?? ''}`)).toEqual([])
}

/** Moves the fake clock to the next moment the outbox may send, until nothing waits. */
export async function settle(h: Harness, maxSteps = 500): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    const { nextAt } = await h.deps.services.outbox.drain()
    if (nextAt === undefined) return
    h.clock.set(Math.max(nextAt, h.clock.now()))
  }
  throw new Error('the outbox did not settle')
}

/** What the staff see of a topic: its title and whether it is closed. */
export function topicState(h: Harness, topicId: number): { name: string; closed: boolean } {
  const topic = h.fake.topics.get(topicId)
  if (!topic) throw new Error(`no topic ${topicId}`)
  return { name: topic.name, closed: topic.closed === true }
}

/** The ids of every message the bot deleted, one by one or in batches. */
export function deletedMessageIds(h: Harness): number[] {
  return h.fake.calls
    .filter((c) => c.method === 'deleteMessages' || c.method === 'deleteMessage')
    .flatMap((c) => (c.payload.message_ids as number[] | undefined) ?? [c.payload.message_id as number])
}

/**
 * Two managers of one staff group, Мария and Светлана (their Telegram names, as cards name
 * them), the harness's owner having added them.
 */
export function twoManagers(h: Harness, [mariaId, svetaId]: [number, number]): { maria: User; sveta: User } {
  h.deps.services.staff.add(mariaId, 'manager', OWNER_ID, 'Мария')
  h.deps.services.staff.add(svetaId, 'manager', OWNER_ID, 'Светлана')
  return { maria: h.u.user(mariaId, { first_name: 'Мария' }), sveta: h.u.user(svetaId, { first_name: 'Светлана' }) }
}

/** A team member mentioned in a staff notice as its HTML has it: Telegram tells them. */
export const mention = (id: number, name: string): string => `<a href="tg://user?id=${id}">${name}</a>`
