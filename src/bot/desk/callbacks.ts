import { z } from 'zod'
import { defineCallback, idPart } from '../callback-data.ts'

/** A saved reply in the /r list: the client (whose topic it is) and the reply's name. */
export const deskReplyCallback = defineCallback('dr', [idPart, z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)])
/** The client's _Pay_ button (under a saved reply, in /mybookings): the invoice it sends again. */
export const deskPayCallback = defineCallback('dpay', [idPart])
