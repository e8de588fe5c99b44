import { nextTick, reactive, ref } from 'vue'
import { ApiError, type RowError } from '@/api/http'

/**
 * API validation errors -> the right form fields.
 *
 * The API sends `fields: {"credit_code": ["..."], "rows.3.name": ["..."], "non_field_errors": ["..."]}`;
 * allauth sends `errors: [{param, message}]` (the http client maps both to ApiError.fields).
 * Messages for a field the form shows go next to that field (ElFormItem `error`); everything else
 * (non_field_errors, unknown fields, the detail) goes to the form-level FormErrors alert.
 */
export interface MappedErrors {
  /** field name -> one message (several joined) */
  fields: Record<string, string>
  /** messages that belong to no visible field */
  general: string[]
  /** an import's rows that failed (the API's `row_errors`: row, column, message), for the form's table */
  rows: RowError[]
}

export function mapApiErrors(
  error: unknown,
  knownFields: string[],
  aliases: Record<string, string> = {},
): MappedErrors {
  const out: MappedErrors = { fields: {}, general: [], rows: [] }
  if (!(error instanceof ApiError)) {
    out.general.push(error instanceof Error ? error.message : String(error))
    return out
  }
  out.rows = [...error.rowErrors]
  const known = new Set(knownFields)
  for (const [rawKey, messages] of Object.entries(error.fields)) {
    const list = Array.isArray(messages) ? messages : [String(messages)]
    const key = aliases[rawKey] ?? rawKey
    // "address.city" -> "address" when only the parent field is on the form
    const target = known.has(key) ? key : known.has(key.split('.')[0]) ? key.split('.')[0] : null
    if (target && key !== 'non_field_errors' && key !== '__all__') {
      out.fields[target] = out.fields[target] ? `${out.fields[target]} ${list.join(' ')}` : list.join(' ')
    } else {
      out.general.push(...list)
    }
  }
  const hasFieldMessages = Object.keys(out.fields).length > 0
  // the detail ("输入有误，请检查标出的字段。") is worth showing when nothing else explains the failure
  // …but not again when it is a field's own message (allauth's detail is its first error, param or not)
  const shownAtField = Object.values(out.fields).some((m) => m.includes(error.detail))
  if (
    error.detail &&
    !shownAtField &&
    (!hasFieldMessages || out.general.length === 0) &&
    !out.general.includes(error.detail)
  ) {
    out.general.unshift(error.detail)
  }
  return out
}

/** What `submit` needs of a form: ElForm's `validate`, which rejects when a rule fails. */
export interface Validatable {
  validate: () => Promise<unknown>
}

export interface SubmitOptions {
  onError?: (error: unknown) => void
}

/**
 * After a refused save, bring the first error into sight: the first field (a FormField, `data-form-field`) that
 * has a message (or a failed ElForm rule), in page order, scrolled to the middle of the screen and its control focused; when no field has
 * one, the form-level alert (FormErrors). `within` is the form's root element when known (the whole page when not).
 */
export function revealFirstError(fieldNames: string[], within?: ParentNode | null): void {
  if (typeof document === 'undefined') return
  const root: ParentNode = within ?? document
  const names = new Set(fieldNames)
  // a message from the API or the form's checks, or a failed ElForm rule (is-error)
  const field = Array.from(root.querySelectorAll<HTMLElement>('[data-form-field]')).find(
    (el) => names.has(el.dataset.formField ?? '') || el.classList.contains('is-error'),
  )
  const target = field ?? root.querySelector<HTMLElement>('[data-test="form-errors"]')
  if (!target) return
  target.scrollIntoView?.({ block: 'center', behavior: 'smooth' })
  const control = field?.querySelector<HTMLElement>(
    'input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])',
  )
  control?.focus({ preventScroll: true })
}

/** The root element of a form component (ElForm, EditPage) passed to `submit`, when it has one. */
function rootOf(form: Validatable | null | undefined): Element | null {
  const el = (form as { $el?: unknown } | null | undefined)?.$el
  return typeof Element !== 'undefined' && el instanceof Element ? el : null
}

const isValid = (form: Validatable) =>
  form.validate().then(
    () => true,
    () => false,
  )

/** Reactive holder a form binds to: `:error="errors.fields.name"` and <FormErrors :messages="errors.general">. */
export function useFormErrors(knownFields: string[], aliases: Record<string, string> = {}) {
  const errors = reactive<MappedErrors>({ fields: {}, general: [], rows: [] })
  function clear() {
    errors.fields = {}
    errors.general = []
    errors.rows = []
  }
  function set(error: unknown) {
    const mapped = mapApiErrors(error, knownFields, aliases)
    errors.fields = mapped.fields
    errors.general = mapped.general
    errors.rows = mapped.rows
  }
  function clearField(name: string) {
    if (errors.fields[name]) {
      const next = { ...errors.fields }
      delete next[name]
      errors.fields = next
    }
  }
  /**
   * A form's own checks, written in code rather than as ElForm rules, for `submit`: field -> the message when
   * the field fails, nothing (undefined, '') when it passes.
   */
  function checks(problems: Record<string, string | undefined>): Validatable {
    return {
      validate: async () => {
        const failed = Object.entries(problems).filter((entry): entry is [string, string] => !!entry[1])
        if (!failed.length) return
        errors.fields = Object.fromEntries(failed)
        throw new Error('invalid')
      },
    }
  }
  /**
   * The save of every form: clear old errors, run the form's own checks (null for a form without rules), then
   * the action with `saving` set, and map an API error to the fields; `onError` runs after that, for a form that
   * does more on a failure than show it. Resolves to whether the action succeeded.
   */
  const saving = ref(false)
  async function submit(
    form: Validatable | null | undefined,
    action: () => Promise<void>,
    options: SubmitOptions = {},
  ) {
    clear()
    const reveal = async () => {
      await nextTick()
      revealFirstError(Object.keys(errors.fields), rootOf(form))
    }
    if (form && !(await isValid(form))) {
      await reveal()
      return false
    }
    saving.value = true
    try {
      await action()
      return true
    } catch (e) {
      set(e)
      options.onError?.(e)
      await reveal()
      return false
    } finally {
      saving.value = false
    }
  }
  return { errors, set, clear, clearField, checks, saving, submit }
}
