// `npm run build`: compiles the bot to JavaScript in dist/ (tsconfig.build.json) and
// copies beside it what it reads at run time (locales, migrations, the demo content, the
// worker threads' plain-JS entries, the sandbox's page), keeping the layout, so every
// path a module finds from its own location is the same in dist/ as in the sources.
import { execFileSync } from 'node:child_process'
import { cpSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const root = new URL('..', import.meta.url)
const dist = new URL('dist/', root)
// Nothing left over from a file that was since removed or renamed
rmSync(dist, { recursive: true, force: true })
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
})
for (const folder of ['src', 'conversations', 'db']) {
  cpSync(new URL(folder, root), new URL(folder, dist), {
    recursive: true,
    filter: (path) => !path.endsWith('.ts'),
  })
}
