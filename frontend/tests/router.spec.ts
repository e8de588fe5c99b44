import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { safeNext } from '@/router'
import { http } from '@/api/http'
import { mockFetch } from './helpers'
import { makeRouter, me, SIGNED_IN, SIGNED_OUT } from './routerHelpers'

describe('router guards', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => vi.unstubAllGlobals())

  it('sends a signed-out visitor to sign-in with ?next=', async () => {
    mockFetch({ '/_allauth/browser/v1/auth/session': SIGNED_OUT })
    const router = makeRouter()
    await router.push('/companies?zone=wedz')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.next).toBe('/companies?zone=wedz')
  })

  it('lets public pages through without a session', async () => {
    mockFetch({ '/_allauth/browser/v1/auth/session': SIGNED_OUT })
    const router = makeRouter()
    await router.push('/account/password/reset/key/abc-123')
    expect(router.currentRoute.value.name).toBe('password-reset-key')
    expect(router.currentRoute.value.params.key).toBe('abc-123')
  })

  it('refuses role-guarded pages to other roles', async () => {
    mockFetch({ '/_allauth/browser/v1/auth/session': SIGNED_IN, '/api/v1/me/': me(['student']) })
    const router = makeRouter()
    await router.push('/imports/students')
    expect(router.currentRoute.value.name).toBe('forbidden')
  })

  it('opens role-guarded pages to the role, and "/" is the home page', async () => {
    mockFetch({ '/_allauth/browser/v1/auth/session': SIGNED_IN, '/api/v1/me/': me(['school_admin']) })
    const router = makeRouter()
    await router.push('/imports/students')
    expect(router.currentRoute.value.name).toBe('import-students')
    await router.push('/')
    expect(router.currentRoute.value.name).toBe('home')
  })

  it('a 401 from the API (expired session) goes back to sign-in with the current page as next', async () => {
    mockFetch({ '/_allauth/browser/v1/auth/session': SIGNED_IN, '/api/v1/me/': me(['teacher']) })
    const router = makeRouter()
    await router.push('/bases')
    window.history.replaceState({}, '', '/bases?kind=on_campus')
    mockFetch({ '/api/v1/bases/': { status: 401, body: { status: 401, code: 'not_authenticated', detail: '' } } })
    await http.get('/api/v1/bases/').catch(() => undefined)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'))
    expect(router.currentRoute.value.query.next).toBe('/bases?kind=on_campus')
  })

  it('only accepts same-site paths as next', () => {
    expect(safeNext('/bases?x=1')).toBe('/bases?x=1')
    expect(safeNext('//evil.example')).toBe('/')
    expect(safeNext('https://evil.example')).toBe('/')
    expect(safeNext(undefined)).toBe('/')
  })
})
