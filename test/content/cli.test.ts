import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runContentCheck } from '../../src/content/cli.ts'
import { edit, lineWith, MINIMAL_YAML } from './helpers.ts'

const CLI_PATH = fileURLToPath(new URL('../../src/content/cli.ts', import.meta.url))

function captureOutput() {
  const out: string[] = []
  const err: string[] = []
  return { out, err, output: { log: (line: string) => out.push(line), error: (line: string) => err.push(line) } }
}

describe('content:check', () => {
  let folder = ''
  let badFile = ''
  const badYaml = edit(MINIMAL_YAML, 'weights: { landing: 3 }', 'weights: { landing: three }')
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'clientdesk-cli-'))
    badFile = join(folder, 'bad.yaml')
    await writeFile(badFile, badYaml)
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('checks the demo by default', async () => {
    const { out, err, output } = captureOutput()
    expect(await runContentCheck([], output)).toBe(0)
    expect(err).toEqual([])
    expect(out).toEqual(['OK: Веб-студия «Лаконика», 5 products, 10 discovery questions, 5 quiz questions'])
  })

  it('prints the report and fails for an invalid file', async () => {
    const { out, err, output } = captureOutput()
    expect(await runContentCheck([badFile], output)).toBe(1)
    expect(out).toEqual([])
    expect(err).toEqual([
      `${badFile}: 1 problem:\nquiz → questions → #1 (goal) → options → #1 → weights → landing: expected a number, got "three" (line ${lineWith(badYaml, 'three')})`,
    ])
  })

  it('fails for a missing file', async () => {
    const { err, output } = captureOutput()
    expect(await runContentCheck([join(folder, 'nope.yaml')], output)).toBe(1)
    expect(err[0]).toContain('no such file')
  })

  it('runs as a script with the right exit code', async () => {
    const run = promisify(execFile)
    const ok = await run(process.execPath, ['--import', 'tsx', CLI_PATH])
    expect(ok.stdout).toMatch(/^OK: /)
    await expect(run(process.execPath, ['--import', 'tsx', CLI_PATH, badFile])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('expected a number'),
    })
  })
})
