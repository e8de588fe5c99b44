import { describe, expect, it } from 'vitest'
import {
  formatPassRate,
  isPdfScan,
  orderedLevels,
  passRatePercent,
  reportTotals,
  rowErrors,
  seatsLeft,
  shortLabel,
} from '@/views/certificates/certUtil'

describe('certificate helpers', () => {
  it('seats left = seats − registered, never negative', () => {
    expect(seatsLeft({ seats: 30, registered: 0 })).toBe(30)
    expect(seatsLeft({ seats: 30, registered: 29 })).toBe(1)
    expect(seatsLeft({ seats: 40, registered: 40 })).toBe(0)
    expect(seatsLeft({ seats: 5, registered: 7 })).toBe(0)
  })

  it('formats pass rates as percentages, nobody sat as a dash', () => {
    expect(formatPassRate(0.8)).toBe('80%')
    expect(formatPassRate(1)).toBe('100%')
    expect(formatPassRate(0)).toBe('0%')
    expect(formatPassRate(0.8333)).toBe('83.3%')
    expect(formatPassRate(null)).toBe('—')
    expect(formatPassRate(undefined)).toBe('—')
    expect(passRatePercent(0.6667)).toBe(66.7)
    expect(passRatePercent(null)).toBeNull()
  })

  it('orders levels junior → senior and drops unknown values', () => {
    expect(orderedLevels(['senior', 'junior'])).toEqual(['junior', 'senior'])
    expect(orderedLevels(['intermediate', 'expert'])).toEqual(['intermediate'])
    expect(orderedLevels(undefined)).toEqual([])
  })

  it('totals recompute the pass rate from the sums', () => {
    const rows = [
      { key: 1, name: 'a', certificates: 3, holders: 3, sat: 4, passed: 3, pass_rate: 0.75 },
      { key: 2, name: 'b', certificates: 1, holders: 1, sat: 6, passed: 1, pass_rate: 0.1667 },
      { key: 3, name: 'c', certificates: 2, holders: 2, sat: 0, passed: 0, pass_rate: null },
    ]
    const total = reportTotals(rows)
    expect(total).toMatchObject({ certificates: 6, holders: 6, sat: 10, passed: 4 })
    expect(total.pass_rate).toBeCloseTo(0.4)
    expect(reportTotals([]).pass_rate).toBeNull()
  })

  it('maps results.<i>.<field> errors to the registration sent at position i', () => {
    const mapped = rowErrors(
      {
        fields: {
          'results.1.number': ['This certificate number is already used.'],
          'results.0.registration': ['Not a registration of this session.'],
          non_field_errors: ['Something else'],
          'results.9.number': ['out of range'],
        },
      },
      [11, 12],
    )
    expect(mapped.rows[12]).toEqual({ number: 'This certificate number is already used.' })
    expect(mapped.rows[11]).toEqual({ result: 'Not a registration of this session.' })
    expect(mapped.general).toEqual(['Something else', 'out of range'])
  })

  it('tells PDF scans (no thumbnail) from images', () => {
    expect(isPdfScan({ scan_url: '/s', thumbnail_url: null })).toBe(true)
    expect(isPdfScan({ scan_url: '/s', thumbnail_url: '/t' })).toBe(false)
    expect(isPdfScan({ scan_url: null, thumbnail_url: null })).toBe(false)
  })

  it('shortens long axis labels by characters', () => {
    expect(shortLabel('智能新能源汽车技术', 6)).toBe('智能新能源…')
    expect(shortLabel('初级', 6)).toBe('初级')
  })
})
