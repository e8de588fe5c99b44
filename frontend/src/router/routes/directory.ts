import type { RouteRecordRaw } from 'vue-router'

export const directoryRoutes: RouteRecordRaw[] = [
  {
    path: 'teachers',
    name: 'teachers',
    component: () => import('@/views/directory/TeacherList.vue'),
    meta: { title: 'invitations.teachers.title', roles: ['school_admin'] },
  },
  {
    path: 'company-members',
    name: 'company-members',
    component: () => import('@/views/directory/MemberList.vue'),
    meta: { title: 'invitations.members.title', roles: ['company_hr'] },
  },
  {
    path: 'institutions',
    name: 'institutions',
    component: () => import('@/views/directory/InstitutionList.vue'),
    meta: { title: 'directory.institutions.title' },
  },
  {
    path: 'companies',
    name: 'companies',
    component: () => import('@/views/directory/CompanyList.vue'),
    meta: { title: 'directory.companies.title' },
  },
  {
    path: 'companies/change-requests',
    name: 'company-change-requests',
    component: () => import('@/views/directory/ChangeRequestList.vue'),
    meta: { title: 'directory.changeRequests.listTitle', roles: ['school_admin'] },
  },
  {
    path: 'companies/:id(\\d+)',
    name: 'company',
    component: () => import('@/views/directory/CompanyDetail.vue'),
    props: true,
    meta: { title: 'directory.companies.title' },
  },
  {
    path: 'companies/:id(\\d+)/edit',
    name: 'company-edit',
    component: () => import('@/views/directory/CompanyEdit.vue'),
    props: true,
    meta: { title: 'directory.companies.editTitle', roles: ['company_hr'] },
  },
  {
    path: 'school-companies',
    name: 'school-companies',
    component: () => import('@/views/directory/SchoolCompanyList.vue'),
    meta: { title: 'directory.schoolList.title', roles: ['student', 'teacher', 'school_admin'] },
  },
  {
    path: 'bases',
    name: 'bases',
    component: () => import('@/views/directory/BaseList.vue'),
    meta: { title: 'directory.bases.title' },
  },
  {
    path: 'bases/:id(\\d+)',
    name: 'base',
    component: () => import('@/views/directory/BaseDetail.vue'),
    props: true,
    meta: { title: 'directory.bases.title' },
  },
  {
    path: 'bases/:id(\\d+)/edit',
    name: 'base-edit',
    component: () => import('@/views/directory/BaseEdit.vue'),
    props: true,
    meta: { title: 'directory.bases.editTitle', roles: ['school_admin', 'company_hr'] },
  },
]
