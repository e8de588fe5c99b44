import { http } from './http'
import type { Ref } from './types'

export interface ActivationPayload {
  institution: number | null
  student_number: string
  code: string
  username: string
  password: string
  email?: string
  phone?: string
}

/** No session needed: the student has no account yet. */
export const listActivationInstitutions = () =>
  http.get<Ref[]>('/api/v1/activation/institutions/', undefined, { noAuthRedirect: true })

export const activateStudent = (data: ActivationPayload) =>
  http.post<{ username: string }>('/api/v1/activation/', data, { noAuthRedirect: true })
