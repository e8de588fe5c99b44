import type { SlotStatus } from '@/api/placements'

export const SLOT_STATUSES: SlotStatus[] = ['draft', 'review', 'open', 'closed', 'cancelled']
export const SLOT_KINDS = ['observation', 'post'] as const
export const SHIFT_PATTERNS = ['day', 'two_shifts', 'flexible'] as const
export const PAY_CYCLES = ['monthly', 'semimonthly', 'weekly'] as const
/** Who pays the insurance premiums: the student never may (art. 18); the API refuses it with the article. */
export const INSURANCE_PAYERS = ['company', 'school', 'student'] as const
/** Art. 17: the classification a slot declares; every class but `ordinary` is refused. */
export const WORK_HAZARDS = [
  'ordinary',
  'height',
  'underground',
  'radioactive',
  'toxic',
  'explosive',
  'labour_iv',
] as const
export const HAZARD_CATEGORIES = WORK_HAZARDS.slice(1)
export const BANNED_WORK = ['minors_banned', 'women_banned', 'entertainment', 'heavy_labour', 'paid_agent'] as const

export function slotStatusType(status: string): 'info' | 'success' | 'warning' | 'danger' {
  if (status === 'full' || status === 'deadlinePassed') return 'info'
  if (status === 'review') return 'warning'
  return status === 'open' ? 'success' : status === 'closed' ? 'warning' : status === 'cancelled' ? 'danger' : 'info'
}

/** Terms around today: "2026-2027-1" (autumn) and "2026-2027-2" (spring), from last school year to next. */
export function termOptions(today = new Date()): string[] {
  const y = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1
  const out: string[] = []
  for (const start of [y - 1, y, y + 1]) out.push(`${start}-${start + 1}-1`, `${start}-${start + 1}-2`)
  return out
}

export function parseTerm(term: string): { from: string; to: string; n: string } | null {
  const m = /^(\d{4})-(\d{4})-([12])$/.exec(term)
  return m ? { from: m[1], to: m[2], n: m[3] } : null
}
