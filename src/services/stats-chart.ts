/**
 * The stats chart: an SVG built here (funnel bars, key numbers, retention per period)
 * rendered to PNG by resvg (a prebuilt binary shipped inside its npm package, nothing is
 * downloaded at install). The font ships as an npm package too (DejaVu Sans, Cyrillic
 * included), so the picture is the same on any server, fonts installed or not.
 */
import { createRequire } from 'node:module'
import { renderAsync } from '@resvg/resvg-js'
import { clip } from '../text.ts'

const require = createRequire(import.meta.url)
const FONT_FILES = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
]

export interface ChartInput {
  title: string
  subtitle: string
  funnelTitle: string
  /** Bars, top to bottom; `note` is printed after the bar ("124 · 38%"). */
  funnel: { label: string; value: number; note: string }[]
  factsTitle: string
  facts: { label: string; value: string }[]
  retentionTitle: string
  /**
   * One bar per period, oldest first; null = not enough data. A label's line breaks are kept.
   * None with data: the section is left out and the picture ends under the key numbers.
   */
  retention: { label: string; value: number | null }[]
}

const WIDTH = 1200
const HEIGHT = 780
/** The picture without the retention section: the funnel's six bars and the key numbers end above it. */
const HEIGHT_WITHOUT_RETENTION = 470
const COLORS = { ink: '#1f2933', muted: '#7b8794', grid: '#e4e7eb', bar: '#3e7bfa', accent: '#27ab83', bg: '#ffffff' }

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function text(x: number, y: number, body: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${esc(body)}</text>`
}

export function buildStatsSvg(input: ChartInput): string {
  // A new business's periods had no customer at their start: a row of "—" took half the picture
  const retention = input.retention.some((r) => r.value !== null)
  const height = retention ? HEIGHT : HEIGHT_WITHOUT_RETENTION
  const parts: string[] = []
  parts.push(`<rect width="${WIDTH}" height="${height}" fill="${COLORS.bg}"/>`)
  parts.push(text(40, 52, input.title, `font-size="28" font-weight="bold" fill="${COLORS.ink}"`))
  parts.push(text(40, 82, input.subtitle, `font-size="16" fill="${COLORS.muted}"`))

  // Funnel: horizontal bars scaled to the first (largest expected) step
  const fx = 40
  const fy = 130
  parts.push(text(fx, fy, input.funnelTitle, `font-size="18" font-weight="bold" fill="${COLORS.ink}"`))
  // Room for the longest step name ("Дошли до записи / менеджера") before the bars
  const labelRight = fx + 262
  const barLeft = labelRight + 12
  const barMax = 280
  const maxValue = Math.max(1, ...input.funnel.map((f) => f.value))
  input.funnel.forEach((step, i) => {
    const y = fy + 24 + i * 46
    const w = step.value > 0 ? Math.max(3, (step.value / maxValue) * barMax) : 0
    parts.push(
      text(labelRight, y + 21, clip(step.label, 30), `font-size="15" text-anchor="end" fill="${COLORS.ink}"`),
      `<rect x="${barLeft}" y="${y + 4}" width="${barMax}" height="26" rx="4" fill="${COLORS.grid}"/>`,
      w > 0
        ? `<rect x="${barLeft}" y="${y + 4}" width="${w.toFixed(1)}" height="26" rx="4" fill="${COLORS.bar}"/>`
        : '',
      text(barLeft + barMax + 10, y + 22, step.note, `font-size="15" fill="${COLORS.ink}"`),
    )
  })

  // Key numbers
  const kx = 790
  parts.push(text(kx, fy, input.factsTitle, `font-size="18" font-weight="bold" fill="${COLORS.ink}"`))
  input.facts.forEach((fact, i) => {
    const y = fy + 40 + i * 46
    parts.push(
      text(kx, y, clip(fact.label, 46), `font-size="14" fill="${COLORS.muted}"`),
      text(kx, y + 22, clip(fact.value, 34), `font-size="18" font-weight="bold" fill="${COLORS.ink}"`),
    )
  })

  if (retention) parts.push(...retentionBars(input))
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans">${parts.join('')}</svg>`
}

/** Retention: vertical bars per period, 0–100% (CRR, the share of those at the start kept). */
function retentionBars(input: ChartInput): string[] {
  const parts: string[] = []
  const ry = 520
  const chartTop = ry + 30
  // Room under the bars for a two-line label (a period with both its ends)
  const chartBottom = HEIGHT - 58
  const chartHeight = chartBottom - chartTop
  const left = 90
  const right = WIDTH - 40
  parts.push(text(40, ry, input.retentionTitle, `font-size="18" font-weight="bold" fill="${COLORS.ink}"`))
  const top = Math.max(100, ...input.retention.map((r) => r.value ?? 0))
  for (const tick of [0, 50, 100]) {
    const y = chartBottom - (tick / top) * chartHeight
    parts.push(
      `<line x1="${left}" y1="${y.toFixed(1)}" x2="${right}" y2="${y.toFixed(1)}" stroke="${COLORS.grid}" stroke-width="1"/>`,
      text(left - 10, y + 5, `${tick}%`, `font-size="13" text-anchor="end" fill="${COLORS.muted}"`),
    )
  }
  const n = Math.max(1, input.retention.length)
  const slot = (right - left) / n
  const barWidth = Math.min(90, slot * 0.6)
  input.retention.forEach((r, i) => {
    const cx = left + slot * i + slot / 2
    r.label.split('\n').forEach((line, l) => {
      parts.push(
        text(cx, chartBottom + 20 + l * 16, line, `font-size="13" text-anchor="middle" fill="${COLORS.muted}"`),
      )
    })
    if (r.value === null) {
      parts.push(text(cx, chartBottom - 8, '—', `font-size="15" text-anchor="middle" fill="${COLORS.muted}"`))
      return
    }
    const h = Math.max(2, (Math.max(0, r.value) / top) * chartHeight)
    const last = i === input.retention.length - 1
    parts.push(
      `<rect x="${(cx - barWidth / 2).toFixed(1)}" y="${(chartBottom - h).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" rx="4" fill="${last ? COLORS.accent : COLORS.bar}"/>`,
      text(
        cx,
        chartBottom - h - 8,
        `${Math.round(r.value)}%`,
        `font-size="14" text-anchor="middle" fill="${COLORS.ink}"`,
      ),
    )
  })
  return parts
}

/** Renders the SVG to PNG off the main thread (resvg's async API). */
export async function renderPng(svg: string): Promise<Buffer> {
  const image = await renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'DejaVu Sans' },
    background: COLORS.bg,
  })
  return image.asPng()
}
