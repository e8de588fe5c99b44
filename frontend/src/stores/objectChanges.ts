import type { Notice } from '@/api/notices'

/**
 * What a live notice says changed, so the pages showing it can reload (issue 14, defect 5: lists follow notices).
 *
 * The notices store emits one `ObjectChange` per notice that is about an object (a placement, a certificate, a slot,
 * a match round, a journal); the shared load composables (useLoad, useList, useResource with their `live` option)
 * listen and reload quietly. The rule lives here once: which notice kinds are about which objects, and the object's id
 * where the notice's link names it (/placements/12, /slots/3, /rounds/2).
 */

export type ObjectKind = 'placement' | 'certificate' | 'slot' | 'round' | 'journal'

export interface ObjectChange {
  kind: ObjectKind
  /** the object's id when the link names it (/placements/12 → 12), else null: "some object of this kind" */
  id: number | null
  /** for a journal: the placement it belongs to (its link is the placement's page) */
  placement?: number | null
}

/** Notice kind → the kind of object it is about. Kinds not listed (companies, invitations, reminders, ...) change
 * nothing that a live page shows. */
const ABOUT: Record<string, ObjectKind> = {
  applied: 'placement',
  approved: 'placement',
  accepted: 'placement',
  confirmed: 'placement',
  rejected: 'placement',
  declined: 'placement',
  withdrawn: 'placement',
  paperwork_complete: 'placement',
  document_uploaded: 'placement',
  document_to_check: 'placement',
  document_checked: 'placement',
  document_returned: 'placement',
  started: 'placement',
  end_requested: 'placement',
  ended_early: 'placement',
  end_request_refused: 'placement',
  assessed: 'placement',
  completed: 'placement',
  matched: 'placement',
  round_advisees_matched: 'placement',
  round_published: 'placement',
  journal_submitted: 'journal',
  journal_commented: 'journal',
  certificate_uploaded: 'certificate',
  certificate_decided: 'certificate',
  assessment_results: 'certificate',
  slot_opened: 'slot',
  slot_review_requested: 'slot',
  slot_review_decided: 'slot',
  round_opened: 'round',
  round_unmatched: 'round',
}

const LINK_KIND: Record<string, ObjectKind> = { placements: 'placement', slots: 'slot', rounds: 'round' }

/** The object a link names: /placements/12 → placement 12 (query and hash ignored). */
export function linkObject(link: string | null | undefined): { kind: ObjectKind; id: number } | null {
  const m = /^\/(placements|slots|rounds)\/(\d+)(?:[/?#]|$)/.exec(link ?? '')
  return m ? { kind: LINK_KIND[m[1]], id: Number(m[2]) } : null
}

/** What this notice says changed, or null when it is about nothing a live page shows. */
export function noticeChange(notice: Pick<Notice, 'kind' | 'link'>): ObjectChange | null {
  const kind = ABOUT[notice.kind]
  if (!kind) return null
  const linked = linkObject(notice.link)
  if (kind === 'journal') return { kind, id: null, placement: linked?.kind === 'placement' ? linked.id : null }
  return { kind, id: linked?.kind === kind ? linked.id : null }
}

/** What a page listens for: kinds ("any placement"), or a test of its own (this placement's journals). */
export type LiveOption = ObjectKind | ObjectKind[] | ((change: ObjectChange) => boolean)

export function liveMatches(option: LiveOption, change: ObjectChange): boolean {
  if (typeof option === 'function') return option(change)
  return (Array.isArray(option) ? option : [option]).includes(change.kind)
}

type Listener = (change: ObjectChange) => void
const listeners = new Set<Listener>()

/** Listen for changes; returns the function that stops listening. */
export function onObjectChange(fn: Listener): () => void {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

export function emitObjectChange(change: ObjectChange): void {
  for (const fn of [...listeners]) fn(change)
}

/** The quiet reload of a page: one reload per burst (a trailing wait), and at least one every `maxWait` while the
 * burst goes on, so fifty notices in a row make one reload, not fifty. */
export const LIVE_WAIT_MS = 300
export const LIVE_MAX_WAIT_MS = 2000

export function listenForChanges(
  option: LiveOption,
  reload: () => void,
  wait = LIVE_WAIT_MS,
  maxWait = LIVE_MAX_WAIT_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  let firstAt: number | null = null
  const fire = () => {
    timer = null
    firstAt = null
    reload()
  }
  const stop = onObjectChange((change) => {
    if (!liveMatches(option, change)) return
    const now = Date.now()
    if (firstAt === null) firstAt = now
    if (timer) clearTimeout(timer)
    timer = setTimeout(fire, Math.max(0, Math.min(wait, firstAt + maxWait - now)))
  })
  return () => {
    stop()
    if (timer) clearTimeout(timer)
    timer = null
  }
}
