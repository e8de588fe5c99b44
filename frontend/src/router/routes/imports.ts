import type { RouteRecordRaw } from 'vue-router'

export const importRoutes: RouteRecordRaw[] = [
  {
    path: 'imports/students',
    name: 'import-students',
    component: () => import('@/views/imports/ImportStudents.vue'),
    meta: { title: 'imports.students.title', roles: ['school_admin'] },
  },
  {
    path: 'imports/companies',
    name: 'import-companies',
    component: () => import('@/views/imports/ImportCompanies.vue'),
    meta: { title: 'imports.companies.title', roles: ['school_admin'] },
  },
  {
    // 后台任务: one's own large imports and exports; a school admin also sees the school's (issue 16)
    path: 'background-jobs',
    name: 'background-jobs',
    component: () => import('@/views/jobs/JobList.vue'),
    meta: { title: 'jobs.title', roles: ['teacher', 'school_admin'] },
  },
]
