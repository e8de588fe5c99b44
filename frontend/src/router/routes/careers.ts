import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'

const EVERYONE: Role[] = ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor', 'city_analyst']
const APPLICATIONS: Role[] = ['student', 'company_hr', 'teacher', 'school_admin']

/** 就业 (issue 18): my résumé (students), graduate jobs, applications with interviews and offers. The school confirms
 * the outcome an accepted offer records on the graduate outcomes page (alumni). */
export const careerRoutes: RouteRecordRaw[] = [
  {
    path: 'careers/resume',
    name: 'resume',
    component: () => import('@/views/careers/MyResume.vue'),
    meta: { title: 'careers.resume.title', roles: ['student'] },
  },
  {
    path: 'careers/jobs',
    name: 'jobs',
    component: () => import('@/views/careers/JobList.vue'),
    meta: { title: 'careers.jobs.title', roles: EVERYONE },
  },
  {
    path: 'careers/jobs/:id(\\d+)',
    name: 'job-detail',
    component: () => import('@/views/careers/JobDetail.vue'),
    meta: { title: 'careers.jobs.title', roles: EVERYONE },
  },
  {
    path: 'careers/applications',
    name: 'job-applications',
    component: () => import('@/views/careers/ApplicationList.vue'),
    meta: { title: 'careers.applications.title', roles: APPLICATIONS },
  },
  {
    path: 'careers/applications/:id(\\d+)',
    name: 'job-application-detail',
    component: () => import('@/views/careers/ApplicationDetail.vue'),
    meta: { title: 'careers.applications.detail', roles: APPLICATIONS },
  },
  {
    // 政策信息: public information for everyone signed in; the city's staff keep it (the API's can_edit)
    path: 'careers/policies',
    name: 'policies',
    component: () => import('@/views/careers/PolicyList.vue'),
    meta: { title: 'policies.title' },
  },
  {
    path: 'careers/policies/:id(\\d+)',
    name: 'policy-detail',
    component: () => import('@/views/careers/PolicyDetail.vue'),
    meta: { title: 'policies.title' },
  },
]
