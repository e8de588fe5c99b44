import { vi } from 'vitest'

export interface FakeResponse {
  status: number
  body?: unknown
}

/** Replaces global fetch; answers from `routes` ("METHOD /path" or "/path") in call order; records calls. */
export function mockFetch(routes: Record<string, FakeResponse | FakeResponse[]>) {
  const calls: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = []
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input)
    const method = (init.method ?? 'GET').toUpperCase()
    const path = url.split('?')[0]
    calls.push({
      url,
      method,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
    })
    let answer = routes[`${method} ${path}`] ?? routes[path]
    if (Array.isArray(answer)) answer = answer.length > 1 ? answer.shift()! : answer[0]
    const r = answer ?? { status: 404, body: { status: 404, code: 'not_found', detail: 'Not found' } }
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), {
      status: r.status,
      headers: { 'Content-Type': 'application/json' },
    })
  })
  vi.stubGlobal('fetch', fn)
  return { fn, calls }
}

export function setCookie(value: string) {
  document.cookie = value
}

export function clearCookies() {
  for (const c of document.cookie.split(';')) {
    const name = c.split('=')[0].trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  }
}

/** The ApiError a promise rejects with (fails the test if it resolves). */
export async function failure(p: Promise<unknown>): Promise<import('@/api/http').ApiError> {
  try {
    await p
  } catch (e) {
    return e as import('@/api/http').ApiError
  }
  throw new Error('expected the call to fail')
}
