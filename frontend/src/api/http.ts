/**
 * The one HTTP client of the app.
 *
 * - sends cookies (Django session) with every call;
 * - sends X-CSRFToken (from the `csrftoken` cookie) on unsafe methods;
 * - sends Accept-Language from the current UI locale (zh-hans / en);
 * - turns every non-2xx answer into an ApiError with the API's one error shape
 *   ({status, code, detail, fields, row_errors}) — allauth's {errors: [{message, code, param}]} is
 *   mapped to the same shape;
 * - a 401 from /api/v1 sends the user to the sign-in page with ?next=<where they were>.
 */

import type { Schemas } from './schema'
import { messages } from '@/locales'

export type RowError = Schemas['RowError']

/** Stays: a body as received, before we know whose it is: our one error shape (Schemas['Error'], plus a domain
 * error's own keys) or allauth's `{status, errors: [{message, code, param}]}`, which the schema does not cover. */
export type ApiErrorBody = Partial<Schemas['Error']> & {
  errors?: { message: string; code?: string; param?: string }[]
  [key: string]: unknown
}

/** The error shape's `detail` as one sentence (it is an object of messages by name when several things failed). */
function detailText(detail: ApiErrorBody['detail']): string {
  if (!detail) return ''
  if (typeof detail === 'string') return detail
  return Object.values(detail).flat().join(' ')
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly fields: Record<string, string[]>
  readonly rowErrors: RowError[]
  /** The parsed JSON body, as received (allauth puts `data.flows` there on 401). */
  readonly body: ApiErrorBody | null

  constructor(status: number, body: ApiErrorBody | null, fallbackMessage = '') {
    const fields: Record<string, string[]> = { ...(body?.fields ?? {}) }
    let detail = detailText(body?.detail)
    let code = body?.code ?? ''
    // allauth headless: {"status": 400, "errors": [{"message", "code", "param"}]}
    if (Array.isArray(body?.errors)) {
      const general: string[] = []
      for (const e of body!.errors!) {
        if (e.param) (fields[e.param] ??= []).push(e.message)
        else general.push(e.message)
        if (!code && e.code) code = e.code
      }
      if (!detail) detail = general.join(' ') || body!.errors![0]?.message || ''
    }
    super(detail || fallbackMessage || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = code || (status >= 500 ? 'server_error' : 'error')
    this.detail = detail || fallbackMessage
    this.fields = fields
    this.rowErrors = body?.row_errors ?? []
    this.body = body
  }
}

/** Network failure (server down, offline): status 0, with a message in the page's language (the browser's own,
 * such as "Failed to fetch", means nothing to a user and is not translated). */
export class NetworkError extends ApiError {
  constructor(message: string) {
    super(0, null, message)
    this.name = 'NetworkError'
  }
}

/** Stays: a query string's values, not a payload. */
type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>

/** Stays: options of this client, not a payload. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  query?: Query
  /** JSON-serialised unless FormData. */
  body?: unknown
  headers?: Record<string, string>
  /** Do not redirect to sign-in on 401 (used by the auth screens). */
  noAuthRedirect?: boolean
  /** Resolve with the body as a Blob (downloads such as XLSX exports); errors still parse as JSON. */
  blob?: boolean
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let currentLocale: () => string = () => 'zh-CN'
let unauthorizedHandler: (next: string) => void = (next) => {
  window.location.assign(`/login?next=${encodeURIComponent(next)}`)
}

/** The ui store registers the locale getter, the router the 401 handler. */
export function setLocaleSource(fn: () => string): void {
  currentLocale = fn
}
export function setUnauthorizedHandler(fn: (next: string) => void): void {
  unauthorizedHandler = fn
}

/** "Cannot reach the server…" in the UI language (zh-CN unless English). */
export function networkErrorMessage(locale: string): string {
  const lang = locale.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN'
  return messages[lang].common.state.networkError
}

export function acceptLanguage(locale: string): string {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'zh-hans'
}

export function getCookie(name: string): string | null {
  const parts = document.cookie ? document.cookie.split(';') : []
  for (const part of parts) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return null
}

export function buildUrl(url: string, query?: Query): string {
  if (!query) return url
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) v.forEach((x) => params.append(k, String(x)))
    else params.append(k, String(v))
  }
  const qs = params.toString()
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url
}

/** The file name of `Content-Disposition: attachment; filename="x.xlsx"` (or RFC 5987 `filename*=UTF-8''…`). */
export function filenameFromDisposition(header: string | null | undefined): string {
  if (!header) return ''
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  return plain ? (plain[2] ?? plain[1]).trim() : ''
}

let csrfPromise: Promise<void> | null = null

/** GET /api/v1/csrf/ once, so Django sets the csrftoken cookie. */
export function ensureCsrf(force = false): Promise<void> {
  if (!force && getCookie('csrftoken')) return Promise.resolve()
  if (!csrfPromise || force) {
    csrfPromise = fetch('/api/v1/csrf/', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': acceptLanguage(currentLocale()) },
    })
      .then(() => undefined)
      .catch(() => {
        csrfPromise = null
      })
  }
  return csrfPromise
}

function currentPath(): string {
  const { pathname, search, hash } = window.location
  return `${pathname}${search}${hash}`
}

export async function request<T = unknown>(url: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': acceptLanguage(currentLocale()),
    ...(options.headers ?? {}),
  }
  let body: BodyInit | undefined
  if (options.body instanceof FormData) {
    body = options.body
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  if (UNSAFE.has(method)) {
    if (!getCookie('csrftoken')) await ensureCsrf()
    const token = getCookie('csrftoken')
    if (token) headers['X-CSRFToken'] = token
  }

  let response: Response
  try {
    response = await fetch(buildUrl(url, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    })
  } catch {
    throw new NetworkError(networkErrorMessage(currentLocale()))
  }

  // an export that became a background job answers 202 with the job (JSON), not the file
  if (options.blob && response.ok && response.status !== 202) {
    const blob = await response.blob()
    const name = filenameFromDisposition(response.headers.get('Content-Disposition'))
    // a File is a Blob: callers that only want the bytes are unaffected; downloads get the server's name
    return (name ? new File([blob], name, { type: blob.type }) : blob) as T
  }
  const text = response.status === 204 ? '' : await response.text()
  let data: unknown = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }

  if (!response.ok) {
    const err = new ApiError(response.status, (data as ApiErrorBody) ?? null, response.statusText)
    if (response.status === 401 && !options.noAuthRedirect && url.startsWith('/api/v1/')) {
      unauthorizedHandler(currentPath())
    }
    throw err
  }
  return data as T
}

export const http = {
  get: <T>(url: string, query?: Query, opts: RequestOptions = {}) => request<T>(url, { ...opts, method: 'GET', query }),
  post: <T>(url: string, body?: unknown, opts: RequestOptions = {}) =>
    request<T>(url, { ...opts, method: 'POST', body }),
  put: <T>(url: string, body?: unknown, opts: RequestOptions = {}) => request<T>(url, { ...opts, method: 'PUT', body }),
  patch: <T>(url: string, body?: unknown, opts: RequestOptions = {}) =>
    request<T>(url, { ...opts, method: 'PATCH', body }),
  delete: <T>(url: string, opts: RequestOptions = {}) => request<T>(url, { ...opts, method: 'DELETE' }),
}

/** Stays: the generic page of every list (the schema spells it once per list, Paginated<Name>List, with the same
 * four fields), so useList and the list functions can be generic over the row type. */
export interface Paginated<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}
