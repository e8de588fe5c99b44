import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import * as authApi from '@/api/auth'
import type { AuthState, LoginIdentifier } from '@/api/auth'
import { getMe } from '@/api/me'
import { ApiError } from '@/api/http'
import type { Me, Role } from '@/api/types'

const PHONE = /^(?:\+?86)?(1[3-9]\d{9})$/

/**
 * One field on the sign-in form: 11-digit mainland mobile -> phone, contains @ -> email, else username.
 * allauth's headless API takes phone numbers in E.164, so the phone goes out as +86XXXXXXXXXXX.
 */
export function detectIdentifier(raw: string): LoginIdentifier {
  const value = raw.trim()
  const compact = value.replace(/[\s-]/g, '')
  const phone = PHONE.exec(compact)
  if (phone) return { phone: `+86${phone[1]}` }
  if (value.includes('@')) return { email: value }
  return { username: value }
}

export type LoginOutcome = 'ok' | 'mfa'

export const useAuthStore = defineStore('auth', () => {
  const authenticated = ref(false)
  const user = ref<AuthState['user']>(null)
  const pendingFlow = ref<string | null>(null)
  const me = ref<Me | null>(null)
  const initialized = ref(false)
  let initPromise: Promise<void> | null = null

  const roles = computed<Role[]>(() => me.value?.roles ?? [])
  const displayName = computed(
    () => me.value?.full_name || me.value?.username || user.value?.display || user.value?.username || '',
  )

  function hasRole(...wanted: Role[]): boolean {
    return wanted.some((r) => roles.value.includes(r))
  }

  function applyState(state: AuthState) {
    authenticated.value = state.authenticated
    user.value = state.user
    pendingFlow.value = state.pending
    if (!state.authenticated) me.value = null
  }

  async function loadMe() {
    me.value = await getMe()
    return me.value
  }

  async function refresh() {
    applyState(await authApi.getSession())
    if (authenticated.value) await loadMe()
  }

  /** Once per page load (the router guard awaits it). */
  function init(): Promise<void> {
    if (!initPromise) {
      initPromise = refresh()
        .catch(() => {
          authenticated.value = false
        })
        .finally(() => {
          initialized.value = true
        })
    }
    return initPromise
  }

  async function finish(state: AuthState): Promise<LoginOutcome> {
    applyState(state)
    if (state.authenticated) {
      await loadMe()
      return 'ok'
    }
    if (state.pending === 'mfa_authenticate' || state.flows.some((f) => f.id === 'mfa_authenticate' && f.is_pending))
      return 'mfa'
    // 401 without a pending flow should not happen after a 200/401 login; treat it as a failure
    throw new Error('not_authenticated')
  }

  async function login(identifier: string, password: string): Promise<LoginOutcome> {
    try {
      return await finish(await authApi.login(detectIdentifier(identifier), password))
    } catch (e) {
      // 409: this browser is already signed in (e.g. another tab): just pick the session up
      if (e instanceof ApiError && e.status === 409) {
        await refresh()
        if (authenticated.value) return 'ok'
      }
      throw e
    }
  }

  async function mfaAuthenticate(code: string): Promise<LoginOutcome> {
    return finish(await authApi.mfaAuthenticate(code))
  }

  async function logout() {
    try {
      applyState(await authApi.logout())
    } finally {
      authenticated.value = false
      me.value = null
      user.value = null
    }
  }

  /** After a 401 from the API: the session is gone. */
  function markSignedOut() {
    authenticated.value = false
    me.value = null
  }

  return {
    authenticated,
    user,
    me,
    roles,
    displayName,
    pendingFlow,
    initialized,
    hasRole,
    init,
    refresh,
    loadMe,
    login,
    mfaAuthenticate,
    logout,
    markSignedOut,
  }
})
