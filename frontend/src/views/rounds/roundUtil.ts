import type { MatchRound, Mechanism, RoundStatus } from '@/api/rounds'
import type { Me } from '@/api/types'

export const ROUND_STATUSES: RoundStatus[] = ['draft', 'open', 'closed', 'published']
export const MECHANISMS: Mechanism[] = ['deferred_acceptance', 'serial_dictatorship']

export function roundStatusType(status: string): 'info' | 'success' | 'warning' | 'primary' {
  return status === 'open' ? 'success' : status === 'closed' ? 'warning' : status === 'published' ? 'primary' : 'info'
}

/** Which parts of the round page a user sees. */
export function roundRoles(round: MatchRound, me: Me | null) {
  const staff = !!me?.schools.some((s) => s.id === round.institution)
  const cohort = me?.student?.cohort?.id
  const student = !!me?.roles.includes('student') && cohort !== undefined && round.cohorts.includes(cohort)
  const company = !!me?.companies.length
  return { staff, student, company }
}

/** Milliseconds left split into days/hours/minutes/seconds (all 0 once passed). */
export function timeLeft(deadline: string, now: number) {
  const ms = Math.max(0, new Date(deadline).getTime() - now)
  const s = Math.floor(ms / 1000)
  return {
    passed: ms <= 0,
    days: Math.floor(s / 86400),
    hours: Math.floor((s % 86400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: s % 60,
  }
}

/** Percent with at most one decimal: 0.4286 -> "42.9%". */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—'
  return `${Math.round(share * 1000) / 10}%`
}

/** Which step a staff member should take next (the home card and the list). */
export function nextStep(
  round: MatchRound,
  now = Date.now(),
): 'draft' | 'open' | 'openExpired' | 'closed' | 'closedRan' | null {
  if (round.status === 'draft') return 'draft'
  if (round.status === 'open') return new Date(round.preference_deadline).getTime() < now ? 'openExpired' : 'open'
  if (round.status === 'closed') return round.ran_at ? 'closedRan' : 'closed'
  return null
}
