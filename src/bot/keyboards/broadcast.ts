import { z } from 'zod'
import { defineCallback, idPart } from '../callback-data.ts'

/**
 * A broadcast draft's own buttons: its recipients menu, preview, send, test, discard. Here and
 * not with the /broadcast feature because a job offers one too: a draft put off to the end of
 * the quiet hours that found nobody then is handed back to its owner with its recipients menu.
 */
export const broadcastMenuCallback = defineCallback('bcm', [
  idPart,
  // sendsame / morningsame: "yes, this one too" after being told the same message is already on its way
  z.enum([
    'menu',
    'all',
    'preview',
    'send',
    'sendnow',
    'morning',
    'sendsame',
    'sendnowsame',
    'morningsame',
    'test',
    'discard',
    // rested / unrested: leave out (or take back) those a broadcast reached in the last 24 hours
    'rested',
    'unrested',
  ]),
])

/**
 * "Send it to the rest (N)": a stopped broadcast goes on to the recipients it did not reach (any
 * owner may press it, as any may stop one). Under its report, which the worker sends, and under
 * the question about a new broadcast of the same message — then with that new draft (`draft`),
 * dropped once the stopped one goes on instead.
 */
export const broadcastRestCallback = defineCallback('bcrest', [idPart, idPart.optional()])
