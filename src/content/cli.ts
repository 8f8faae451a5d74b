/**
 * `npm run content:check -- [file ...]`: validates content files (the demo
 * when none is given) the same way the bot does, so the owner can check an
 * edit before sending it to the bot. Exit code 0 when every file is valid.
 */
import { realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DEMO_CONTENT_PATH, formatContentReport, issueCount, loadContentFile } from './loader.ts'
import { DEFAULT_LANGUAGE, pickText } from './text.ts'

export interface CheckOutput {
  log(line: string): void
  error(line: string): void
}

const USAGE = 'Usage: npm run content:check -- [path/to/content.yaml ...]  (default: the demo content)'

/** Returns the process exit code. */
export async function runContentCheck(args: readonly string[], output: CheckOutput = console): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    output.log(USAGE)
    return 0
  }
  const files = args.length > 0 ? args.map((file) => resolve(file)) : [DEMO_CONTENT_PATH]
  let exitCode = 0
  for (const file of files) {
    const result = await loadContentFile(file)
    if (result.ok) {
      const { business, products, discovery, quiz } = result.content
      output.log(
        `OK: ${pickText(business.name, DEFAULT_LANGUAGE)}, ${count(products.length, 'product')}, ` +
          `${count(discovery.questions.length, 'discovery question')}, ${count(quiz.questions.length, 'quiz question')}`,
      )
    } else {
      exitCode = 1
      output.error(`${file}: ${count(issueCount(result.errors), 'problem')}:\n${formatContentReport(result.errors)}`)
    }
  }
  return exitCode
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

function isEntryPoint(): boolean {
  const script = process.argv[1]
  if (!script) return false
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  process.exitCode = await runContentCheck(process.argv.slice(2))
}
