import type { Component } from 'vue'
import { Briefcase, Connection, Medal, OfficeBuilding, Place, Setting, Suitcase } from '@element-plus/icons-vue'
import type { Role } from '@/api/types'

/** The menu's groups, in order: one per domain (issue 14). A new domain (实习过程, 就业, 合规 ...) is one row here and
 * `group` on its items; a group none of whose items the user may use does not show. */
export type NavGroupKey = 'placements' | 'matching' | 'certificates' | 'careers' | 'stay' | 'directory' | 'settings'

export interface NavGroupDef {
  key: NavGroupKey
  label: string // i18n key
  icon: Component
}

export const NAV_GROUPS: NavGroupDef[] = [
  { key: 'placements', label: 'common.navGroup.placements', icon: Briefcase },
  { key: 'matching', label: 'common.navGroup.matching', icon: Connection },
  { key: 'certificates', label: 'common.navGroup.certificates', icon: Medal },
  { key: 'careers', label: 'common.navGroup.careers', icon: Suitcase },
  { key: 'stay', label: 'common.navGroup.stay', icon: Place },
  { key: 'directory', label: 'common.navGroup.directory', icon: OfficeBuilding },
  { key: 'settings', label: 'common.navGroup.settings', icon: Setting },
]

export interface NavItem {
  path: string
  label: string // i18n key
  test: string
  roles?: Role[]
  /** the group it is listed under; none: on top of the menu (home) */
  group?: NavGroupKey
  /** keys of GET /me/todo/ items whose counts make this item's badge (hidden when 0) */
  todo?: string[]
}

