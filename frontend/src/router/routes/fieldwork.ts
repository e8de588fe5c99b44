import type { RouteRecordRaw } from 'vue-router'

/** A placement's days (issue 17): check-in, leave, field work, attendance, and the school's settings for them. */
export const fieldworkRoutes: RouteRecordRaw[] = [
  {
    path: 'fieldwork/check-in',
    name: 'check-in',
    component: () => import('@/views/fieldwork/CheckIn.vue'),
    meta: { title: 'fieldwork.checkIn.title', roles: ['student'] },
  },
  {
    path: 'fieldwork/leave',
    name: 'leave',
    component: () => import('@/views/fieldwork/LeaveList.vue'),
    meta: { title: 'fieldwork.leave.title', roles: ['student'] },
  },
  {
    path: 'fieldwork/leave/decide',
    name: 'leave-decide',
    component: () => import('@/views/fieldwork/LeaveDecide.vue'),
    meta: {
      title: 'fieldwork.leave.decideTitle',
      roles: ['teacher', 'school_admin', 'company_hr', 'company_mentor'],
    },
  },
  {
    path: 'fieldwork/field-work',
    name: 'field-work',
    component: () => import('@/views/fieldwork/FieldWorkPage.vue'),
    meta: { title: 'fieldwork.fieldWork.title', roles: ['student', 'company_hr', 'company_mentor'] },
  },
  {
    path: 'fieldwork/attendance',
    name: 'attendance',
    component: () => import('@/views/fieldwork/Attendance.vue'),
    meta: {
      title: 'fieldwork.attendance.title',
      roles: ['teacher', 'school_admin', 'company_hr', 'company_mentor'],
    },
  },
  {
    path: 'settings/fieldwork',
    name: 'fieldwork-settings',
    component: () => import('@/views/fieldwork/FieldworkSettings.vue'),
    meta: { title: 'fieldwork.settings.title', roles: ['school_admin', 'teacher'] },
  },
]
