import type { RouteRecordRaw } from 'vue-router'

/** Teacher visits, incidents and the city's safety counts (issue 17). */
export const careRoutes: RouteRecordRaw[] = [
  {
    path: 'incidents',
    name: 'incidents',
    component: () => import('@/views/care/IncidentList.vue'),
    meta: {
      title: 'care.incidents.title',
      roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor'],
    },
  },
  {
    path: 'incidents/report',
    name: 'incident-report',
    component: () => import('@/views/care/IncidentReport.vue'),
    meta: {
      title: 'care.incidents.reportTitle',
      roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor'],
    },
  },
  {
    path: 'incidents/follow-up',
    name: 'incident-follow-up',
    component: () => import('@/views/care/IncidentFollowUp.vue'),
    meta: { title: 'care.followUp.title', roles: ['student'] },
  },
  {
    path: 'incidents/:id(\\d+)',
    name: 'incident',
    component: () => import('@/views/care/IncidentDetail.vue'),
    meta: {
      title: 'care.incidents.title',
      roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor'],
    },
  },
  {
    path: 'visits/coverage',
    name: 'visit-coverage',
    component: () => import('@/views/care/VisitCoverage.vue'),
    meta: { title: 'care.visits.coverageTitle', roles: ['teacher', 'school_admin'] },
  },
  {
    path: 'reports/incidents',
    name: 'incident-counts',
    component: () => import('@/views/care/IncidentCounts.vue'),
    meta: { title: 'care.counts.title', roles: ['city_analyst'] },
  },
]
