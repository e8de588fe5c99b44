/** ECharts options of the Stay-in-Wuhan charts (plain objects: no ECharts import here). Narrow screens get
 * smaller fonts, fewer axis labels and shortened names. */
import type { FlowRow, StayRow } from '@/api/alumni'
import { buildSankey, shortLabel, stayedByDistrict, trendSeries } from './stayUtil'

export interface ChartText {
  stayed: string
  retention: string
}

const BLUE = '#409eff'
const GREEN = '#67c23a'

export function trendOption(trend: StayRow[], text: ChartText, narrow: boolean): Record<string, unknown> {
  const s = trendSeries(trend)
  const font = narrow ? 11 : 12
  return {
    aria: { enabled: true },
    color: [BLUE, GREEN],
    tooltip: {
      trigger: 'axis',
      valueFormatter: undefined,
    },
    legend: { data: [text.stayed, text.retention], bottom: 0, textStyle: { fontSize: font } },
    grid: { left: narrow ? 8 : 16, right: narrow ? 8 : 16, top: 28, bottom: 36, containLabel: true },
    xAxis: {
      type: 'category',
      data: s.years,
      boundaryGap: false,
      axisLabel: { fontSize: font, hideOverlap: true, interval: narrow && s.years.length > 5 ? 1 : 'auto' },
    },
    yAxis: [
      { type: 'value', name: narrow ? '' : text.stayed, minInterval: 1, axisLabel: { fontSize: font } },
      {
        type: 'value',
        name: narrow ? '' : text.retention,
        min: 0,
        max: 100,
        splitLine: { show: false },
        axisLabel: { fontSize: font, formatter: '{value}%' },
      },
    ],
    series: [
      { name: text.stayed, type: 'line', data: s.stayed, yAxisIndex: 0, symbolSize: 6, smooth: false },
      {
        name: text.retention,
        type: 'line',
        data: s.retention,
        yAxisIndex: 1,
        symbolSize: 6,
        connectNulls: false,
        tooltip: { valueFormatter: (v: unknown) => (v === null || v === undefined || v === '-' ? '—' : `${v}%`) },
      },
    ],
  }
}

export function districtOption(flow: FlowRow[], text: ChartText, narrow: boolean): Record<string, unknown> {
  const rows = stayedByDistrict(flow)
  // horizontal bars: district names stay readable on a phone; largest at the top
  const names = rows.map((r) => r.name).reverse()
  const values = rows.map((r) => r.value).reverse()
  const font = narrow ? 11 : 12
  return {
    aria: { enabled: true },
    color: [BLUE],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: narrow ? 28 : 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: font, hideOverlap: true } },
    yAxis: {
      type: 'category',
      data: names,
      axisLabel: { fontSize: font, formatter: (v: string) => (narrow ? shortLabel(v, 6) : v) },
    },
    series: [
      {
        name: text.stayed,
        type: 'bar',
        data: values,
        barMaxWidth: 22,
        label: { show: true, position: 'right', fontSize: font },
      },
    ],
  }
}

/** Height that gives each bar room (districts) or each node room (flow). */
export function districtHeight(flow: FlowRow[], narrow: boolean): number {
  const n = new Set(flow.map((r) => r.target)).size
  return Math.max(narrow ? 220 : 260, n * (narrow ? 26 : 30) + 40)
}
export function flowHeight(flow: FlowRow[], narrow: boolean): number {
  const n = Math.max(new Set(flow.map((r) => r.target)).size, new Set(flow.map((r) => r.source)).size)
  return Math.max(narrow ? 300 : 340, n * (narrow ? 28 : 32) + 40)
}

export function flowOption(
  flow: FlowRow[],
  narrow: boolean,
  peopleLabel: (n: number) => string,
): Record<string, unknown> {
  const data = buildSankey(flow)
  const font = narrow ? 11 : 12
  return {
    aria: { enabled: true },
    tooltip: {
      trigger: 'item',
      formatter: (p: {
        dataType?: string
        data?: { source?: string; target?: string; value?: number }
        name?: string
        value?: number
      }) =>
        p.dataType === 'edge' && p.data
          ? `${p.data.source} → ${p.data.target}: ${peopleLabel(p.data.value ?? 0)}`
          : `${p.name}: ${peopleLabel(Number(p.value ?? 0))}`,
    },
    series: [
      {
        type: 'sankey',
        left: narrow ? 4 : 16,
        right: narrow ? 4 : 16,
        top: 8,
        bottom: 8,
        nodeWidth: narrow ? 12 : 16,
        nodeGap: narrow ? 8 : 10,
        nodeAlign: 'justify',
        draggable: false,
        emphasis: { focus: 'adjacency' },
        lineStyle: { color: 'gradient', curveness: 0.5, opacity: 0.35 },
        label: {
          fontSize: font,
          formatter: (p: { name: string }) => (narrow ? shortLabel(p.name, 7) : p.name),
        },
        data: data.nodes,
        links: data.links,
      },
    ],
  }
}
