import type { RouteRecordRaw } from 'vue-router'

/** Pages reachable without a session, shown in the auth layout. */
export const publicAuthRoutes: RouteRecordRaw[] = [
  {
    path: 'login',
    name: 'login',
    component: () => import('@/views/auth/Login.vue'),
    meta: { public: true, title: 'auth.login.title' },
  },
  {
    path: 'login/mfa',
    name: 'mfa',
    component: () => import('@/views/auth/MfaStep.vue'),
    meta: { public: true, title: 'auth.mfa.title' },
  },
  {
    path: 'account/password/reset',
    name: 'password-reset',
    component: () => import('@/views/auth/PasswordReset.vue'),
    meta: { public: true, title: 'auth.reset.title' },
  },
  {
    path: 'account/password/reset/key/:key',
    name: 'password-reset-key',
    component: () => import('@/views/auth/PasswordResetKey.vue'),
    meta: { public: true, title: 'auth.resetKey.title' },
  },
  {
    path: 'activate',
    name: 'activate',
    component: () => import('@/views/auth/Activate.vue'),
    meta: { public: true, title: 'auth.activate.title' },
  },
  {
    // the guardian's consent link from the text message (the token in the path, the code typed in)
    path: 'consent/:token',
    name: 'guardian-consent',
    component: () => import('@/views/consent/GuardianConsent.vue'),
    props: true,
    meta: { public: true, title: 'consent.guardian.title' },
  },
  {
    path: 'invitations/accept',
    name: 'invitation-accept',
    component: () => import('@/views/auth/AcceptInvitation.vue'),
    meta: { public: true, title: 'invitations.accept.title' },
  },
]

/** Account pages for a signed-in user (in the app layout). */
export const accountRoutes: RouteRecordRaw[] = [
  {
    path: 'account/security',
    name: 'security',
    component: () => import('@/views/auth/Security.vue'),
    meta: { title: 'auth.security.title' },
  },
  {
    // "我的": the rest of the menu behind a student's bottom tab bar on a phone
    path: 'me',
    name: 'me',
    component: () => import('@/views/account/MyPage.vue'),
    meta: { title: 'common.nav.me' },
  },
]
