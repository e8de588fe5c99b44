/**
 * django-allauth headless, browser client (`/_allauth/browser/v1/`).
 *
 * allauth answers 401 for "not signed in (yet)", with `data.flows` listing what is pending
 * (e.g. `mfa_authenticate` after a correct password when TOTP is on). These functions turn that
 * into plain results instead of errors.
 */
import { ApiError, http } from './http'

const BASE = '/_allauth/browser/v1'
const opts = { noAuthRedirect: true }

/** Stays (as every type of this module): allauth's own headless API, which our OpenAPI schema does not describe. */
export interface AllauthUser {
  id: number
  display?: string
  username?: string
  email?: string
  has_usable_password?: boolean
}

/** Stays: allauth's headless API (a pending or possible sign-in step). */
export interface AllauthFlow {
  id: string
  is_pending?: boolean
  types?: string[]
}

/** Stays: this module's own summary of allauth's answer, not a payload. */
export interface AuthState {
  authenticated: boolean
  user: AllauthUser | null
  flows: AllauthFlow[]
  /** id of the pending flow (e.g. "mfa_authenticate"), if any */
  pending: string | null
}

/** Stays: allauth's headless API. */
interface AllauthAuthResponse {
  status: number
  data?: { user?: AllauthUser; flows?: AllauthFlow[]; methods?: unknown[] }
  meta?: { is_authenticated?: boolean; session_token?: string }
}

function toState(body: AllauthAuthResponse | null | undefined): AuthState {
  const flows = body?.data?.flows ?? []
  const pending = flows.find((f) => f.is_pending)?.id ?? null
  const authenticated = Boolean(body?.meta?.is_authenticated && body?.data?.user)
  return { authenticated, user: body?.data?.user ?? null, flows, pending }
}

/** 401 from allauth = "not authenticated" + flows: a state, not an error. */
async function authCall(fn: () => Promise<AllauthAuthResponse>): Promise<AuthState> {
  try {
    return toState(await fn())
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return toState(e.body as AllauthAuthResponse)
    throw e
  }
}

/** Stays: allauth's headless API (what its login takes besides the password). */
export type LoginIdentifier = { phone: string } | { email: string } | { username: string }

export const getSession = () => authCall(() => http.get<AllauthAuthResponse>(`${BASE}/auth/session`, undefined, opts))

export const login = (identifier: LoginIdentifier, password: string) =>
  authCall(() => http.post<AllauthAuthResponse>(`${BASE}/auth/login`, { ...identifier, password }, opts))

export const mfaAuthenticate = (code: string) =>
  authCall(() => http.post<AllauthAuthResponse>(`${BASE}/auth/2fa/authenticate`, { code }, opts))

export const reauthenticate = (password: string) =>
  authCall(() => http.post<AllauthAuthResponse>(`${BASE}/auth/reauthenticate`, { password }, opts))

export const logout = () => authCall(() => http.delete<AllauthAuthResponse>(`${BASE}/auth/session`, opts))

export const requestPasswordReset = (email: string) =>
  http.post<unknown>(`${BASE}/auth/password/request`, { email }, opts)

/** Validates a reset key from the e-mail link; throws ApiError (400) when invalid/expired. */
export const checkPasswordResetKey = (key: string) =>
  http.get<{ status: number; data?: { user?: AllauthUser } }>(`${BASE}/auth/password/reset`, undefined, {
    ...opts,
    headers: { 'X-Password-Reset-Key': key },
  })

/** Sets the new password. allauth answers 200 (signed in) or 401 (reset done, sign in now). */
export const resetPassword = (key: string, password: string) =>
  authCall(() => http.post<AllauthAuthResponse>(`${BASE}/auth/password/reset`, { key, password }, opts))

/** Stays: allauth's headless API (an MFA authenticator). */
export interface Authenticator {
  type: 'totp' | 'recovery_codes' | 'webauthn' | string
  created_at?: number
  last_used_at?: number | null
}

export const listAuthenticators = async () =>
  (await http.get<{ status: number; data: Authenticator[] }>(`${BASE}/account/authenticators`, undefined, opts)).data

/** Stays: this module's summary of allauth's TOTP answer (200 active, 404 with a secret), not a payload. */
export type TotpStatus =
  { active: true; authenticator: Authenticator } | { active: false; secret: string; totpUrl: string }

/** GET totp: 200 when active; 404 with meta.secret/meta.totp_url when not set up yet. */
export async function getTotp(): Promise<TotpStatus> {
  try {
    const r = await http.get<{ data: Authenticator }>(`${BASE}/account/authenticators/totp`, undefined, opts)
    return { active: true, authenticator: r.data }
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      const meta = (e.body?.meta ?? {}) as { secret?: string; totp_url?: string }
      return { active: false, secret: meta.secret ?? '', totpUrl: meta.totp_url ?? '' }
    }
    throw e
  }
}

export const activateTotp = (code: string) =>
  http.post<{ data: Authenticator }>(`${BASE}/account/authenticators/totp`, { code }, opts)

export const deactivateTotp = () => http.delete<unknown>(`${BASE}/account/authenticators/totp`, opts)

/** True when allauth refuses an account change until the user re-enters the password. */
export function needsReauthentication(e: unknown): boolean {
  if (!(e instanceof ApiError) || e.status !== 401) return false
  const flows = ((e.body?.data as { flows?: AllauthFlow[] } | undefined)?.flows ?? []).map((f) => f.id)
  return flows.includes('reauthenticate') || flows.includes('mfa_reauthenticate')
}
