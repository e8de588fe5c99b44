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
]
