/**
 * The deployment files say what the code does: the commands, ports, paths and
 * grace periods in the Dockerfile, compose.yaml and the systemd unit are the
 * ones the bot uses. No Docker engine runs here, so the files are read as text;
 * the unit is also checked with systemd-analyze where it is installed.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parseEnv } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { SHUTDOWN_GRACE_MS } from '../src/app.ts'

const ROOT = new URL('..', import.meta.url).pathname
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const pkg = JSON.parse(read('package.json')) as {
  scripts: { start: string; postinstall?: string }
  engines: { node: string }
  dependencies: Record<string, string>
}
/** The documented defaults: .env.example is what an owner starts from. */
const example = parseEnv(read('.env.example'))
/** `npm start` is `exec <command>`: the command the service managers must run. */
const START = pkg.scripts.start.replace(/^exec /, '').split(' ')

/** Dockerfile instructions per stage, continuation lines joined. */
function dockerStages(text: string): { from: string; lines: string[] }[] {
  const stages: { from: string; lines: string[] }[] = []
  const joined = text.replace(/\\\n/g, ' ')
  for (const raw of joined.split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    if (/^FROM /i.test(line)) stages.push({ from: line, lines: [] })
    else stages.at(-1)?.lines.push(line)
  }
  return stages
}

/**
 * What the bot process loads, following imports from src/main.ts: the
 * top-level folders of its own files, and the packages it imports.
 */
function whatTheBotLoads(): { folders: Set<string>; packages: Set<string> } {
  const seen = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    const specs = [
      // static imports and re-exports (the `from` of a multi-line import starts its own line with `}`)
      ...text.matchAll(/^(?:import|export|\})[^\n]*?\bfrom '([^']+)'$/gm),
      ...text.matchAll(/^import '([^']+)'$/gm),
      ...text.matchAll(/\bimport\('([^']+)'\)/g),
    ].map((m) => m[1] ?? '')
    for (const spec of specs) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec)
        if (target.endsWith('.ts') && existsSync(target)) visit(target)
      } else if (!spec.startsWith('node:')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? ''))
      }
    }
  }
  visit(join(ROOT, 'src/main.ts'))
  return { folders: new Set([...seen].map((file) => relative(ROOT, file).split('/')[0] ?? '')), packages }
}

function grace(text: string): number {
  const match = /^(\d+)(ms|s|m)?$/.exec(text.trim())
  if (!match) throw new Error(`not a duration: ${text}`)
  return Number(match[1]) * ({ ms: 1, s: 1000, m: 60_000 }[match[2] ?? 's'] ?? 1000)
}

