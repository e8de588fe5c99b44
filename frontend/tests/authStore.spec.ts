import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { detectIdentifier, useAuthStore } from '@/stores/auth'
import { clearCookies, failure, mockFetch, setCookie } from './helpers'

const ME = {
  id: 7,
  username: 'teacher',
  email: 'teacher@example.com',
  phone: '13800000001',
  full_name: '李老师',
  roles: ['teacher', 'school_admin'],
  student: null,
  schools: [{ id: 1, name: '武汉城市职业学院', role: 'admin' }],
  companies: [],
  is_city_analyst: false,
  is_city_staff: false,
  has_mfa: false,
}
const SIGNED_IN = {
  status: 200,
  body: { status: 200, data: { user: { id: 7, display: 'teacher' } }, meta: { is_authenticated: true } },
}
const MFA_PENDING = {
  status: 401,
  body: {
    status: 401,
    data: { flows: [{ id: 'login' }, { id: 'mfa_authenticate', is_pending: true }] },
    meta: { is_authenticated: false },
  },
}

describe('detectIdentifier', () => {
  it.each([
    ['13800000000', { phone: '+8613800000000' }],
    ['138 0000 0000', { phone: '+8613800000000' }],
    ['+86 138-0000-0000', { phone: '+8613800000000' }],
    ['19912345678', { phone: '+8619912345678' }],
    ['student@example.com', { email: 'student@example.com' }],
    ['  hr@example.com ', { email: 'hr@example.com' }],
    ['zhangsan', { username: 'zhangsan' }],
    ['12800000000', { username: '12800000000' }], // 12x is not a mobile prefix
    ['1380000000', { username: '1380000000' }], // 10 digits
    ['2024001', { username: '2024001' }],
  ])('%s -> %o', (input, expected) => {
    expect(detectIdentifier(input)).toEqual(expected)
  })
})

describe('auth store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    clearCookies()
    setCookie('csrftoken=tok; path=/')
  })
  afterEach(() => vi.unstubAllGlobals())

  it('signs in with a phone number and loads the roles from /me', async () => {
    const { calls } = mockFetch({
      'POST /_allauth/browser/v1/auth/login': SIGNED_IN,
      '/api/v1/me/': { status: 200, body: ME },
    })
    const auth = useAuthStore()
    const outcome = await auth.login('13800000001', 'secret')
    expect(outcome).toBe('ok')
    expect(calls[0].body).toEqual({ phone: '+8613800000001', password: 'secret' })
    expect(calls[0].headers['X-CSRFToken']).toBe('tok')
    expect(auth.authenticated).toBe(true)
    expect(auth.roles).toEqual(['teacher', 'school_admin'])
    expect(auth.hasRole('school_admin')).toBe(true)
    expect(auth.hasRole('student', 'city_analyst')).toBe(false)
    expect(auth.displayName).toBe('李老师')
  })

  it('signs in with an email or a username', async () => {
    const { calls } = mockFetch({
      'POST /_allauth/browser/v1/auth/login': SIGNED_IN,
      '/api/v1/me/': { status: 200, body: ME },
    })
    const auth = useAuthStore()
    await auth.login('teacher@example.com', 'pw')
    await auth.login('teacher', 'pw')
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { email: 'teacher@example.com', password: 'pw' },
      { username: 'teacher', password: 'pw' },
    ])
  })

  it('answers "mfa" when allauth asks for the TOTP code, then completes with it', async () => {
    const { calls } = mockFetch({
      'POST /_allauth/browser/v1/auth/login': MFA_PENDING,
      'POST /_allauth/browser/v1/auth/2fa/authenticate': SIGNED_IN,
      '/api/v1/me/': { status: 200, body: ME },
    })
    const auth = useAuthStore()
    expect(await auth.login('teacher', 'pw')).toBe('mfa')
    expect(auth.authenticated).toBe(false)
    expect(auth.pendingFlow).toBe('mfa_authenticate')
    expect(await auth.mfaAuthenticate('123456')).toBe('ok')
    expect(calls.find((c) => c.url.endsWith('/2fa/authenticate'))!.body).toEqual({ code: '123456' })
    expect(auth.roles).toContain('teacher')
  })

  it('rejects a wrong password with the field error', async () => {
    mockFetch({
      'POST /_allauth/browser/v1/auth/login': {
        status: 400,
        body: { status: 400, errors: [{ message: '密码不正确', code: 'incorrect_password', param: 'password' }] },
      },
    })
    const auth = useAuthStore()
    const err = await failure(auth.login('teacher', 'bad'))
    expect(err.fields.password).toEqual(['密码不正确'])
    expect(auth.authenticated).toBe(false)
  })

  it('init() reads the session once: 401 means signed out, no /me call', async () => {
    const { calls } = mockFetch({
      '/_allauth/browser/v1/auth/session': {
        status: 401,
        body: { status: 401, data: { flows: [{ id: 'login' }] }, meta: { is_authenticated: false } },
      },
    })
    const auth = useAuthStore()
    await Promise.all([auth.init(), auth.init()])
    expect(auth.authenticated).toBe(false)
    expect(auth.roles).toEqual([])
    expect(calls.map((c) => c.url)).toEqual(['/_allauth/browser/v1/auth/session'])
  })

  it('logout clears the user even though allauth answers 401', async () => {
    mockFetch({
      'POST /_allauth/browser/v1/auth/login': SIGNED_IN,
      '/api/v1/me/': { status: 200, body: ME },
      'DELETE /_allauth/browser/v1/auth/session': {
        status: 401,
        body: { status: 401, data: { flows: [] }, meta: { is_authenticated: false } },
      },
    })
    const auth = useAuthStore()
    await auth.login('teacher', 'pw')
    await auth.logout()
    expect(auth.authenticated).toBe(false)
    expect(auth.me).toBeNull()
    expect(auth.roles).toEqual([])
  })
})
