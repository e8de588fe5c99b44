import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/types'
import {
  NAV_GROUPS,
  NAV_ITEMS,
  activeGroup,
  activeNav,
  groupCount,
  itemCount,
  visibleGroups,
  type NavGroupDef,
  type NavItem,
} from '@/components/navigation'

/** Issue 14: the menu grouped by domain, showing only what a role can use, with the to-do counts. */

const paths = (roles: Role[]) => visibleGroups(roles).groups.map((g) => [g.key, g.items.map((i) => i.path)])

describe('visibleGroups', () => {
  it('puts home on top and every other item in a group, in the groups’ order', () => {
    const { top, groups } = visibleGroups(['school_admin'])
    expect(top.map((i) => i.test)).toEqual(['nav-home'])
    expect(groups.map((g) => g.key)).toEqual([
      'placements',
      'matching',
      'certificates',
      'careers',
      'stay',
      'directory',
      'settings',
    ])
    // a school admin's 20-odd items are all there, each once
    const listed = [...top, ...groups.flatMap((g) => g.items)].map((i) => i.path)
    expect(new Set(listed).size).toBe(listed.length)
    expect(listed.length).toBeGreaterThan(20)
  })

  it('gives every item but home a group that exists', () => {
    const keys = NAV_GROUPS.map((g) => g.key)
    for (const item of NAV_ITEMS) {
      if (item.path === '/') expect(item.group).toBeUndefined()
      else expect(keys).toContain(item.group)
    }
  })

  it('shows a teacher no admin-only item', () => {
    const teacher = visibleGroups(['teacher']).groups.flatMap((g) => g.items.map((i) => i.path))
    for (const p of [
      '/teachers',
      '/companies/change-requests',
      '/imports/students',
      '/imports/companies',
      '/imports/certificates',
      '/imports/outcomes',
      '/settings/placements',
      '/certificates/catalogue',
      '/alumni/outcomes',
    ])
      expect(teacher).not.toContain(p)
    expect(teacher).toContain('/certificates/verify')
  })

  it('drops a group none of whose items the role may use', () => {
    // the analyst has no placements, rounds or students: no 实习 group; settings keeps only security
    const analyst = Object.fromEntries(paths(['city_analyst']))
    expect(analyst.placements).toBeUndefined()
    expect(analyst.matching).toEqual(['/slots'])
    expect(analyst.settings).toEqual(['/account/security'])
    // a group made only of admin items disappears for everyone else
    const items: NavItem[] = [
      { path: '/', label: 'home', test: 'nav-home' },
      { path: '/x', label: 'x', test: 'nav-x', group: 'settings', roles: ['school_admin'] },
    ]
    expect(visibleGroups(['student'], items).groups).toEqual([])
    expect(visibleGroups(['school_admin'], items).groups.map((g) => g.key)).toEqual(['settings'])
  })

  it('gives the city staff the fairs they organise and the policies they keep, and no school or company records', () => {
    const staff = Object.fromEntries(paths(['city_staff']))
    expect(staff.careers).toEqual(['/careers/policies', '/careers/fairs'])
    expect(staff.placements).toBeUndefined()
    expect(staff.stay).toBeUndefined()
    // every role with a menu finds the fairs under 就业
    for (const role of ['student', 'teacher', 'school_admin', 'company_hr', 'city_analyst'] as Role[])
      expect(Object.fromEntries(paths([role])).careers).toContain('/careers/fairs')
  })

  it('gives the student their own items: certificates and outcome, no verification queue', () => {
    const student = Object.fromEntries(paths(['student']))
    expect(student.certificates).toEqual(['/certificates'])
    expect(student.stay).toEqual(['/alumni/my-outcome'])
    expect(student.placements).toEqual([
      '/placements',
      '/breaches',
      '/fieldwork/check-in',
      '/fieldwork/leave',
      '/fieldwork/field-work',
      '/self-arranged',
      '/incidents',
    ])
  })

  it('keeps the groups data-driven: a new group is a row and its items', () => {
    // 'future' is not a group: the cast stands for the line a new domain's work would add to NavGroupKey
    const future = {
      key: 'future',
      label: 'common.navGroup.future',
      icon: NAV_GROUPS[0].icon,
    } as unknown as NavGroupDef
    const jobs = {
      path: '/jobs',
      label: 'jobs',
      test: 'nav-future-jobs',
      group: 'future',
      roles: ['student'],
    } as unknown as NavItem
    const mine = visibleGroups(['student'], [...NAV_ITEMS, jobs], [...NAV_GROUPS, future]).groups
    expect(mine.at(-1)?.items.map((i) => i.path)).toEqual(['/jobs'])
  })
})

describe('counts', () => {
  const counts: Record<string, number> = { placements_to_approve: 3, certificates_to_verify: 2, breaches_open: 1 }
  const count = (key: string) => counts[key] ?? 0

  it('an item’s badge is the sum of its to-do keys; a group’s, the sum of its items’', () => {
    const { groups } = visibleGroups(['teacher'])
    const placements = groups.find((g) => g.key === 'placements')!
    expect(itemCount(placements.items[0], count)).toBe(3)
    expect(groupCount(placements, count)).toBe(4) // placements 3 + breaches 1
    expect(
      groupCount(
        groups.find((g) => g.key === 'certificates')!,
        count,
      ),
    ).toBe(2)
    expect(
      groupCount(
        groups.find((g) => g.key === 'stay')!,
        count,
      ),
    ).toBe(0)
  })
})

describe('the current page', () => {
  it('is the longest matching item, and its group is the one to open', () => {
    const { top, groups } = visibleGroups(['school_admin'])
    const all = [...top, ...groups.flatMap((g) => g.items)]
    expect(activeNav('/companies/change-requests', all)).toBe('/companies/change-requests')
    expect(activeNav('/companies/12', all)).toBe('/companies')
    expect(activeGroup('/companies', groups)).toBe('directory')
    expect(activeGroup(activeNav('/certificates/sessions/3', all), groups)).toBe('certificates')
    expect(activeGroup('/', groups)).toBeNull()
  })
})