describe('the Dockerfile', () => {
  const stages = dockerStages(read('Dockerfile'))
  const [builder, runtime] = [stages[0], stages.at(-1)]
  const runtimeLine = (instruction: string) =>
    runtime?.lines.filter((l) => l.toUpperCase().startsWith(`${instruction} `)) ?? []

  it('builds the native SQLite driver and the compiled bot in a builder stage and copies only the results', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    expect(builder?.from).toMatch(/ AS builder$/i)
    const steps = builder?.lines.join('\n') ?? ''
    expect(steps).toMatch(/apt-get install .*python3.*make.*g\+\+/)
    expect(steps).toMatch(/RUN npm ci --omit=dev/)
    expect(builder?.lines).toContain('RUN npm run build')
    expect(runtimeLine('COPY')).toContain('COPY --from=builder /app/node_modules ./node_modules')
    expect(runtimeLine('COPY')).toContain('COPY --from=builder /app/dist ./dist')
    expect(runtime?.lines.join('\n')).not.toMatch(/apt-get|npm (ci|install|run)/)
  })

  it('has the patches of dependencies in place when `npm ci` applies them', () => {
    const steps = builder?.lines ?? []
    const install = steps.findIndex((l) => l.startsWith('RUN npm ci'))
    const copied = steps.findIndex((l) => /^COPY .*\bpatches\b/.test(l))
    expect(pkg.scripts.postinstall).toBe('patch-package')
    expect(pkg.dependencies['patch-package']).toBeDefined()
    expect(copied).toBeGreaterThanOrEqual(0)
    expect(copied).toBeLessThan(install)
  })

  it('uses a Node.js the package accepts', () => {
    const version = Number(/ARG NODE_VERSION=(\d+)/.exec(read('Dockerfile'))?.[1])
    expect(version).toBeGreaterThanOrEqual(Number(/>=\s*(\d+)/.exec(pkg.engines.node)?.[1]))
    expect(stages.every((s) => /node:\$\{NODE_VERSION\}/.test(s.from))).toBe(true)
  })

  it('builds from everything the bot loads, from paths that exist, and runs the build', () => {
    const sources = (builder?.lines ?? []).filter((l) => /^COPY /.test(l)).flatMap((l) => l.split(/\s+/).slice(1, -1))
    for (const path of sources) expect(existsSync(join(ROOT, path)), path).toBe(true)
    for (const folder of whatTheBotLoads().folders) expect(sources, folder).toContain(folder)
    // Read at run time, not imported (copied into dist/ by the build): the migrations and the demo content
    expect(sources).toContain('db')
    for (const file of ['tsconfig.json', 'tsconfig.build.json', 'deploy/build.mjs']) expect(sources).toContain(file)
    const copied = runtimeLine('COPY')
      .filter((l) => !l.includes('--from='))
      .flatMap((l) => l.split(/\s+/).slice(1, -1))
    expect(copied).toContain('package.json') // "type": "module"
    expect(START.at(-1)).toBe('dist/src/main.js')
  })

  it('needs only production dependencies at run time (the image omits the others)', () => {
    const { packages } = whatTheBotLoads()
    expect(packages.size).toBeGreaterThan(5)
    const production = new Set(Object.keys(pkg.dependencies))
    expect([...packages].filter((name) => !production.has(name))).toEqual([])
    expect(production.has('typescript')).toBe(true) // the build compiles with it, after `npm ci --omit=dev`
  })

  it('runs the bot itself as an unprivileged user, with the database in a volume', () => {
    expect(runtimeLine('USER')).toEqual(['USER node'])
    const env = runtimeLine('ENV').join(' ')
    const database = /DATABASE_PATH=(\S+)/.exec(env)?.[1] ?? ''
    expect(runtimeLine('VOLUME')).toEqual([`VOLUME ["${dirname(database)}"]`])
    expect(runtime?.lines.join('\n')).toContain(`install -d -o node -g node -m 700 ${dirname(database)}`)
    expect(runtimeLine('CMD')).toEqual([`CMD ${JSON.stringify(START).replaceAll(',', ', ')}`])
    expect(runtimeLine('STOPSIGNAL')).toEqual(['STOPSIGNAL SIGTERM'])
    expect(runtimeLine('EXPOSE')).toEqual([`EXPOSE ${example.WEBHOOK_PORT}`])
  })

  it('checks health on the port the image sets', () => {
    const env = runtimeLine('ENV').join(' ')
    expect(env).toMatch(/HEALTH_PORT=\d+/)
    const [check] = runtimeLine('HEALTHCHECK')
    expect(check).toMatch(/http:\/\/127\.0\.0\.1:\$\{process\.env\.HEALTH_PORT\}\/healthz/)
    expect(check).toMatch(/process\.exit\(r\.ok \? 0 : 1\)/)
  })

  it('keeps secrets, state and installed modules out of the build context', () => {
    const ignored = read('.dockerignore').split('\n')
    for (const entry of ['.env', 'node_modules', 'data', '.git']) expect(ignored).toContain(entry)
  })
})

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml')) as {
    services: Record<string, Record<string, unknown>>
    volumes: Record<string, unknown>
  }
  const bot = compose.services.bot ?? {}
  const environment = bot.environment as Record<string, string>

  it('builds this image, reads .env and restarts the bot', () => {
    expect(bot).toMatchObject({ build: '.', env_file: '.env', restart: 'unless-stopped' })
  })

  it('keeps the database in a named volume and health on the image port', () => {
    const mounts = (bot.volumes as string[]).filter((v) => !v.startsWith('#'))
    const [volume, target] = (mounts[0] ?? '').split(':')
    expect(target).toBe(dirname(environment.DATABASE_PATH ?? ''))
    expect(compose.volumes).toHaveProperty(volume ?? '')
    const imagePort = /HEALTH_PORT=(\d+)/.exec(read('Dockerfile'))?.[1]
    expect(environment.HEALTH_PORT).toBe(imagePort)
  })

  it('gives the bot longer than its own shutdown grace before killing it', () => {
    expect(grace(String(bot.stop_grace_period))).toBeGreaterThan(SHUTDOWN_GRACE_MS)
  })
})

describe('the systemd unit', () => {
  const unitPath = join(ROOT, 'deploy/clientdesk.service')
  const service = new Map<string, string[]>()
  let section = ''
  for (const raw of readFileSync(unitPath, 'utf8').split('\n')) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const header = /^\[(.+)\]$/.exec(line)
    if (header) section = header[1] ?? ''
    else if (section === 'Service') {
      const [key = '', ...value] = line.split('=')
      service.set(key, [...(service.get(key) ?? []), value.join('=')])
    }
  }
  const one = (key: string) => service.get(key)?.[0]

  it('runs the bot itself as a dedicated user from its folder, with its env file', () => {
    expect(one('User')).toBe('clientdesk')
    expect(one('Group')).toBe('clientdesk')
    const folder = one('WorkingDirectory') ?? ''
    expect(one('EnvironmentFile')).toBe(join(folder, '.env'))
    const [node, ...args] = (one('ExecStart') ?? '').split(' ')
    expect(node).toMatch(/^\/.+\/node$/)
    expect(args).toEqual(START.slice(1))
    expect(START[0]).toBe('node')
  })

  it('restarts on failure and waits for a clean stop', () => {
    expect(one('Restart')).toBe('on-failure')
    expect(one('KillSignal')).toBe('SIGTERM')
    expect(grace(one('TimeoutStopSec') ?? '0')).toBeGreaterThan(SHUTDOWN_GRACE_MS)
  })

  it('is sandboxed, with only the database folder writable', () => {
    expect(one('NoNewPrivileges')).toBe('yes')
    expect(one('ProtectSystem')).toBe('strict')
    expect(one('PrivateTmp')).toBe('yes')
    expect(one('ProtectHome')).toBe('yes')
    const folder = one('WorkingDirectory') ?? ''
    expect(service.get('ReadWritePaths')).toEqual([join(folder, dirname(example.DATABASE_PATH ?? ''))])
  })

  const analyze = spawnSync('systemd-analyze', ['--version']).status === 0
  it.skipIf(!analyze)('passes systemd-analyze verify, with a low exposure score', () => {
    const verify = spawnSync('systemd-analyze', ['verify', unitPath], { encoding: 'utf8' })
    expect(verify.stderr.trim()).toBe('')
    expect(verify.status).toBe(0)
    const security = execFileSync('systemd-analyze', ['security', '--offline=yes', unitPath], { encoding: 'utf8' })
    const exposure = Number(/Overall exposure level for .*: ([\d.]+)/.exec(security)?.[1])
    expect(exposure).toBeLessThanOrEqual(2)
  })
})
