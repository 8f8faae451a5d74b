/**
 * The sandbox end to end, in a real browser (Debian's chromium, driven by
 * playwright-core — never a downloaded browser): the `npm run sandbox`
 * process, and a person clicking through the product as its users would —
 * a client's quiz, product cards and booking; a manager answering in the
 * client's topic; the owner's stats chart; three days later the check-in.
 * Every step waits for what a person would see. It saves screenshots of the
 * panes to a temporary folder, or to docs/images/ for the README when run with
 * UPDATE_SCREENSHOTS=1 (so an ordinary test run never changes tracked files).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = new URL('../..', import.meta.url).pathname
const CHROMIUM = '/usr/bin/chromium'
const IMAGES = process.env.UPDATE_SCREENSHOTS
  ? join(ROOT, 'docs', 'images')
  : mkdtempSync(join(tmpdir(), 'clientdesk-screens-'))
/** How long one visible step may take: generous for a loaded CI machine, never a sleep. */
const STEP_MS = 30_000

let sandbox: ChildProcess | undefined
let browser: BrowserContext | undefined
let url = ''
let output = ''

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'cd-sandbox-'))
  sandbox = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/sandbox/main.ts', '--port', '0', '--data', join(dir, 'sandbox.sqlite')],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk
      const found = /ClientDesk sandbox: (http:\/\/\S+)/.exec(output)?.[1]
      if (found) resolve(found)
    }
    sandbox?.stdout?.on('data', onData)
    sandbox?.stderr?.on('data', (chunk) => {
      output += chunk
    })
    sandbox?.on('exit', (code) => reject(new Error(`the sandbox exited (${code}):\n${output}`)))
  })
  // A fresh profile each run
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cd-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1600, height: 960 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  if (sandbox && sandbox.exitCode === null) {
    const exited = new Promise((resolve) => sandbox?.once('exit', resolve))
    sandbox.kill('SIGTERM')
    await exited
  }
})

/** Waits until a person would see it. */
const seen = (locator: Locator) => locator.first().waitFor({ state: 'visible', timeout: STEP_MS })
/** The newest button with this label in a pane (older messages keep their keyboards). */
const button = (pane: Locator, name: string | RegExp) => pane.getByRole('button', { name }).last()

/** Presses the first inline button under the newest message that says `prompt`. */
const firstChoice = (pane: Locator, prompt: string) =>
  pane.locator('.msg-block', { hasText: prompt }).last().locator('.inline-keyboard').getByRole('button').first().click()

async function write(pane: Locator, text: string) {
  await pane.getByLabel('Message').fill(text)
  await pane.getByLabel('Message').press('Enter')
}

/** What the test reads of an <img> in the page (the project's types have no DOM). */
interface ImageLike {
  complete: boolean
  naturalWidth: number
}

/** A picture in the pane has arrived and is drawn (not a broken image). */
async function imageShown(pane: Locator) {
  const drawn = () =>
    pane
      .locator('.photo img')
      .evaluateAll((images) =>
        images.some((img) => (img as unknown as ImageLike).complete && (img as unknown as ImageLike).naturalWidth > 0),
      )
  await expect.poll(drawn, { timeout: STEP_MS }).toBe(true)
}

/** Whether a pane's message list shows its newest message in full (scrolled to the end). */
const atBottom = (pane: Locator) =>
  pane.locator('.messages').evaluate((node) => {
    const list = node as unknown as { scrollHeight: number; scrollTop: number; clientHeight: number }
    return list.scrollHeight - list.scrollTop - list.clientHeight < 2
  })

describe('the sandbox in a browser', () => {
  it('walks a client, a manager and the owner through the product, and three days later', async () => {
    const page = await (browser as BrowserContext).newPage()
    try {
      await walkThrough(page)
    } catch (err) {
      // What the page showed when a step did not come: the first thing to look at
      const shot = join(tmpdir(), `sandbox-failure-${Date.now()}.png`)
      await page.screenshot({ path: shot })
      throw new Error(`${err instanceof Error ? err.message : err}\nscreenshot: ${shot}\nsandbox output:\n${output}`)
    }
  }, 240_000)
})

