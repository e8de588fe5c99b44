import type { Role } from '@/api/types'

export interface NavItem {
  path: string
  label: string // i18n key
  test: string
  roles?: Role[]
}

/** The main menu; an item with roles shows only to users holding one of them. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: 'common.nav.home', test: 'nav-home' },
  { path: '/slots', label: 'common.nav.slots', test: 'nav-slots' },
  {
    path: '/placements',
    label: 'common.nav.placements',
    test: 'nav-placements',
    roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor', 'city_analyst'],
  },
  { path: '/breaches', label: 'common.nav.breaches', test: 'nav-breaches', roles: ['student', 'teacher', 'school_admin'] },
  { path: '/students', label: 'common.nav.students', test: 'nav-students', roles: ['teacher', 'school_admin'] },
  { path: '/institutions', label: 'common.nav.institutions', test: 'nav-institutions' },
  { path: '/companies', label: 'common.nav.companies', test: 'nav-companies' },
  { path: '/bases', label: 'common.nav.bases', test: 'nav-bases' },
  { path: '/imports/students', label: 'common.nav.importStudents', test: 'nav-import-students', roles: ['school_admin'] },
  { path: '/imports/companies', label: 'common.nav.importCompanies', test: 'nav-import-companies', roles: ['school_admin'] },
  { path: '/settings/placements', label: 'common.nav.placementSettings', test: 'nav-placement-settings', roles: ['school_admin'] },
  { path: '/account/security', label: 'common.nav.security', test: 'nav-security' },
]

export function visibleNav(roles: Role[]): NavItem[] {
  return NAV_ITEMS.filter((i) => !i.roles || i.roles.some((r) => roles.includes(r)))
}

/** Which menu entry is active for a path: the longest matching prefix. */
export function activeNav(path: string, items: NavItem[]): string {
  let best = '/'
  for (const i of items) {
    if (i.path !== '/' && (path === i.path || path.startsWith(`${i.path}/`)) && i.path.length > best.length) best = i.path
  }
  return best
}
