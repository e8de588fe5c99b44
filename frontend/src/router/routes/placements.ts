import type { RouteRecordRaw } from 'vue-router'

export const slotRoutes: RouteRecordRaw[] = [
  {
    path: 'slots',
    name: 'slots',
    component: () => import('@/views/slots/SlotList.vue'),
    meta: { title: 'slots.list.title' },
  },
  {
    path: 'slots/new',
    name: 'slot-new',
    component: () => import('@/views/slots/SlotEdit.vue'),
    meta: { title: 'slots.form.newTitle', roles: ['company_hr'] },
  },
  {
    // art. 17: slots held because their words name high-risk work, for the reviewing schools
    path: 'slots/review',
    name: 'slot-review',
    component: () => import('@/views/slots/SlotReviewQueue.vue'),
    meta: { title: 'hazards.queue.title', roles: ['teacher', 'school_admin'] },
  },
  {
    path: 'slots/:id(\\d+)',
    name: 'slot',
    component: () => import('@/views/slots/SlotDetail.vue'),
    props: true,
    meta: { title: 'slots.list.title' },
  },
  {
    // 自行选择实习单位: the student proposes their own placement, the school's admin approves it
    path: 'self-arranged',
    name: 'self-arranged',
    component: () => import('@/views/placements/SelfArranged.vue'),
    meta: { title: 'selfArranged.title', roles: ['student', 'teacher', 'school_admin'] },
  },
  {
    // 备案: the school admin files post-internship arrangements and approves cross-province ones
    path: 'filing',
    name: 'filing',
    component: () => import('@/views/placements/FilingPage.vue'),
    meta: { title: 'consent.filing.title', roles: ['school_admin'] },
  },
  {
    path: 'hours-exceptions',
    name: 'hours-exceptions',
    component: () => import('@/views/slots/HoursExceptionList.vue'),
    meta: { title: 'slots.exceptions.pageTitle', roles: ['teacher', 'school_admin', 'company_hr'] },
  },
  {
    path: 'slots/:id(\\d+)/edit',
    name: 'slot-edit',
    component: () => import('@/views/slots/SlotEdit.vue'),
    props: true,
    meta: { title: 'slots.form.editTitle', roles: ['company_hr'] },
  },
]

export const placementRoutes: RouteRecordRaw[] = [
  {
    path: 'placements',
    name: 'placements',
    component: () => import('@/views/placements/PlacementList.vue'),
    meta: {
      title: 'placements.list.title',
      roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor'],
    },
  },
  {
    path: 'placements/:id(\\d+)',
    name: 'placement',
    component: () => import('@/views/placements/PlacementDetail.vue'),
    props: true,
    meta: { title: 'placements.detail.title' },
  },
  {
    // issue 17: the weekly report, written in the school's sections, kept as a draft (also offline)
    path: 'placements/:id(\\d+)/journal',
    name: 'journal-write',
    component: () => import('@/views/placements/JournalWrite.vue'),
    props: true,
    meta: { title: 'placements.journal.write.title', roles: ['student'] },
  },
  {
    path: 'journals/review',
    name: 'journal-review',
    component: () => import('@/views/placements/JournalReview.vue'),
    meta: {
      title: 'placements.journal.review.title',
      roles: ['teacher', 'school_admin', 'company_hr', 'company_mentor'],
    },
  },
  {
    path: 'mentor',
    name: 'mentor-home',
    component: () => import('@/views/placements/MentorHome.vue'),
    meta: { title: 'placements.mentor.title', roles: ['company_hr', 'company_mentor'] },
  },
  {
    path: 'breaches',
    name: 'breaches',
    component: () => import('@/views/placements/BreachList.vue'),
    meta: { title: 'placements.breaches.title', roles: ['student', 'teacher', 'school_admin'] },
  },
  {
    path: 'settings/placements',
    name: 'placement-settings',
    component: () => import('@/views/placements/PolicySettings.vue'),
    meta: { title: 'placements.policy.title', roles: ['school_admin'] },
  },
  {
    path: 'settings/hazard-terms',
    name: 'hazard-terms',
    component: () => import('@/views/slots/HazardTermSettings.vue'),
    meta: { title: 'hazards.terms.title', roles: ['teacher', 'school_admin'] },
  },
  {
    path: 'students',
    name: 'students',
    component: () => import('@/views/students/StudentList.vue'),
    meta: { title: 'students.title', roles: ['teacher', 'school_admin'] },
  },
  {
    path: 'students/:id(\\d+)',
    name: 'student',
    component: () => import('@/views/students/StudentDetail.vue'),
    props: true,
    meta: { title: 'students.title', roles: ['teacher', 'school_admin'] },
  },
]
