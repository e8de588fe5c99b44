import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { visibleNav } from '@/components/navigation'
import { mockFetch } from './helpers'
import { makeRouter, me, SIGNED_IN, SIGNED_OUT } from './routerHelpers'

describe('invitations', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => vi.unstubAllGlobals())

  it('opens the accept page to a signed-out invitee, keeping the token', async () => {
    mockFetch({ '/_allauth/browser/v1/auth/session': SIGNED_OUT })
    const router = makeRouter()
    await router.push('/invitations/accept?token=ABCD-EFGH-JKLM-NPQR')
    expect(router.currentRoute.value.name).toBe('invitation-accept')
    expect(router.currentRoute.value.query.token).toBe('ABCD-EFGH-JKLM-NPQR')
  })

  it('opens the accept page to someone signed in too (they accept as themselves)', async () => {
    mockFetch({ '/_allauth/browser/v1/auth/session': SIGNED_IN, '/api/v1/me/': me([]) })
    const router = makeRouter()
    await router.push('/invitations/accept?token=X')
    expect(router.currentRoute.value.name).toBe('invitation-accept')
  })

  it('shows the staff page to school admins and the colleagues page to company HR only', async () => {
    expect(visibleNav(['school_admin']).map((i) => i.path)).toContain('/teachers')
    expect(visibleNav(['company_hr']).map((i) => i.path)).toContain('/company-members')
    const others = visibleNav(['teacher', 'student', 'company_mentor', 'city_analyst']).map((i) => i.path)
    expect(others).not.toContain('/teachers')
    expect(others).not.toContain('/company-members')
    mockFetch({ '/_allauth/browser/v1/auth/session': SIGNED_IN, '/api/v1/me/': me(['teacher']) })
    const router = makeRouter()
    await router.push('/teachers')
    expect(router.currentRoute.value.name).toBe('forbidden')
  })
})
