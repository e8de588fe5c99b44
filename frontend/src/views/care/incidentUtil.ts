import type { Incident } from '@/api/care'

export const KINDS = ['injury', 'hazard', 'harassment', 'dispute', 'other'] as const
export const SEVERITIES = ['minor', 'serious', 'critical'] as const
export const STATUSES = ['open', 'responded', 'closed'] as const

export const severityType = (s: string) => (s === 'critical' ? 'danger' : s === 'serious' ? 'warning' : 'info')
export const statusType = (s: string) => (s === 'open' ? 'warning' : s === 'responded' ? 'success' : 'info')

/** "3小时20分" / "3 h 20 min": the response clock's remaining or overdue time. */
export function span(ms: number, zh: boolean): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60000))
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  if (zh) return `${d ? `${d}天` : ''}${h ? `${h}小时` : ''}${!d ? `${m}分` : ''}`
  return [d ? `${d} d` : '', h ? `${h} h` : '', !d ? `${m} min` : ''].filter(Boolean).join(' ')
}

/** The clock's state now: running (time left), overdue, or stopped by the first response. */
export function clockOf(incident: Incident, now: number) {
  if (incident.first_response_at) return { state: incident.answered_late ? 'late' : 'answered', ms: 0 }
  if (incident.status === 'closed') return { state: 'answered', ms: 0 }
  const left = new Date(incident.response_due_at).getTime() - now
  return left < 0 ? { state: 'overdue', ms: -left } : { state: 'running', ms: left }
}
