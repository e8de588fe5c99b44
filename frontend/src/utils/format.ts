/** Dates and money in the conventions of the UI language. */

function parseDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  // "YYYY-MM-DD" is a calendar date: read it as such, not as UTC midnight
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (m) return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d
}

const pad = (n: number) => String(n).padStart(2, '0')

/** zh: 2026年3月5日; en: 2026-03-05. Empty string for no date. */
export function formatDate(value: string | Date | null | undefined, locale: string): string {
  const d = parseDate(value)
  if (!d) return ''
  if (locale.startsWith('zh')) return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** zh: 2026年3月5日 14:05; en: 2026-03-05 14:05. */
export function formatDateTime(value: string | Date | null | undefined, locale: string): string {
  const d = parseDate(value)
  if (!d) return ''
  return `${formatDate(d, locale)} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** ¥1,234.50 in both languages (the amounts are renminbi). */
export function formatMoney(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const n = typeof value === 'number' ? value : Number(value)
  if (Number.isNaN(n)) return ''
  const s = Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  return `${n < 0 ? '-' : ''}¥${s}`
}
