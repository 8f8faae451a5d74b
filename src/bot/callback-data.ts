import { z } from 'zod'

/**
 * Typed, validated button data: `prefix:part:part`. Button data comes back
 * from the client and can be stale or forged, so it is parsed with a schema
 * and anything that does not fit is `undefined` — never trusted.
 */
export function defineCallback<const Parts extends [z.ZodType, ...z.ZodType[]]>(prefix: string, parts: Parts) {
  const schema = z.tuple(parts)
  type Value = Readonly<z.infer<typeof schema>>
  // A press is unpacked by each reader of it (the transcript's label, the handler, a flow's
  // step): the last data's reading is kept, the same for the same data
  let last: { data: string; value: Value | undefined } | undefined
  return {
    /** Matches any data with this prefix: the handler then calls `unpack`. */
    filter: new RegExp(`^${prefix}(:|$)`),
    pack(...values: Value): string {
      const data = [prefix, ...values.map(String)].join(':')
      if (Buffer.byteLength(data) > 64) throw new Error(`callback data over 64 bytes: ${data}`)
      return data
    },
    unpack(data: string | undefined): Value | undefined {
      if (!data?.startsWith(prefix)) return undefined
      if (last?.data === data) return last.value
      const rest = data.slice(prefix.length)
      if (rest !== '' && !rest.startsWith(':')) return undefined
      const raw = rest === '' ? [] : rest.slice(1).split(':')
      const parsed = schema.safeParse(raw)
      // Frozen: every reader of the press gets this one tuple
      const value = parsed.success ? Object.freeze(parsed.data) : undefined
      last = { data, value }
      return value
    },
  }
}

/** A positive integer id in callback data. */
export const idPart = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)
