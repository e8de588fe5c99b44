/** Pure helpers of the Stay-in-Wuhan pages: numbers, the filters in the URL, chart data, downloads. */
import type { LocationQuery } from 'vue-router'
import type { FlowRow, StayBy, StayFilters, StayRow } from '@/api/alumni'
import { STAY_BYS } from '@/api/alumni'

/** 0.5515 -> "55.2%"; null/undefined/NaN -> "—" (no denominator). */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  // 0.5515 * 100 is 55.149999…: clean the float first so the half rounds up as people expect
  const f = 10 ** digits
  const pct = Math.round(Number((value * 100).toPrecision(12)) * f) / f
  return `${pct.toFixed(digits)}%`
}

/** 1638 -> "1,638" (both languages group by thousands). */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  return value.toLocaleString('en-US')
}

/* the report's filters live in the URL (?year=2025&year=2026&district=…&by=…) */

export const FILTER_KEYS = ['institution', 'major', 'district', 'zone', 'industry', 'employer'] as const
export type FilterKey = (typeof FILTER_KEYS)[number]
export interface StayState {
  years: number[]
  by: StayBy
  filters: Record<FilterKey, string>
}

const first = (v: LocationQuery[string]): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')) || ''

export function readStayQuery(q: LocationQuery, defaultBy: StayBy = 'institution'): StayState {
  const raw = q.year
  const list = Array.isArray(raw) ? raw : raw ? [raw] : []
  const years = [...new Set(list.map((y) => Number(y)).filter((y) => Number.isInteger(y) && y > 1900))].sort()
  const by = first(q.by) as StayBy
  const filters = {} as Record<FilterKey, string>
  for (const k of FILTER_KEYS) filters[k] = first(q[k])
  return { years, by: STAY_BYS.includes(by) ? by : defaultBy, filters }
}

export function writeStayQuery(s: StayState, defaultBy: StayBy = 'institution'): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  if (s.years.length) out.year = s.years.map(String)
  for (const k of FILTER_KEYS) if (s.filters[k]) out[k] = s.filters[k]
  if (s.by !== defaultBy) out.by = s.by
  return out
}

/** The API's filter object (empty values left out). */
export function toApiFilters(s: StayState): StayFilters {
  const f: StayFilters = {}
  if (s.years.length) f.year = [...s.years]
  for (const k of FILTER_KEYS) if (s.filters[k]) f[k] = s.filters[k]
  return f
}

/* charts */

export interface SankeyNode {
  name: string
  depth: number
  label: { position: 'left' | 'right' | 'inside' }
}
export interface SankeyData {
  nodes: SankeyNode[]
  links: { source: string; target: string; value: number }[]
}

/** A flow link as the charts read it (the demo flag is the table's and the notice's business). */
export type FlowLink = Pick<FlowRow, 'source' | 'target' | 'value'>

/**
 * Institution → district flow as Sankey nodes and links. Sources are depth 0 (label to their right), targets
 * depth 1 (label to their left, so long names stay inside the chart). A name used on both sides (it should
 * not happen: schools are not districts) gets a suffix on the target side so the graph has no cycle.
 * Zero and negative values are dropped (ECharts rejects them).
 */
export function buildSankey(flow: FlowLink[]): SankeyData {
  const sources = new Set<string>()
  const targets = new Map<string, string>()
  const links: SankeyData['links'] = []
  for (const row of flow) {
    if (!(row.value > 0)) continue
    sources.add(row.source)
  }
  for (const row of flow) {
    if (!(row.value > 0)) continue
    let target = targets.get(row.target)
    if (!target) {
      target = sources.has(row.target) ? `${row.target} ` : row.target
      targets.set(row.target, target)
    }
    const same = links.find((l) => l.source === row.source && l.target === target)
    if (same) same.value += row.value
    else links.push({ source: row.source, target, value: row.value })
  }
  const nodes: SankeyNode[] = [
    ...[...sources].map((name) => ({ name, depth: 0, label: { position: 'right' as const } })),
    ...[...targets.values()].map((name) => ({ name, depth: 1, label: { position: 'left' as const } })),
  ]
  return { nodes, links }
}

/** Stayed per district, from the flow (sum over institutions), largest first. */
export function stayedByDistrict(flow: FlowLink[]): { name: string; value: number }[] {
  const sums = new Map<string, number>()
  for (const r of flow) sums.set(r.target, (sums.get(r.target) ?? 0) + r.value)
  return [...sums.entries()]
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
}

/** The trend's series: years on the x axis, stayed (count) and retention (0..100, one decimal). */
export function trendSeries(trend: StayRow[]): { years: string[]; stayed: number[]; retention: (number | null)[] } {
  const rows = [...trend].sort((a, b) => Number(a.key) - Number(b.key))
  return {
    years: rows.map((r) => String(r.name)),
    stayed: rows.map((r) => r.stayed),
    retention: rows.map((r) => (r.retention === null ? null : Math.round(r.retention * 1000) / 10)),
  }
}

/** Shorten a label for narrow charts: "武汉城市职业学院" -> "武汉城市职…" (max characters, ellipsis). */
export function shortLabel(text: string, max: number): string {
  const chars = [...text]
  return chars.length > max ? `${chars.slice(0, Math.max(1, max - 1)).join('')}…` : text
}

/** Years for selects: from `latest` back to `earliest`, newest first. */
export function yearRange(latest: number, earliest: number): number[] {
  const out: number[] = []
  for (let y = latest; y >= earliest; y--) out.push(y)
  return out
}

/** The backend's rule for "in Wuhan" (alumni/services.py is_wuhan): the city names 武汉 or is "wuhan". */
export function isWuhan(city: string | null | undefined): boolean {
  const c = (city ?? '').trim()
  return c.includes('武汉') || c.toLowerCase() === 'wuhan'
}
