import { describe, expect, it } from 'vitest'
import { filenameFromDisposition } from '@/api/http'
import {
  buildSankey,
  formatCount,
  formatPercent,
  isWuhan,
  readStayQuery,
  shortLabel,
  stayedByDistrict,
  toApiFilters,
  trendSeries,
  writeStayQuery,
} from '@/views/alumni/stayUtil'
import { flowOption, trendOption } from '@/views/alumni/chartOptions'

describe('stay report helpers', () => {
  it('formats rates as percentages and counts with separators', () => {
    expect(formatPercent(0.5515)).toBe('55.2%')
    expect(formatPercent(1)).toBe('100.0%')
    expect(formatPercent(0)).toBe('0.0%')
    expect(formatPercent(0.12345, 2)).toBe('12.35%')
    expect(formatPercent(null)).toBe('—')
    expect(formatPercent(undefined)).toBe('—')
    expect(formatCount(1638)).toBe('1,638')
    expect(formatCount(null)).toBe('—')
  })

  it('builds Sankey nodes and links from the institution → district flow', () => {
    const data = buildSankey([
      { source: '武汉城市职业学院', target: '蔡甸区', value: 3 },
      { source: '武汉城市职业学院', target: '汉南区', value: 2 },
      { source: '武汉商学院', target: '蔡甸区', value: 4 },
      { source: '武汉商学院', target: '蔡甸区', value: 1 },
      { source: '武汉商学院', target: '江夏区', value: 0 },
    ])
    expect(data.nodes.map((n) => [n.name, n.depth])).toEqual([
      ['武汉城市职业学院', 0],
      ['武汉商学院', 0],
      ['蔡甸区', 1],
      ['汉南区', 1],
    ])
    expect(data.nodes[0].label.position).toBe('right')
    expect(data.nodes[2].label.position).toBe('left')
    // duplicates merged, zero dropped
    expect(data.links).toEqual([
      { source: '武汉城市职业学院', target: '蔡甸区', value: 3 },
      { source: '武汉城市职业学院', target: '汉南区', value: 2 },
      { source: '武汉商学院', target: '蔡甸区', value: 5 },
    ])
  })

  it('keeps the Sankey acyclic when a target has a source name', () => {
    const data = buildSankey([
      { source: 'A', target: 'B', value: 1 },
      { source: 'B', target: 'A', value: 1 },
    ])
    const names = data.nodes.map((n) => n.name)
    expect(new Set(names).size).toBe(names.length)
    for (const l of data.links) expect(data.nodes.find((n) => n.name === l.target)?.depth).toBe(1)
  })

  it('sums stayed per district, largest first', () => {
    expect(
      stayedByDistrict([
        { source: 'x', target: '蔡甸区', value: 3 },
        { source: 'y', target: '蔡甸区', value: 4 },
        { source: 'x', target: '汉南区', value: 9 },
      ]),
    ).toEqual([
      { name: '汉南区', value: 9 },
      { name: '蔡甸区', value: 7 },
    ])
  })

  it('orders the trend by year and turns retention into percent', () => {
    const row = (y: number, stayed: number, retention: number | null) => ({
      key: y,
      name: y,
      graduates: 10,
      known: 10,
      working: 10,
      stayed,
      knowledge_rate: 1,
      retention,
      demo: false,
    })
    const s = trendSeries([row(2026, 5, 0.6566), row(2025, 4, null)])
    expect(s).toEqual({ years: ['2025', '2026'], stayed: [4, 5], retention: [null, 65.7] })
    const option = trendOption([row(2025, 4, 0.5)], { stayed: '留汉人数', retention: '留汉率' }, false) as {
      yAxis: unknown[]
      series: { yAxisIndex: number }[]
    }
    expect(option.yAxis).toHaveLength(2)
    expect(option.series.map((x) => x.yAxisIndex)).toEqual([0, 1])
  })

  it('shortens labels on narrow charts', () => {
    expect(shortLabel('武汉城市职业学院', 7)).toBe('武汉城市职业…')
    expect(shortLabel('蔡甸区', 7)).toBe('蔡甸区')
    const narrow = flowOption(
      [{ source: '武汉城市职业学院', target: '蔡甸区', value: 1, demo: false }],
      true,
      String,
    ) as {
      series: { label: { formatter: (p: { name: string }) => string } }[]
    }
    expect(narrow.series[0].label.formatter({ name: '武汉城市职业学院' })).toBe('武汉城市职业…')
  })

  it('reads and writes the filters in the URL', () => {
    const s = readStayQuery({ year: ['2026', '2025', 'x'], district: 'caidian', by: 'district' })
    expect(s.years).toEqual([2025, 2026])
    expect(s.by).toBe('district')
    expect(s.filters.district).toBe('caidian')
    expect(toApiFilters(s)).toEqual({ year: [2025, 2026], district: 'caidian' })
    expect(writeStayQuery(s)).toEqual({ year: ['2025', '2026'], district: 'caidian', by: 'district' })
    expect(readStayQuery({ by: 'nonsense', year: '2024' })).toMatchObject({ by: 'institution', years: [2024] })
  })

  it('knows Wuhan the way the backend does', () => {
    expect(isWuhan('武汉')).toBe(true)
    expect(isWuhan('湖北省武汉市')).toBe(true)
    expect(isWuhan(' Wuhan ')).toBe(true)
    expect(isWuhan('襄阳')).toBe(false)
    expect(isWuhan('')).toBe(false)
  })

  it('takes the download name from Content-Disposition', () => {
    expect(filenameFromDisposition('attachment; filename="stay-in-wuhan-by-district.xlsx"')).toBe(
      'stay-in-wuhan-by-district.xlsx',
    )
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E7%95%99%E6%B1%89.csv")).toBe('留汉.csv')
    expect(filenameFromDisposition('attachment; filename=a.csv')).toBe('a.csv')
    expect(filenameFromDisposition(null)).toBe('')
  })
})
