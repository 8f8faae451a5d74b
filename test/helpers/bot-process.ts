/**
 * The real bot process, started exactly as an operator starts it: `npm start` (with the
 * Node flags of package.json's start script), with only the given environment. It runs the
 * compiled bot, which test/global-setup.ts builds before the suite.
 */
import { type ChildProcess, spawn } from 'node:child_process'

const ROOT = new URL('../..', import.meta.url).pathname

export interface BotProcess {
  /** npm's process; the bot is its child (see `runningPid`). */
  child: ChildProcess
  /** Everything it printed so far (stdout and stderr). */
  output(): string
  exited: Promise<number | null>
}

export function startBotProcess(env: Record<string, string>): BotProcess {
  let out = ''
  const child = spawn('npm', ['--silent', 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ENV_FILE: '/nonexistent/.env', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (d) => {
    out += d
  })
  child.stderr?.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => out, exited }
}

/** Waits until the bot says it runs; returns its own pid (not npm's). */
export async function runningPid(bot: BotProcess): Promise<number> {
  while (!bot.output().includes('"msg":"running')) await new Promise((r) => setTimeout(r, 25))
  return Number(/"pid":(\d+)/.exec(bot.output())?.[1])
}
