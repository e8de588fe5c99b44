import type { RouteRecordRaw } from 'vue-router'

/** 学子留汉: the stay report, internship-to-hire, talent points, graduate outcomes (school), my outcome (student). */
export const alumniRoutes: RouteRecordRaw[] = [
  {
    path: 'stay',
    name: 'stay',
    component: () => import('@/views/alumni/StayReport.vue'),
    meta: { title: 'alumni.stay.title', roles: ['city_analyst', 'school_admin', 'teacher'] },
  },
  {
    path: 'stay/conversion',
    name: 'stay-conversion',
    component: () => import('@/views/alumni/Conversion.vue'),
    meta: {
      title: 'alumni.conversion.title',
      roles: ['city_analyst', 'school_admin', 'teacher', 'company_hr', 'company_mentor'],
    },
  },
  {
    path: 'stay/points',
    name: 'stay-points',
    component: () => import('@/views/alumni/TalentPoints.vue'),
    meta: {
      title: 'alumni.points.title',
      roles: ['city_analyst', 'school_admin', 'teacher', 'company_hr', 'company_mentor'],
    },
  },
  {
    path: 'alumni/outcomes',
    name: 'alumni-outcomes',
    component: () => import('@/views/alumni/OutcomeList.vue'),
    meta: { title: 'alumni.outcomes.title', roles: ['school_admin'] },
  },
  {
    path: 'alumni/my-outcome',
    name: 'alumni-my-outcome',
    component: () => import('@/views/alumni/MyOutcome.vue'),
    meta: { title: 'alumni.my.title', roles: ['student'] },
  },
  {
    path: 'imports/outcomes',
    name: 'import-outcomes',
    component: () => import('@/views/alumni/ImportOutcomes.vue'),
    meta: { title: 'imports.outcomes.title', roles: ['school_admin'] },
  },
]
