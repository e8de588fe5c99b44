import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteRecordRaw,
  type Router,
} from 'vue-router'
import type { Role } from '@/api/types'
import { setUnauthorizedHandler } from '@/api/http'
import { i18n } from '@/locales'
import { useAuthStore } from '@/stores/auth'
import { accountRoutes, publicAuthRoutes } from './routes/auth'
import { homeRoutes } from './routes/home'
import { directoryRoutes } from './routes/directory'
import { importRoutes } from './routes/imports'
import { placementRoutes, slotRoutes } from './routes/placements'
import { roundRoutes } from './routes/rounds'
import { certificateRoutes } from './routes/certificates'
import { alumniRoutes } from './routes/alumni'
import { fieldworkRoutes } from './routes/fieldwork'
import { careerRoutes } from './routes/careers'
import { fairRoutes } from './routes/fairs'
import { careRoutes } from './routes/care'

// Loaded with the first page that needs them: the sign-in page never fetches the signed-in layout (its menus,
// drawers, notice bell and socket), and a signed-in page never fetches the sign-in layout.
const AppLayout = () => import('@/components/AppLayout.vue')
const AuthLayout = () => import('@/components/AuthLayout.vue')

declare module 'vue-router' {
  interface RouteMeta {
    /** reachable without a session (default: sign-in required) */
    public?: boolean
    /** only users holding one of these roles */
    roles?: Role[]
    /** i18n key of the page title */
    title?: string
  }
}

// each public page gets its own AuthLayout parent: a shared parent at "/" would also match "/" itself
const publicRoutes: RouteRecordRaw[] = publicAuthRoutes.map((r) => ({
  path: `/${r.path}`,
  component: AuthLayout,
  meta: r.meta,
  children: [{ ...r, path: '' } as RouteRecordRaw],
}))

export const routes: RouteRecordRaw[] = [
  ...publicRoutes,
  {
    path: '/',
    component: AppLayout,
    children: [
      ...homeRoutes,
      ...directoryRoutes,
      ...importRoutes,
      ...slotRoutes,
      ...placementRoutes,
      ...roundRoutes,
      ...certificateRoutes,
      ...alumniRoutes,
      ...fieldworkRoutes,
      ...careerRoutes,
      ...fairRoutes,
      ...careRoutes,
      ...accountRoutes,
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/views/Forbidden.vue'),
        meta: { title: 'common.state.forbidden' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/NotFound.vue'),
        meta: { title: 'common.state.notFound' },
      },
    ],
  },
]

/** Only same-site paths are accepted as ?next= (no open redirect). */
export function safeNext(next: unknown): string {
  const value = Array.isArray(next) ? next[0] : next
  if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\'))
    return value
  return '/'
}

/** Starts fetching the code of a route's lazy pages and layouts, which vue-router would only ask for after the
 * guards (and so after the session check's round trip). vue-router then finds the same modules already coming.
 * Only in the built app: in development and unit tests the modules come from Vite's transform, not a network. */
function preload(records: RouteLocationNormalized['matched']) {
  if (!import.meta.env.PROD) return
  for (const record of records) {
    for (const component of Object.values(record.components ?? {})) {
      // our lazy routes are `() => import(...)`; loaded ones are component objects
      if (typeof component === 'function') (component as () => Promise<unknown>)().catch(() => undefined)
    }
  }
}

export function installGuards(router: Router) {
  router.beforeEach(async (to: RouteLocationNormalized) => {
    const auth = useAuthStore()
    preload(to.matched)
    await auth.init()
    const isPublic = to.matched.some((r) => r.meta.public)
    if (!isPublic && !auth.authenticated) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
    }
    if (auth.authenticated && (to.name === 'login' || to.name === 'mfa')) return safeNext(to.query.next)
    const roles = to.matched.flatMap((r) => r.meta.roles ?? [])
    if (roles.length && !auth.hasRole(...roles)) return { name: 'forbidden' }
    return true
  })

  router.afterEach((to) => {
    // On a sign-in page, fetch the home page and its layout meanwhile: signing in goes there next.
    if (to.meta.public) preload(router.resolve('/').matched)
    const key = [...to.matched].reverse().find((r) => r.meta.title)?.meta.title
    const app = i18n.global.t('common.app.title')
    document.title = key ? `${i18n.global.t(key)} - ${app}` : app
  })

  // An API call answered 401: the session expired. Back to sign-in, then to where they were.
  setUnauthorizedHandler((next) => {
    const auth = useAuthStore()
    auth.markSignedOut()
    const current = router.currentRoute.value
    if (current.matched.some((r) => r.meta.public)) return
    router.replace({ name: 'login', query: { next: safeNext(next) } })
  })
}

export function createAppRouter(): Router {
  // the SPA lives at "/"; only its assets are under /static/
  const router = createRouter({
    history: createWebHistory('/'),
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })
  installGuards(router)
  return router
}
