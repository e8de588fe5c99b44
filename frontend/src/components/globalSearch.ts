import type { Role } from '@/api/types'
import type { SearchGroup } from '@/api/search'

/** The longest text the search API takes (config.search.MAX_LENGTH). */
export const MAX_LENGTH = 100
export const DEBOUNCE_MS = 250

/** One line the keyboard can reach: a result, or a group's "查看全部 n 条" link. */
export interface Entry {
  key: string
  url: string
  kind: SearchGroup['kind']
  more: boolean
}

/** The groups with something found, in the server's order (an empty group has no heading). */
export const shownGroups = (groups: SearchGroup[]) => groups.filter((g) => g.total > 0)

/** Every reachable line, top to bottom: each group's results, then its "more" link when it holds more than shown. */
export function entries(groups: SearchGroup[]): Entry[] {
  const out: Entry[] = []
  for (const g of shownGroups(groups)) {
    for (const r of g.results) out.push({ key: `${g.kind}-${r.id}`, url: r.url, kind: g.kind, more: false })
    if (hasMore(g)) out.push({ key: `${g.kind}-more`, url: g.more, kind: g.kind, more: true })
  }
  return out
}

export const hasMore = (g: SearchGroup) => g.total > g.results.length && !!g.more

/** Up/down over `count` lines from `index` (-1: none active yet), wrapping at both ends. */
export function step(index: number, delta: 1 | -1, count: number): number {
  if (count <= 0) return -1
  if (index < 0) return delta > 0 ? 0 : count - 1
  return (index + delta + count) % count
}

/** The placeholder's words for what this user's roles search (locale keys under common.search.placeholder). */
export function placeholderKey(roles: readonly Role[]): 'school' | 'company' | 'analyst' {
  if (roles.includes('teacher') || roles.includes('school_admin')) return 'school'
  if (roles.includes('company_hr') || roles.includes('company_mentor')) return 'company'
  return 'analyst'
}

/** Whether a "/" typed at `target` is meant for the page (a field being typed in) rather than for the search. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/**
 * Typing, debounced: `schedule(text)` asks `fetcher` once typing pauses for `delay` ms; each answer reaches
 * `onAnswer` only if no later text was scheduled meanwhile (a request in flight is superseded by the next, so a
 * slow answer for "张" never replaces the one for "张晓"). Blank text asks nothing and answers null at once.
 */
export function createSearcher<T>(
  fetcher: (q: string) => Promise<T>,
  handlers: {
    onStart?: () => void
    onAnswer: (answer: T | null, q: string) => void
    onError: (error: unknown) => void
  },
  delay = DEBOUNCE_MS,
) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let seq = 0

  function cancel() {
    if (timer) clearTimeout(timer)
    timer = null
    seq++ // whatever is in flight no longer counts
  }

  function schedule(text: string) {
    cancel()
    const q = text.trim()
    if (!q) {
      handlers.onAnswer(null, '')
      return
    }
    const mine = seq
    handlers.onStart?.()
    timer = setTimeout(async () => {
      timer = null
      try {
        const answer = await fetcher(q)
        if (mine === seq) handlers.onAnswer(answer, q)
      } catch (error) {
        if (mine === seq) handlers.onError(error)
      }
    }, delay)
  }

  return { schedule, cancel }
}