async function walkThrough(page: Page) {
  page.setDefaultTimeout(STEP_MS)
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  await page.goto(url)
  await seen(page.getByText('Bot running'))
  const clients = page.locator('#clients-pane')
  const staff = page.locator('#staff-pane')
  const owner = page.locator('#owner-pane')

  // A Monday morning in the business's time zone: working hours, no quiet hours
  const { clock } = (await (await fetch(new URL('/sandbox/state', url))).json()) as {
    clock: { now: number; zone: string }
  }
  const monday = DateTime.fromMillis(clock.now, { zone: clock.zone }).plus({ weeks: 1 }).startOf('week')
  await page.getByLabel(/Move the clock to/).fill(monday.set({ hour: 10, minute: 30 }).toFormat("yyyy-MM-dd'T'HH:mm"))
  await page.getByRole('button', { name: 'Go' }).click()
  await seen(page.getByTestId('clock-now').getByText(/^Mon/))
  // Telegram's flood limits stay on (the sandbox's default) for the whole walk: the bot paces
  // itself, also inside conversations, so a person clicking this fast still gets every step
  expect(await page.getByLabel('Flood limits').isChecked()).toBe(true)

  // Written before any client is added: said plainly, not a request refused with a code
  await write(clients, 'hello')
  await seen(clients.getByText('Add a client first: + New client'))
  await clients.getByLabel('Message').fill('')

  // A client: /start, the quiz, the product cards, a call booked with the contact button
  await page.getByRole('button', { name: '+ New client' }).click()
  await page.getByLabel('Client name').fill('Анна Петрова')
  await page.getByLabel('Username').fill('anna_p')
  await page.getByRole('button', { name: 'Create' }).click()
  await button(clients, 'START').click()
  await button(clients, 'Нет, спасибо').click()
  await button(clients, /Подобрать услугу/).click()
  for (const answer of ['Собирать заявки', 'Одна страница', 'Срочно, за 2 недели', 'до 60 тыс. ₽', /Ничего из этого/]) {
    await button(clients, answer).click()
  }
  await button(clients, /Готово/).click()
  await seen(clients.getByText('Лендинг под ключ'))
  await button(clients, /Заказать звонок об этом/).click()
  await firstChoice(clients, 'Выберите день')
  await firstChoice(clients, 'выберите удобное время')
  await clients
    .locator('.reply-keyboard')
    .getByRole('button', { name: /Поделиться номером/ })
    .click()
  await button(clients, 'Без комментария').click()
  await button(clients, /Подтвердить/).click()
  await seen(clients.getByText(/Звонок назначен/))

  // Asks for a manager; the manager answers in the client's topic; the client sees it
  await button(clients, /Написать менеджеру/).click()
  await seen(clients.getByText(/передаю вас менеджеру/))
  await staff.getByRole('button', { name: /Анна Петрова/ }).click()
  await seen(staff.getByText('Pinned message'))
  // The card says the client waits and by when to answer
  await seen(staff.getByText(/ждёт ответа — ответить до/))
  // A button under an older message stays the same element while new messages arrive: a press
  // caught between its mouse-down and mouse-up by a redraw would be lost
  const older = await clients.locator('.inline-keyboard button').first().elementHandle()
  await write(staff, 'Здравствуйте, Анна! Я Мария. Лендинг сделаем за 10 дней.')
  await seen(clients.getByText('Здравствуйте, Анна! Я Мария. Лендинг сделаем за 10 дней.'))
  expect(await older?.evaluate((node) => (node as unknown as { isConnected: boolean }).isConnected)).toBe(true)

  // The owner's stats, with the chart image
  await write(owner, '/stats')
  await seen(owner.getByText(/Статистика за 30 дн/))
  await imageShown(owner)
  // The chart, drawn after its text, is in view whole: the chat follows the newest message
  await expect.poll(() => atBottom(owner), { timeout: STEP_MS }).toBe(true)
  mkdirSync(IMAGES, { recursive: true })
  await owner.screenshot({ path: join(IMAGES, 'sandbox-owner.png') })

  // The work is done and the question solved (the check-in waits for that); three days later
  // the client is asked how it went
  await write(staff, '/done')
  await seen(staff.getByText(/Работа отмечена выполненной/))
  await write(staff, '/close')
  await seen(clients.getByText(/ваш вопрос решён\?/))
  await button(clients, 'Да, решён').click()
  await seen(clients.getByText(/скорость ответа/))
  await button(clients, /^5$/).click()
  await seen(clients.getByText(/качество помощи/))
  await button(clients, /^5$/).click()
  await seen(clients.getByText(/Спасибо за оценку/))
  await page.getByRole('button', { name: '+3 days' }).click()
  await seen(clients.getByText(/как всё прошло\?/))
  await seen(button(clients, '5'))
  // As in Telegram, a chat marks where each day begins: the check-in is under Thursday's date,
  // the booking under Monday's, not all under one day's times
  const dayLine = (day: DateTime) =>
    clients.locator('.day', { hasText: day.setLocale('en-GB').toFormat('cccc d LLLL') })
  await seen(dayLine(monday))
  await seen(dayLine(monday.plus({ days: 3 })))
  await clients.screenshot({ path: join(IMAGES, 'sandbox-client.png') })
  await staff.screenshot({ path: join(IMAGES, 'sandbox-staff.png') })
  await page.screenshot({ path: join(IMAGES, 'sandbox.png') })

  // An invoice shows what it is for and when it is due on lines of their own, as Telegram does
  await write(staff, '/invoice 15000 поддержка сайта, декабрь')
  const description = clients.locator('.invoice .description').last()
  await seen(description)
  expect(await description.innerText()).toMatch(/в Telegram\.\nЗа что: поддержка сайта, декабрь/)

  // Telegram's flood limits: the owner asks for help twelve times at once; the bot keeps the
  // private chat's pace (a short burst, then about one a second), so each answer arrives and
  // Telegram refuses none
  await page.getByRole('button', { name: 'Bot API calls' }).click()
  for (let i = 0; i < 12; i++) await write(owner, '/help')
  const helpAnswers = () => owner.locator('.msg.in .text', { hasText: '/manager' }).count()
  await expect.poll(helpAnswers, { timeout: STEP_MS }).toBeGreaterThanOrEqual(12)
  expect(await page.locator('#call-list li.limited', { hasText: 'Too Many Requests' }).count()).toBe(0)
  // The counts read as English does: "1 error", "2 errors"
  expect(await page.locator('#calls-count').textContent()).toMatch(
    /^\d+ calls · (1 error|(0|[2-9]|\d\d+) errors) · \d+ × 429$/,
  )

  expect(errors).toEqual([])
  expect(output).not.toMatch(/ERROR/)
}
