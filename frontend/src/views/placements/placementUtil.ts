import type { PlacementAction, PlacementStatus } from '@/api/placements'

export const PLACEMENT_STATUSES: PlacementStatus[] = [
  'pending',
  'approved',
  'accepted',
  'confirmed',
  'ready',
  'active',
  'completed',
  'rejected',
  'declined',
  'withdrawn',
  'ended_early',
]

export function placementStatusType(status: string): 'info' | 'success' | 'warning' | 'danger' | 'primary' {
  if (['pending', 'approved', 'accepted'].includes(status)) return 'warning'
  if (['confirmed', 'ready'].includes(status)) return 'primary'
  if (status === 'active' || status === 'completed') return 'success'
  if (status === 'rejected' || status === 'declined' || status === 'ended_early') return 'danger'
  return 'info'
}

/** The buttons the detail page shows (from the API's `actions`); upload/journal open sections instead. */
export const BUTTON_ACTIONS: PlacementAction[] = [
  'withdraw',
  'approve',
  'reject',
  'confirm',
  'decline',
  'start',
  'request_end',
  'decide_end',
  'assess_teacher',
  'assess_company',
  'record_paper_assessment',
  'waive_journals',
  'complete',
]
/** Quick actions a list row offers inline; the rest are on the detail page. */
export const ROW_ACTIONS: PlacementAction[] = ['withdraw', 'approve', 'reject', 'confirm', 'decline', 'start']
/** Actions that need a reason typed in a dialog. */
export const REASON_ACTIONS: PlacementAction[] = ['reject', 'decline', 'request_end', 'waive_journals']

export function buttonType(action: PlacementAction): 'primary' | 'danger' | 'default' {
  if (['approve', 'confirm', 'start', 'complete'].includes(action)) return 'primary'
  if (['reject', 'decline', 'withdraw'].includes(action)) return 'danger'
  return 'default'
}
