/**
 * Tests that start the real process run what `npm start` runs: the compiled bot in dist/.
 * It is built once before the suite, from the sources as they are now.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function buildTheBot(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../deploy/build.mjs', import.meta.url))], { stdio: 'inherit' })
}
