import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, http, setLocaleSource, setUnauthorizedHandler, buildUrl } from '@/api/http'
import { clearCookies, failure, mockFetch, setCookie } from './helpers'

describe('http client', () => {
  beforeEach(() => {
    clearCookies()
    setLocaleSource(() => 'zh-CN')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('sends the csrftoken cookie as X-CSRFToken on POST, with cookies', async () => {
    setCookie('csrftoken=abc123; path=/')
    const { calls, fn } = mockFetch({ 'POST /api/v1/things/': { status: 201, body: { id: 1 } } })
    const result = await http.post<{ id: number }>('/api/v1/things/', { name: 'x' })
    expect(result).toEqual({ id: 1 })
    expect(calls[0].headers['X-CSRFToken']).toBe('abc123')
    expect(calls[0].headers['Content-Type']).toBe('application/json')
    expect(calls[0].body).toEqual({ name: 'x' })
    expect((fn.mock.calls[0][1] as RequestInit).credentials).toBe('same-origin')
  })

  it('does not send the CSRF header on GET', async () => {
    setCookie('csrftoken=abc123; path=/')
    const { calls } = mockFetch({ '/api/v1/things/': { status: 200, body: [] } })
    await http.get('/api/v1/things/')
    expect(calls[0].headers['X-CSRFToken']).toBeUndefined()
  })

  it('fetches /api/v1/csrf/ first when there is no csrftoken cookie yet', async () => {
    const { calls } = mockFetch({
      '/api/v1/csrf/': { status: 204 },
      'PATCH /api/v1/me/': { status: 200, body: {} },
    })
    await http.patch('/api/v1/me/', { full_name: 'A' })
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/v1/csrf/', 'PATCH /api/v1/me/'])
  })

  it('sends Accept-Language from the current locale', async () => {
    const { calls } = mockFetch({ '/api/v1/choices/': { status: 200, body: {} } })
    await http.get('/api/v1/choices/')
    setLocaleSource(() => 'en-US')
    await http.get('/api/v1/choices/')
    expect(calls[0].headers['Accept-Language']).toBe('zh-hans')
    expect(calls[1].headers['Accept-Language']).toBe('en')
  })

  it('parses the API error shape into ApiError', async () => {
    setCookie('csrftoken=t; path=/')
    mockFetch({
      'POST /api/v1/imports/students/': {
        status: 400,
        body: {
          status: 400,
          code: 'invalid_rows',
          detail: '有错误',
          fields: { credit_code: ['校验位不正确'] },
          row_errors: [{ row: 3, field: 'student_number', message: '重复' }],
        },
      },
    })
    const err = await failure(http.post('/api/v1/imports/students/', new FormData()))
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(400)
    expect(err.code).toBe('invalid_rows')
    expect(err.detail).toBe('有错误')
    expect(err.fields).toEqual({ credit_code: ['校验位不正确'] })
    expect(err.rowErrors).toEqual([{ row: 3, field: 'student_number', message: '重复' }])
  })

  it("maps allauth's errors[].param to fields", async () => {
    setCookie('csrftoken=t; path=/')
    mockFetch({
      'POST /_allauth/browser/v1/auth/login': {
        status: 400,
        body: {
          status: 400,
          errors: [{ message: 'Incorrect password.', code: 'incorrect_password', param: 'password' }],
        },
      },
    })
    const err = await failure(http.post('/_allauth/browser/v1/auth/login', {}))
    expect(err.fields).toEqual({ password: ['Incorrect password.'] })
    expect(err.code).toBe('incorrect_password')
  })

  it('sends FormData without a JSON content type', async () => {
    setCookie('csrftoken=t; path=/')
    const { calls } = mockFetch({ 'POST /api/v1/imports/companies/': { status: 200, body: { ok: true } } })
    const form = new FormData()
    form.append('dry_run', 'true')
    await http.post('/api/v1/imports/companies/', form)
    expect(calls[0].headers['Content-Type']).toBeUndefined()
    expect(calls[0].body).toBeInstanceOf(FormData)
  })

  it('on 401 from /api/v1 hands the current path to the sign-in redirect', async () => {
    window.history.pushState({}, '', '/companies?district=jiangxia')
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    mockFetch({ '/api/v1/me/': { status: 401, body: { status: 401, code: 'not_authenticated', detail: '请登录' } } })
    const err = await failure(http.get('/api/v1/me/'))
    expect(err.status).toBe(401)
    expect(handler).toHaveBeenCalledWith('/companies?district=jiangxia')
  })

  it('does not redirect on 401 from allauth (that is just "not signed in")', async () => {
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    mockFetch({ '/_allauth/browser/v1/auth/session': { status: 401, body: { status: 401, data: { flows: [] } } } })
    await http.get('/_allauth/browser/v1/auth/session').catch(() => undefined)
    expect(handler).not.toHaveBeenCalled()
  })

  it('turns a network failure into status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    const err = await failure(http.get('/api/v1/me/'))
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(0)
    // the browser's "Failed to fetch" never reaches the page: the message is the app's own, in its language
    expect(err.message).toBe('无法连接服务器，请检查网络后重试。')
    expect(err.detail).toBe('无法连接服务器，请检查网络后重试。')
  })

  it('says a network failure in English on an English page', async () => {
    setLocaleSource(() => 'en-US')
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    )
    const err = await failure(http.post('/api/v1/companies/', { name: 'x' }))
    setLocaleSource(() => 'zh-CN')
    expect(err.status).toBe(0)
    expect(err.detail).toBe('Cannot reach the server. Check your connection and try again.')
    expect(err.detail).not.toContain('fetch')
  })

  it('builds query strings without empty values', () => {
    expect(buildUrl('/api/v1/bases/', { search: '比亚迪', district: '', page: 2, x: undefined })).toBe(
      '/api/v1/bases/?search=%E6%AF%94%E4%BA%9A%E8%BF%AA&page=2',
    )
  })
})
