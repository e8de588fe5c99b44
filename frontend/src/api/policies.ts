/** 政策信息 (issue 18): the city's talent policies for graduates who stay in Wuhan. Everyone signed in reads them;
 * the city's staff add, edit and archive them (the API's `can_edit`). */
import { http, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Draft, Schemas } from './schema'

export type Policy = Schemas['Policy']
export type PolicyWrite = Draft<Schemas['PatchedPolicyRequest']>

export const listPolicies = (q: ListQuery = {}) => http.get<Paginated<Policy>>('/api/v1/policies/', q)
export const getPolicy = (id: number) => http.get<Policy>(`/api/v1/policies/${id}/`)
export const createPolicy = (data: PolicyWrite) => http.post<Policy>('/api/v1/policies/', data)
export const updatePolicy = (id: number, data: PolicyWrite) => http.patch<Policy>(`/api/v1/policies/${id}/`, data)
export const archivePolicy = (id: number) => http.post<Policy>(`/api/v1/policies/${id}/archive/`)
export const restorePolicy = (id: number) => http.post<Policy>(`/api/v1/policies/${id}/restore/`)
