/**
 * `npm run bench -- <name>` runs bench/<name>.ts. Each bench prints what it
 * measured and, as its last line, one JSON object with its figures (rates and
 * ratios against a baseline measured in the same run).
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const dir = fileURLToPath(new URL('.', import.meta.url))
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
const name = process.argv[2]
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>; available: ${available.join(', ') || 'none yet'}`)
  process.exit(2)
}
const bench = (await import(pathToFileURL(`${dir}${name}.ts`).href)) as { run: () => Promise<Record<string, unknown>> }
const figures = await bench.run()
console.log(JSON.stringify({ bench: name, ...figures }))
