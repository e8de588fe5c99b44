import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'

const EVERYONE: Role[] = [
  'student',
  'teacher',
  'school_admin',
  'company_hr',
  'company_mentor',
  'city_analyst',
  'city_staff',
]

/** 专场招聘会 (issue 18): fairs for everyone with a role (the API scopes which); the check-in desk for the fair's staff
 * (the city's, a school's admins and teachers); the report for organisers and the city. */
export const fairRoutes: RouteRecordRaw[] = [
  {
    path: 'careers/fairs',
    name: 'fairs',
    component: () => import('@/views/careers/FairList.vue'),
    meta: { title: 'fairs.title', roles: EVERYONE },
  },
  {
    path: 'careers/fairs/:id(\\d+)',
    name: 'fair-detail',
    component: () => import('@/views/careers/FairDetail.vue'),
    meta: { title: 'fairs.title', roles: EVERYONE },
  },
  {
    path: 'careers/fairs/:id(\\d+)/check-in',
    name: 'fair-check-in',
    component: () => import('@/views/careers/FairCheckIn.vue'),
    meta: { title: 'fairs.desk.title', roles: ['city_staff', 'school_admin', 'teacher'] },
  },
  {
    path: 'careers/fairs/:id(\\d+)/report',
    name: 'fair-report',
    component: () => import('@/views/careers/FairReport.vue'),
    meta: { title: 'fairs.report.title', roles: ['city_staff', 'school_admin', 'city_analyst'] },
  },
]
