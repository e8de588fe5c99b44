import { http } from './http'
import type { Draft, Schemas } from './schema'

export type ActivationPayload = Draft<Schemas['ActivationRequest']>

/** No session needed: the student has no account yet. */
export const listActivationInstitutions = () =>
  http.get<Schemas['InstitutionRef'][]>('/api/v1/activation/institutions/', undefined, { noAuthRedirect: true })

export const activateStudent = (data: ActivationPayload) =>
  http.post<Schemas['Activated']>('/api/v1/activation/', data, { noAuthRedirect: true })
