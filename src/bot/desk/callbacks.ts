import { z } from 'zod'
import { defineCallback, idPart } from '../callback-data.ts'

/** A saved reply in the /r list: the client (whose topic it is) and the reply's name. */
export const deskReplyCallback = defineCallback('dr', [idPart, z.string().regex(/^[a-z][a-z0-9_]{0,31}$/)])
/** A saved reply's _Pay_ button, pressed by the client: the invoice it shows. */
export const deskPayCallback = defineCallback('dpay', [idPart])
