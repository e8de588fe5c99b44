import type { Role } from '@/api/types'
import { certificateQueueBadge } from '@/composables/useCertificateQueue'

export interface NavItem {
  path: string
  label: string // i18n key
  test: string
  roles?: Role[]
  /** a count shown as a badge after the label (hidden when 0) */
  badge?: () => number
}

/** The main menu; an item with roles shows only to users holding one of them. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: 'common.nav.home', test: 'nav-home' },
  { path: '/slots', label: 'common.nav.slots', test: 'nav-slots' },
  {
    path: '/placements',
    label: 'common.nav.placements',
    test: 'nav-placements',
    // Not the city analyst: records are not theirs, only the figures (reports below).
    roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor'],
  },
  {
    path: '/rounds',
    label: 'common.nav.rounds',
    test: 'nav-rounds',
    roles: ['student', 'teacher', 'school_admin', 'company_hr'],
  },
  {
    path: '/breaches',
    label: 'common.nav.breaches',
    test: 'nav-breaches',
    roles: ['student', 'teacher', 'school_admin'],
  },
  { path: '/students', label: 'common.nav.students', test: 'nav-students', roles: ['teacher', 'school_admin'] },
  { path: '/teachers', label: 'invitations.nav.teachers', test: 'nav-teachers', roles: ['school_admin'] },
  { path: '/company-members', label: 'invitations.nav.members', test: 'nav-company-members', roles: ['company_hr'] },
  { path: '/certificates', label: 'certificates.nav.mine', test: 'nav-certificates', roles: ['student'] },
  {
    path: '/certificates/verify',
    label: 'certificates.nav.verify',
    test: 'nav-certificates-verify',
    roles: ['teacher', 'school_admin'],
    badge: certificateQueueBadge,
  },
  {
    path: '/certificates/sessions',
    label: 'certificates.nav.sessions',
    test: 'nav-certificates-sessions',
    roles: ['teacher', 'school_admin'],
  },
  {
    path: '/certificates/report',
    label: 'certificates.nav.report',
    test: 'nav-certificates-report',
    roles: ['teacher', 'school_admin', 'city_analyst'],
  },
  {
    path: '/certificates/catalogue',
    label: 'certificates.nav.catalogue',
    test: 'nav-certificates-catalogue',
    roles: ['school_admin'],
  },
  { path: '/institutions', label: 'common.nav.institutions', test: 'nav-institutions' },
  { path: '/companies', label: 'common.nav.companies', test: 'nav-companies' },
  {
    path: '/companies/change-requests',
    label: 'directory.changeRequests.nav',
    test: 'nav-company-change-requests',
    roles: ['school_admin'],
  },
  { path: '/bases', label: 'common.nav.bases', test: 'nav-bases' },
  {
    path: '/imports/students',
    label: 'common.nav.importStudents',
    test: 'nav-import-students',
    roles: ['school_admin'],
  },
  {
    path: '/imports/companies',
    label: 'common.nav.importCompanies',
    test: 'nav-import-companies',
    roles: ['school_admin'],
  },
  {
    path: '/imports/certificates',
    label: 'certificates.nav.importCertificates',
    test: 'nav-import-certificates',
    roles: ['school_admin'],
  },
  {
    path: '/settings/placements',
    label: 'common.nav.placementSettings',
    test: 'nav-placement-settings',
    roles: ['school_admin'],
  },
  { path: '/stay', label: 'alumni.nav.stay', test: 'nav-stay', roles: ['city_analyst', 'school_admin', 'teacher'] },
  {
    path: '/stay/conversion',
    label: 'alumni.nav.conversion',
    test: 'nav-stay-conversion',
    roles: ['city_analyst', 'school_admin', 'teacher', 'company_hr', 'company_mentor'],
  },
  {
    path: '/stay/points',
    label: 'alumni.nav.points',
    test: 'nav-stay-points',
    roles: ['city_analyst', 'school_admin', 'teacher', 'company_hr', 'company_mentor'],
  },
  { path: '/alumni/outcomes', label: 'alumni.nav.outcomes', test: 'nav-alumni-outcomes', roles: ['school_admin'] },
  {
    path: '/imports/outcomes',
    label: 'alumni.nav.importOutcomes',
    test: 'nav-import-outcomes',
    roles: ['school_admin'],
  },
  { path: '/alumni/my-outcome', label: 'alumni.nav.myOutcome', test: 'nav-my-outcome', roles: ['student'] },
  { path: '/account/security', label: 'common.nav.security', test: 'nav-security' },
]

export function visibleNav(roles: Role[]): NavItem[] {
  return NAV_ITEMS.filter((i) => !i.roles || i.roles.some((r) => roles.includes(r)))
}

/** Which menu entry is active for a path: the longest matching prefix. */
export function activeNav(path: string, items: NavItem[]): string {
  let best = '/'
  for (const i of items) {
    if (i.path !== '/' && (path === i.path || path.startsWith(`${i.path}/`)) && i.path.length > best.length)
      best = i.path
  }
  return best
}
