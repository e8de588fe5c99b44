import type { RouteRecordRaw } from 'vue-router'

export const roundRoutes: RouteRecordRaw[] = [
  {
    path: 'rounds',
    name: 'rounds',
    component: () => import('@/views/rounds/RoundList.vue'),
    meta: {
      title: 'rounds.list.title',
      roles: ['student', 'teacher', 'school_admin', 'company_hr', 'company_mentor'],
    },
  },
  {
    path: 'rounds/new',
    name: 'round-new',
    component: () => import('@/views/rounds/RoundEdit.vue'),
    meta: { title: 'rounds.form.newTitle', roles: ['teacher', 'school_admin'] },
  },
  {
    path: 'rounds/:id(\\d+)',
    name: 'round',
    component: () => import('@/views/rounds/RoundDetail.vue'),
    props: true,
    meta: { title: 'rounds.title' },
  },
  {
    path: 'rounds/:id(\\d+)/edit',
    name: 'round-edit',
    component: () => import('@/views/rounds/RoundEdit.vue'),
    props: true,
    meta: { title: 'rounds.form.editTitle', roles: ['teacher', 'school_admin'] },
  },
]
