/** The high-risk work screen of art. 17 (docs/API.md "Placements"): the term list and the school's slot review. */
import { http, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Draft, Schemas } from './schema'
import type { Slot } from './placements'

export type WorkHazard = Schemas['WorkHazardEnum']
export type HazardCategory = Schemas['HazardTermCategoryEnum']
export type HazardMatch = Schemas['HazardMatch']
export type HazardTerm = Schemas['HazardTerm']
export type HazardTermQuery = ListQuery & { category?: HazardCategory; institution?: number; search?: string }

/* the list: the platform's terms and the school's own (its admins keep those) */
export const listHazardTerms = (q: HazardTermQuery = {}) => http.get<Paginated<HazardTerm>>('/api/v1/hazard-terms/', q)
export const createHazardTerm = (data: Draft<Schemas['HazardTermRequest']>) =>
  http.post<HazardTerm>('/api/v1/hazard-terms/', data)
export const updateHazardTerm = (id: number, data: Draft<Schemas['PatchedHazardTermRequest']>) =>
  http.patch<HazardTerm>(`/api/v1/hazard-terms/${id}/`, data)
export const deleteHazardTerm = (id: number) => http.delete<void>(`/api/v1/hazard-terms/${id}/`)

/* a slot held for review: a school admin approves (it opens) or refuses (back to draft), always with a reason */
export const approveSlotReview = (id: number | string, reason: string) =>
  http.post<Slot>(`/api/v1/slots/${id}/approve-review/`, { reason } satisfies Schemas['RequiredReasonRequest'])
export const refuseSlotReview = (id: number | string, reason: string) =>
  http.post<Slot>(`/api/v1/slots/${id}/refuse-review/`, { reason } satisfies Schemas['RequiredReasonRequest'])
