import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { errorMessage, useAction } from '@/composables/useAction'
import {
  decideEnd,
  placementAction,
  type Missing,
  type PlacementAction,
  type PlacementDetail,
  type ReasonAction,
} from '@/api/placements'
import { REASON_ACTIONS } from './placementUtil'

export interface Conflict {
  detail: string
  code: string
  missing: string[]
}

/** the actions asked about first: [question, title] */
const ASK: Partial<Record<PlacementAction, [message: string, title: string]>> = {
  withdraw: ['placements.detail.confirmWithdraw', 'placements.actions.withdraw'],
  complete: ['placements.detail.confirmComplete', 'placements.actions.complete'],
}

const PATH: Partial<Record<PlacementAction, ReasonAction>> = {
  withdraw: 'withdraw',
  approve: 'approve',
  reject: 'reject',
  confirm: 'confirm',
  decline: 'decline',
  start: 'start',
  request_end: 'request-end',
  complete: 'complete',
  waive_journals: 'waive-journals',
}

/** A 409 (illegal_transition, paperwork_missing, slot_full …) or other failure as an alert. */
export function conflictOf(e: unknown): Conflict {
  if (e instanceof ApiError) {
    const raw = (e.body?.missing ?? []) as (Missing | string)[]
    const missing = Array.isArray(raw) ? raw.map((m) => (typeof m === 'string' ? m : m.label || m.code)) : []
    return { detail: errorMessage(e), code: e.code, missing }
  }
  return { detail: errorMessage(e), code: 'error', missing: [] }
}

/**
 * Runs placement actions for a list or a detail page: asks to confirm / for a reason where needed,
 * reports a 409 with its detail (and the missing paperwork).
 */
export function usePlacementActions(onDone: (updated: PlacementDetail, action: PlacementAction) => void) {
  const { t } = useI18n()
  const conflict = ref<Conflict | null>(null)
  // a failure is the conflict alert (with the missing paperwork), not useAction's own message
  const { busy, run: runAction } = useAction<string>({
    failure: 'inline',
    onError: (e) => (conflict.value = conflictOf(e)),
  })
  const reasonOpen = ref(false)
  const reasonAction = ref<PlacementAction>('reject')
  const reasonTarget = ref<number | null>(null)

  async function perform(id: number, action: PlacementAction, reason?: string, approve?: boolean) {
    const updated =
      action === 'decide_end'
        ? await decideEnd(id, approve ?? true, reason ?? '')
        : await placementAction(id, PATH[action]!, reason)
    ElMessage.success(t('placements.detail.actionDone'))
    onDone(updated, action)
  }

  /** Entry point for a button `action-<name>`. assess_* is handled by the page. */
  async function run(id: number, action: PlacementAction) {
    conflict.value = null
    if (REASON_ACTIONS.includes(action) || action === 'decide_end') {
      reasonAction.value = action
      reasonTarget.value = id
      reasonOpen.value = true
      return
    }
    const ask = ASK[action]
    await runAction(`${id}:${action}`, () => perform(id, action), {
      confirm: ask && { message: t(ask[0]), title: t(ask[1]) },
    })
  }

  /** The reason dialog's submit: errors stay in the dialog (400) unless they are conflicts (409). */
  async function submitReason(reason: string, approve: boolean) {
    if (reasonTarget.value === null) return
    try {
      await perform(reasonTarget.value, reasonAction.value, reason, approve)
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        conflict.value = conflictOf(e)
        reasonOpen.value = false
        return
      }
      throw e
    }
  }

  return { conflict, busy, reasonOpen, reasonAction, run, submitReason }
}
