/**
 * `npm run db:migrate [path]`: the migrations applied to a database file without starting
 * the bot (without a path: data/clientdesk.sqlite). The file is opened as the bot opens it:
 * its folder made (for this user only), and a file it cannot use named in one line.
 */
import { openDatabaseAt, StartupError } from './app.ts'

process.umask(0o077)
const path = process.argv[2] ?? 'data/clientdesk.sqlite'
try {
  openDatabaseAt(path).close()
  console.log(`Migrations applied to ${path}`)
} catch (err) {
  if (!(err instanceof StartupError)) throw err
  console.error(`Cannot migrate: ${err.message}`)
  process.exit(1)
}
