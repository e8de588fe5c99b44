import { describe, expect, it } from 'vitest'
import { visibleNav } from '@/components/navigation'

describe('the city analyst’s menu', () => {
  const paths = visibleNav(['city_analyst']).map((i) => i.path)

  it('links to figures and the directory behind their filters', () => {
    for (const p of [
      '/stay',
      '/stay/conversion',
      '/stay/points',
      '/certificates/report',
      '/companies',
      '/bases',
      '/institutions',
    ]) {
      expect(paths).toContain(p)
    }
  })

  it('links to no page of personal records (they answer the analyst with nothing)', () => {
    for (const p of [
      '/placements',
      '/rounds',
      '/students',
      '/breaches',
      '/certificates/sessions',
      '/certificates/verify',
      '/alumni/outcomes',
    ]) {
      expect(paths).not.toContain(p)
    }
  })
})

describe('company change requests', () => {
  it('are in the school admin’s menu only', () => {
    expect(visibleNav(['school_admin']).map((i) => i.path)).toContain('/companies/change-requests')
    for (const role of ['company_hr', 'teacher', 'city_analyst', 'student'] as const) {
      expect(visibleNav([role]).map((i) => i.path)).not.toContain('/companies/change-requests')
    }
  })
})
