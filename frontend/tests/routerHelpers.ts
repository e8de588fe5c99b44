import { createMemoryHistory, createRouter } from 'vue-router'
import { installGuards, routes } from '@/router'

// The app loads its layouts lazily (the sign-in page never fetches the signed-in one); load them with this helper,
// so that the first navigation of a spec does not spend its time limit on their transform.
await Promise.all([import('@/components/AppLayout.vue'), import('@/components/AuthLayout.vue')])

/** The session and /me answers of a signed-in or signed-out visitor, and a router with the app's guards. */
export const SIGNED_IN = {
  status: 200,
  body: { status: 200, data: { user: { id: 1 } }, meta: { is_authenticated: true } },
}
export const SIGNED_OUT = {
  status: 401,
  body: { status: 401, data: { flows: [{ id: 'login' }] }, meta: { is_authenticated: false } },
}
export const me = (roles: string[]) => ({
  status: 200,
  body: {
    id: 1,
    username: 'u',
    email: '',
    phone: '',
    full_name: '',
    roles,
    student: null,
    schools: [],
    companies: [],
    is_city_analyst: false,
    is_city_staff: false,
    has_mfa: false,
  },
})

export function makeRouter() {
  const router = createRouter({ history: createMemoryHistory(), routes })
  installGuards(router)
  return router
}
