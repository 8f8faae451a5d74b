/**
 * The real bot process, started as `npm start` starts it (the Node flags of package.json's
 * start script, `--import tsx src/main.ts`), with only the given environment.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'

const ROOT = new URL('../..', import.meta.url).pathname

/** The Node flags `npm start` runs the bot with (package.json), `--import tsx` aside. */
function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts.start
  return start.split(' ').filter((arg) => arg.startsWith('--') && arg !== '--import')
}

export interface BotProcess {
  child: ChildProcess
  /** Everything it printed so far (stdout and stderr). */
  output(): string
  exited: Promise<number | null>
}

export function startBotProcess(env: Record<string, string>): BotProcess {
  let out = ''
  const child = spawn(process.execPath, [...startFlags(), '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ENV_FILE: '/nonexistent/.env', ...env },
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
