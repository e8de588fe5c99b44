import type { RouteRecordRaw } from 'vue-router'

/** 1+X certificates: the student's own, the verification queue, assessment sessions, catalogue, import, report. */
export const certificateRoutes: RouteRecordRaw[] = [
  {
    path: 'certificates',
    name: 'certificates',
    component: () => import('@/views/certificates/MyCertificates.vue'),
    meta: { title: 'certificates.mine.title', roles: ['student'] },
  },
  {
    path: 'certificates/verify',
    name: 'certificate-verify',
    component: () => import('@/views/certificates/VerifyQueue.vue'),
    meta: { title: 'certificates.verify.title', roles: ['teacher', 'school_admin'] },
  },
  {
    path: 'certificates/sessions',
    name: 'certificate-sessions',
    component: () => import('@/views/certificates/SessionList.vue'),
    meta: { title: 'certificates.sessions.title', roles: ['teacher', 'school_admin'] },
  },
  {
    path: 'certificates/sessions/:id(\\d+)',
    name: 'certificate-session',
    component: () => import('@/views/certificates/SessionResults.vue'),
    props: true,
    meta: { title: 'certificates.results.title', roles: ['teacher', 'school_admin'] },
  },
  {
    path: 'certificates/catalogue',
    name: 'certificate-catalogue',
    component: () => import('@/views/certificates/ProgramList.vue'),
    meta: { title: 'certificates.catalogue.title', roles: ['school_admin', 'teacher', 'city_analyst'] },
  },
  {
    path: 'certificates/report',
    name: 'certificate-report',
    component: () => import('@/views/certificates/CertificateReport.vue'),
    meta: { title: 'certificates.report.title', roles: ['teacher', 'school_admin', 'city_analyst'] },
  },
  {
    path: 'imports/certificates',
    name: 'import-certificates',
    component: () => import('@/views/certificates/ImportCertificates.vue'),
    meta: { title: 'imports.certificates.title', roles: ['school_admin'] },
  },
]