/** The main menu; an item with roles shows only to users holding one of them. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: 'common.nav.home', test: 'nav-home' },
  {
    path: '/placements',
    label: 'common.nav.placements',
    test: 'nav-placements',
    group: 'placements',
    // Not the city analyst: records are not theirs, only the figures (reports below).
    roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor'],
    todo: ['placements_to_approve', 'applications_to_decide'],
  },
  {
    // issue 17: every journal of the students a teacher supervises (or a mentor's interns), unread first
    path: '/journals/review',
    label: 'placements.journal.review.title',
    test: 'nav-journal-review',
    group: 'placements',
    roles: ['teacher', 'school_admin', 'company_mentor'],
    todo: ['journals_to_review', 'journals_to_comment'],
  },
  {
    path: '/mentor',
    label: 'placements.mentor.title',
    test: 'nav-mentor-home',
    group: 'placements',
    roles: ['company_mentor', 'company_hr'],
    todo: ['journals_to_comment'],
  },
  {
    path: '/breaches',
    label: 'common.nav.breaches',
    test: 'nav-breaches',
    group: 'placements',
    roles: ['student', 'teacher', 'school_admin'],
    todo: ['breaches_open'],
  },
  {
    // Art. 17: night, overtime or holiday work the school approves and files (the company proposes it).
    path: '/hours-exceptions',
    label: 'common.nav.hoursExceptions',
    test: 'nav-hours-exceptions',
    group: 'placements',
    roles: ['teacher', 'school_admin', 'company_hr'],
    todo: ['hours_exceptions_to_decide'],
  },
  /* a placement's days (issue 17): 签到 is also a tab of the student's bottom bar */
  {
    path: '/fieldwork/check-in',
    label: 'fieldwork.nav.checkIn',
    test: 'nav-check-in',
    group: 'placements',
    roles: ['student'],
  },
  {
    path: '/fieldwork/leave',
    label: 'fieldwork.nav.leave',
    test: 'nav-leave',
    group: 'placements',
    roles: ['student'],
  },
  {
    path: '/fieldwork/leave/decide',
    label: 'fieldwork.nav.leaveDecide',
    test: 'nav-leave-decide',
    group: 'placements',
    roles: ['teacher', 'school_admin', 'company_hr', 'company_mentor'],
    todo: ['leave_to_decide'],
  },
  {
    path: '/fieldwork/field-work',
    label: 'fieldwork.nav.fieldWork',
    test: 'nav-field-work',
    group: 'placements',
    roles: ['student', 'company_hr', 'company_mentor'],
    todo: ['field_work_to_confirm'],
  },
  {
    path: '/fieldwork/attendance',
    label: 'fieldwork.nav.attendance',
    test: 'nav-attendance',
    group: 'placements',
    roles: ['teacher', 'school_admin', 'company_hr', 'company_mentor'],
  },
  {
    // 自行选择实习单位 (issue 15): the student proposes, the school decides
    path: '/self-arranged',
    label: 'selfArranged.nav',
    test: 'nav-self-arranged',
    group: 'placements',
    roles: ['student', 'teacher', 'school_admin'],
  },
  {
    // 备案: post internships start once the school recorded their filing with the education authority
    path: '/filing',
    label: 'consent.nav.filing',
    test: 'nav-filing',
    group: 'placements',
    roles: ['school_admin'],
    todo: ['filings_to_record'],
  },
  /* incidents and teacher visits (issue 17) */
  {
    path: '/incidents',
    label: 'care.nav.incidents',
    test: 'nav-incidents',
    group: 'placements',
    roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor'],
    todo: ['incidents_to_answer'],
  },
  {
    path: '/visits/coverage',
    label: 'care.nav.coverage',
    test: 'nav-visit-coverage',
    group: 'placements',
    roles: ['teacher', 'school_admin'],
    todo: ['visits_due'],
  },
  {
    path: '/students',
    label: 'common.nav.students',
    test: 'nav-students',
    group: 'placements',
    roles: ['teacher', 'school_admin'],
  },
  { path: '/slots', label: 'common.nav.slots', test: 'nav-slots', group: 'matching' },
  {
    // Art. 17: slots naming high-risk work wait for the school's review before they open.
    path: '/slots/review',
    label: 'hazards.queue.title',
    test: 'nav-slot-review',
    group: 'matching',
    roles: ['teacher', 'school_admin'],
    todo: ['slots_to_review'],
  },
  {
    path: '/rounds',
    label: 'common.nav.rounds',
    test: 'nav-rounds',
    group: 'matching',
    roles: ['student', 'teacher', 'school_admin', 'company_hr'],
    todo: ['rounds_to_rank'],
  },
  {
    path: '/certificates',
    label: 'certificates.nav.mine',
    test: 'nav-certificates',
    group: 'certificates',
    roles: ['student'],
  },
  {
    path: '/certificates/verify',
    label: 'certificates.nav.verify',
    test: 'nav-certificates-verify',
    group: 'certificates',
    roles: ['teacher', 'school_admin'],
    todo: ['certificates_to_verify'],
  },
  {
    path: '/certificates/sessions',
    label: 'certificates.nav.sessions',
    test: 'nav-certificates-sessions',
    group: 'certificates',
    roles: ['teacher', 'school_admin'],
  },
  {
    path: '/certificates/report',
    label: 'certificates.nav.report',
    test: 'nav-certificates-report',
    group: 'certificates',
    roles: ['teacher', 'school_admin', 'city_analyst'],
  },
  {
    path: '/certificates/catalogue',
    label: 'certificates.nav.catalogue',
    test: 'nav-certificates-catalogue',
    group: 'certificates',
    roles: ['school_admin'],
  },
  {
    path: '/careers/resume',
    label: 'careers.nav.resume',
    test: 'nav-resume',
    group: 'careers',
    roles: ['student'],
  },
  {
    path: '/careers/jobs',
    label: 'careers.nav.jobs',
    test: 'nav-jobs',
    group: 'careers',
    roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor', 'city_analyst'],
  },
  {
    path: '/careers/applications',
    label: 'careers.nav.applications',
    test: 'nav-job-applications',
    group: 'careers',
    roles: ['student', 'company_hr', 'teacher', 'school_admin'],
    todo: ['offers_to_answer', 'applications_to_review'],
  },
  {
    // 政策信息 (issue 18): the city's talent policies, for everyone signed in
    path: '/careers/policies',
    label: 'policies.nav.policies',
    test: 'nav-policies',
    group: 'careers',
  },
  {
    // 专场招聘会 (issue 18): the fairs each role may see (the API scopes them); organisers add theirs there
    path: '/careers/fairs',
    label: 'fairs.nav.fairs',
    test: 'nav-fairs',
    group: 'careers',
    roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor', 'city_analyst', 'city_staff'],
    todo: ['booths_to_decide'],
  },
  {
    path: '/stay',
    label: 'alumni.nav.stay',
    test: 'nav-stay',
    group: 'stay',
    roles: ['city_analyst', 'school_admin', 'teacher'],
  },
  {
    path: '/stay/conversion',
    label: 'alumni.nav.conversion',
    test: 'nav-stay-conversion',
    group: 'stay',
    roles: ['city_analyst', 'school_admin', 'teacher', 'company_hr', 'company_mentor'],
  },
  {
    path: '/stay/points',
    label: 'alumni.nav.points',
    test: 'nav-stay-points',
    group: 'stay',
    roles: ['city_analyst', 'school_admin', 'teacher', 'company_hr', 'company_mentor'],
  },
  {
    // serious incidents as counts by company (no report, no person): the city's view of safety
    path: '/reports/incidents',
    label: 'care.nav.incidentCounts',
    test: 'nav-incident-counts',
    group: 'stay',
    roles: ['city_analyst'],
  },
  {
    path: '/alumni/outcomes',
    label: 'alumni.nav.outcomes',
    test: 'nav-alumni-outcomes',
    group: 'stay',
    roles: ['school_admin'],
    todo: ['outcomes_to_confirm'],
  },
  {
    path: '/alumni/my-outcome',
    label: 'alumni.nav.myOutcome',
    test: 'nav-my-outcome',
    group: 'stay',
    roles: ['student'],
  },
  { path: '/institutions', label: 'common.nav.institutions', test: 'nav-institutions', group: 'directory' },
  {
    path: '/companies',
    label: 'common.nav.companies',
    test: 'nav-companies',
    group: 'directory',
    todo: ['companies_to_vet'],
  },
  {
    path: '/companies/change-requests',
    label: 'directory.changeRequests.nav',
    test: 'nav-company-change-requests',
    group: 'directory',
    roles: ['school_admin'],
    todo: ['change_requests_to_decide'],
  },
  {
    // 实习单位名单: the school's own list, published to its students and staff (issue 15)
    path: '/school-companies',
    label: 'directory.schoolList.nav',
    test: 'nav-school-companies',
    group: 'directory',
    roles: ['student', 'teacher', 'school_admin'],
  },
  { path: '/bases', label: 'common.nav.bases', test: 'nav-bases', group: 'directory' },
  {
    path: '/teachers',
    label: 'invitations.nav.teachers',
    test: 'nav-teachers',
    group: 'directory',
    roles: ['school_admin'],
  },
  {
    path: '/company-members',
    label: 'invitations.nav.members',
    test: 'nav-company-members',
    group: 'directory',
    roles: ['company_hr'],
  },
  {
    path: '/imports/students',
    label: 'common.nav.importStudents',
    test: 'nav-import-students',
    group: 'settings',
    roles: ['school_admin'],
  },
  {
    path: '/imports/companies',
    label: 'common.nav.importCompanies',
    test: 'nav-import-companies',
    group: 'settings',
    roles: ['school_admin'],
  },
  {
    path: '/imports/certificates',
    label: 'certificates.nav.importCertificates',
    test: 'nav-import-certificates',
    group: 'settings',
    roles: ['school_admin'],
  },
  {
    path: '/imports/outcomes',
    label: 'alumni.nav.importOutcomes',
    test: 'nav-import-outcomes',
    group: 'settings',
    roles: ['school_admin'],
  },
  {
    path: '/settings/placements',
    label: 'common.nav.placementSettings',
    test: 'nav-placement-settings',
    group: 'settings',
    roles: ['school_admin'],
  },
  {
    path: '/settings/fieldwork',
    label: 'fieldwork.nav.settings',
    test: 'nav-fieldwork-settings',
    group: 'settings',
    roles: ['school_admin'],
  },
  {
    path: '/settings/hazard-terms',
    label: 'hazards.terms.title',
    test: 'nav-hazard-terms',
    group: 'settings',
    roles: ['teacher', 'school_admin'],
  },
  { path: '/account/security', label: 'common.nav.security', test: 'nav-security', group: 'settings' },
]

