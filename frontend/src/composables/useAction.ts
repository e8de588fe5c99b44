import { ref, type Ref } from 'vue'
import { ApiError } from '@/api/http'
import { i18n } from '@/locales'

/**
 * What a failed action says: the API's detail (translated by the server) and its field messages, which an action
 * without a form has no field to put next to.
 */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    const parts = [e.detail, ...Object.values(e.fields).flat()].filter(Boolean)
    return [...new Set(parts)].join(' ') || e.message
  }
  return e instanceof Error ? e.message : String(e)
}

/** A question before an action: a warning unless `type` says otherwise, Cancel and `button` (确定 by default). */
export interface Confirmation {
  message: string
  title: string
  button?: string
  type?: 'warning' | 'info'
}

/** Asks; resolves to whether the user confirmed (Cancel, Esc and the close button are a no). */
export async function askFirst(ask: Confirmation): Promise<boolean> {
  const { t } = i18n.global
  try {
    await ElMessageBox.confirm(ask.message, ask.title, {
      confirmButtonText: ask.button || t('common.actions.confirm'),
      cancelButtonText: t('common.actions.cancel'),
      type: ask.type ?? 'warning',
    })
    return true
  } catch {
    return false
  }
}

export interface ActionOptions {
  /** the toast when the action succeeded */
  success?: string
  /** ask first (askFirst); Cancel runs nothing */
  confirm?: Confirmation
  /** where a failure is said: a toast (the default), or `error` for an alert on the page */
  failure?: 'toast' | 'inline'
  /** the failure toast's text around the error's message, e.g. `(msg) => t('x.exportFailed', { msg })` */
  failureText?: (message: string) => string
  /** after the failure is said, for a page that does more (reload on a conflict) */
  onError?: (error: unknown) => void
}

/**
 * A button's action that is not a form's save (confirm, publish, export, link, resend …): `busy` holds which one is
 * running (a row's id, a format, `true`), a success toast, the failure as a toast or in `error` for an alert.
 * Forms save through `useFormErrors().submit` instead, which puts errors next to their fields.
 */
export function useAction<K = true>(defaults: ActionOptions = {}) {
  const busy = ref(null) as Ref<K | null>
  const error = ref('')

  /** Runs `action` as `key`; resolves to whether it ran and succeeded. */
  async function run(key: K, action: () => Promise<unknown>, options: ActionOptions = {}): Promise<boolean> {
    const o = { ...defaults, ...options }
    if (o.confirm && !(await askFirst(o.confirm))) return false
    error.value = ''
    busy.value = key
    try {
      await action()
      if (o.success) ElMessage.success(o.success)
      return true
    } catch (e) {
      const message = errorMessage(e)
      if (o.failure === 'inline') error.value = message
      else ElMessage.error(o.failureText ? o.failureText(message) : message)
      o.onError?.(e)
      return false
    } finally {
      busy.value = null
    }
  }

  return { busy, error, run }
}
