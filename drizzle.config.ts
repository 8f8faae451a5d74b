import { defineConfig } from 'drizzle-kit'

// Only used by `npm run db:generate`; the bot applies the generated SQL itself at start-up.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
})