export function visibleNav(roles: Role[], items: NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((i) => !i.roles || i.roles.some((r) => roles.includes(r)))
}

export interface NavGroup extends NavGroupDef {
  items: NavItem[]
}

/** The menu as the user sees it: the items without a group (home) on top, then each group with the items the
 * roles may use, in NAV_GROUPS' order; a group left with no item is dropped. */
export function visibleGroups(
  roles: Role[],
  items: NavItem[] = NAV_ITEMS,
  groups: NavGroupDef[] = NAV_GROUPS,
): { top: NavItem[]; groups: NavGroup[] } {
  const mine = visibleNav(roles, items)
  return {
    top: mine.filter((i) => !i.group),
    groups: groups.map((g) => ({ ...g, items: mine.filter((i) => i.group === g.key) })).filter((g) => g.items.length),
  }
}

/** An item's badge: the sum of its to-do counts (0: no badge). */
export function itemCount(item: NavItem, count: (key: string) => number): number {
  return (item.todo ?? []).reduce((sum, key) => sum + count(key), 0)
}

/** A group's badge when the menu is collapsed: the sum of its items' badges. */
export function groupCount(group: NavGroup, count: (key: string) => number): number {
  return group.items.reduce((sum, item) => sum + itemCount(item, count), 0)
}

/** The group holding the active path's item (its sub-menu is opened), or null for a top item. */
export function activeGroup(active: string, groups: NavGroup[]): NavGroupKey | null {
  return groups.find((g) => g.items.some((i) => i.path === active))?.key ?? null
}

/** On a phone a student's bottom tab bar holds these; "我的" (/me) lists the rest of their menu. */
export const STUDENT_TAB_PATHS = ['/', '/slots', '/placements', '/fieldwork/check-in']

/** Which menu entry is active for a path: the longest matching prefix. */
export function activeNav(path: string, items: NavItem[]): string {
  let best = '/'
  for (const i of items) {
    if (i.path !== '/' && (path === i.path || path.startsWith(`${i.path}/`)) && i.path.length > best.length)
      best = i.path
  }
  return best
}
