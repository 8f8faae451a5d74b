import pino, { type Bindings, type DestinationStream, type Logger } from 'pino'
import pretty from 'pino-pretty'

export type { Logger } from 'pino'

/**
 * Structured logs: one JSON object per line (`json`, for journald, docker logs
 * and log shippers), or coloured lines for a person at a terminal (`pretty`).
 * The bot token (and any other secret passed in, such as the payment provider's
 * token) is scrubbed from every line at the output stream, whatever logged it
 * (an error message, a URL, a stack), so it cannot leak through a path no
 * redact rule foresaw; `pretty` formats the already scrubbed line.
 * Nobody's personal data goes into the logs, which /forget cannot erase: lines
 * name clients by their internal id, never by Telegram id, name or text — so a
 * failed Bot API call is logged without the request grammY keeps on its error.
 */
export function createLogger(options: {
  level: string
  token?: string
  secrets?: readonly (string | undefined)[]
  format?: 'json' | 'pretty'
  destination?: DestinationStream
}): Logger {
  const out =
    options.format === 'pretty'
      ? pretty({
          destination: options.destination ?? 1,
          colorize: !options.destination && process.stdout.isTTY,
          translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
          sync: true,
        })
      : (options.destination ?? pino.destination({ dest: 1, sync: false }))
  const redact = redactor(options)
  const stream: DestinationStream = redact
    ? {
        write(line: string) {
          out.write(redact(line))
        },
      }
    : out
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['token', '*.token', 'config.BOT_TOKEN'], censor: '[redacted]' },
      serializers: { err: errorWithoutRequest },
    },
    stream,
  )
}

/**
 * What scrubs the bot token (whole, and its secret half alone) and the other secrets from a text,
 * as from every log line; undefined when there is nothing to scrub. main.ts passes what it prints
 * to stderr through it too: a network error's message names the request's URL, token included.
 */
export function redactor({
  token,
  secrets: others = [],
}: {
  token?: string | undefined
  secrets?: readonly (string | undefined)[]
}): ((text: string) => string) | undefined {
  const secrets = [token, token?.split(':')[1], ...others].filter((s): s is string => !!s && s.length >= 8)
  if (secrets.length === 0) return undefined
  return (text) => {
    let safe = text
    for (const s of secrets) safe = safe.split(s).join('[redacted]')
    return safe
  }
}

/** An error as logged: what failed and why, without the request (its chat id and text) a Bot API error carries. */
function errorWithoutRequest(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown
  const strip = (value: unknown, depth: number): void => {
    if (!value || typeof value !== 'object' || depth > 4) return
    const record = value as Record<string, unknown>
    delete record.payload
    for (const nested of Object.values(record)) strip(nested, depth + 1)
  }
  strip(out, 0)
  return out
}

/** A chat as logs name it: a group by its id; a person's private chat never (their id is personal data). */
export function chatForLog(chatId: number | undefined): number | 'private' | undefined {
  return chatId === undefined || chatId < 0 ? chatId : 'private'
}

/**
 * `parent.child(bindings)`, made only when something is logged through it (or its level is
 * read): pino builds a child's bindings line at once, and every update made two to six of
 * them (the update's, the client's, each conversation run's) while nearly all updates log
 * nothing — some 3% of a client's /start through `handleUpdate` (scale bench). A child of
 * it is deferred the same way; the lines logged are the same as the eager child's.
 */
export function lazyChild(parent: Logger, bindings: Bindings): Logger {
  return deferred(() => parent.child(bindings))
}

function deferred(make: () => Logger): Logger {
  let made: Logger | undefined
  const real = () => {
    made ??= make()
    return made
  }
  return new Proxy(Object.create(null) as Logger, {
    get(_target, prop) {
      if (prop === 'child' && made === undefined) {
        return (bindings: Bindings, options?: Parameters<Logger['child']>[1]) =>
          options === undefined ? deferred(() => real().child(bindings)) : real().child(bindings, options)
      }
      const logger = real()
      const value: unknown = Reflect.get(logger, prop, logger)
      return typeof value === 'function' ? value.bind(logger) : value
    },
    set: (_target, prop, value) => Reflect.set(real(), prop, value),
    has: (_target, prop) => prop in real(),
  })
}
