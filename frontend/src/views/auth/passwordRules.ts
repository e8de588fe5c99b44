/** The rules of a new password, the same wherever one is chosen (activation, invitation, reset). */
import type { FormItemRule } from 'element-plus'

type Translate = (key: string) => string

/** required, at least 8 characters (the server checks the rest and says why) */
export const newPasswordRules = (t: Translate): FormItemRule[] => [
  { required: true, message: () => t('auth.validation.required'), trigger: 'blur' },
  { min: 8, message: () => t('auth.validation.passwordMin'), trigger: 'blur' },
]

/** the confirmation: required and the same as `form.password`, else `mismatch` */
export const repeatPasswordRules = (t: Translate, form: { password: string }, mismatch: string): FormItemRule[] => [
  { required: true, message: () => t('auth.validation.required'), trigger: 'blur' },
  {
    validator: (_r: unknown, v: string, cb: (e?: Error) => void) =>
      v === form.password ? cb() : cb(new Error(t(mismatch))),
    trigger: 'blur',
  },
]
