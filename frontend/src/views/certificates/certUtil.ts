/** Pure helpers of the certificate pages (unit-tested in tests/certUtil.spec.ts). */
import type { ApiError } from '@/api/http'
import type { CertificateStatus, Level, RegistrationResult, ReportRow } from '@/api/certificates'

export const LEVELS: Level[] = ['junior', 'intermediate', 'senior']
export const PROGRAM_KINDS = ['one_x', 'enterprise', 'other'] as const
export const CERT_STATUSES: CertificateStatus[] = ['pending', 'verified', 'rejected']
export const RESULTS: Exclude<RegistrationResult, 'pending'>[] = ['pass', 'fail', 'absent']
export const ACCEPT = 'image/jpeg,image/png,application/pdf'

/** The programme's levels in their natural order (junior → senior), unknown values dropped. */
export function orderedLevels(levels: readonly string[] | null | undefined): Level[] {
  const set = new Set(levels ?? [])
  return LEVELS.filter((l) => set.has(l))
}

/** Seats still free: seats − registered, never below 0. */
export function seatsLeft(session: { seats: number; registered: number }): number {
  return Math.max(0, (session.seats || 0) - (session.registered || 0))
}

/** 0.8 → "80%", 0.8333 → "83.3%"; null (nobody sat) → "—". */
export function formatPassRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—'
  const pct = Math.round(rate * 1000) / 10
  return `${pct}%`
}

/** Pass rate as a percentage number for the chart (null stays null: a gap in the line). */
export function passRatePercent(rate: number | null | undefined): number | null {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return null
  return Math.round(rate * 1000) / 10
}

/** Totals row of the report (pass rate recomputed from the sums, not averaged). */
export function reportTotals(rows: ReportRow[]): Omit<ReportRow, 'key' | 'name'> {
  const sum = (k: 'certificates' | 'holders' | 'sat' | 'passed') => rows.reduce((n, r) => n + (r[k] || 0), 0)
  const sat = sum('sat')
  const passed = sum('passed')
  return {
    certificates: sum('certificates'),
    holders: sum('holders'),
    sat,
    passed,
    pass_rate: sat ? passed / sat : null,
  }
}

export function certStatusType(status: string): 'warning' | 'success' | 'danger' | 'info' {
  return status === 'pending'
    ? 'warning'
    : status === 'verified'
      ? 'success'
      : status === 'rejected'
        ? 'danger'
        : 'info'
}

export function resultType(result: string): 'success' | 'danger' | 'info' | 'warning' {
  return result === 'pass' ? 'success' : result === 'fail' ? 'danger' : result === 'absent' ? 'info' : 'warning'
}

/** A scan served as PDF has no thumbnail; the API only thumbnails images. */
export function isPdfScan(c: { scan_url: string | null; thumbnail_url: string | null }): boolean {
  return !!c.scan_url && !c.thumbnail_url
}

/**
 * Results errors `results.<i>.<field>` → per registration id (the i-th row sent), for messages on the right row.
 * `sent` is the registration id of each row in the order they were sent. Other keys go to `general`.
 */
export function rowErrors(
  error: Pick<ApiError, 'fields'>,
  sent: number[],
): { rows: Record<number, Record<string, string>>; general: string[] } {
  const rows: Record<number, Record<string, string>> = {}
  const general: string[] = []
  for (const [key, messages] of Object.entries(error.fields ?? {})) {
    const list = Array.isArray(messages) ? messages : [String(messages)]
    const m = /^results\.(\d+)\.(\w+)$/.exec(key)
    const reg = m ? sent[Number(m[1])] : undefined
    if (m && reg !== undefined) {
      const field = m[2] === 'registration' ? 'result' : m[2]
      rows[reg] ??= {}
      rows[reg][field] = rows[reg][field] ? `${rows[reg][field]} ${list.join(' ')}` : list.join(' ')
    } else {
      general.push(...list)
    }
  }
  return { rows, general }
}

/** Truncate a long axis label for small screens ("智能新能源汽车技术…"). */
export function shortLabel(name: string, max: number): string {
  if (!name) return ''
  const chars = Array.from(name)
  return chars.length > max ? `${chars.slice(0, Math.max(1, max - 1)).join('')}…` : name
}

/**
 * Element Plus validates a required FormField on change against the form's model; these rules give it the
 * translated message (the API's own errors still arrive through FormField's `error`).
 */
export function requiredRules(fields: string[], message: () => string) {
  return Object.fromEntries(fields.map((f) => [f, [{ required: true, message, trigger: 'change' }]]))
}
