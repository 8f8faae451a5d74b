import { z } from 'zod'
import { defineCallback, idPart } from '../callback-data.ts'

/** "Is your question solved?" — handoff id and the answer. */
export const closeCallback = defineCallback('hclose', [idPart, z.enum(['yes', 'no'])])
/** The 1–5 ratings after closing — handoff id, what is rated, the score. */
export const rateCallback = defineCallback('hrate', [
  idPart,
  z.enum(['speed', 'quality']),
  z.coerce.number().int().min(1).max(5),
])
/** "I take this client" on the card in the staff group — client id. */
export const claimCallback = defineCallback('hclaim', [idPart])
