/** 专场招聘会 (issue 18): recruitment fairs, their booths and registrations. The city's staff or a school's admins
 * organise a fair; companies apply for a booth with their jobs and slots; students register and show a QR code that
 * the desk scans (or types its short code). */
import { http, request, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Draft, Schemas } from './schema'

export type Fair = Schemas['Fair']
export type FairWrite = Draft<Schemas['PatchedFairRequest']>
export type FairStatus = Schemas['FairStatusEnum']
export type Booth = Schemas['Booth']
export type BoothWrite = Draft<Schemas['PatchedBoothRequest']>
export type BoothStatus = Schemas['BoothStatusEnum']
export type FairRegistration = Schemas['FairRegistration']
export type FairReport = Schemas['FairReport']
export type Segment = Schemas['SegmentEnum']

export const listFairs = (q: ListQuery = {}) => http.get<Paginated<Fair>>('/api/v1/fairs/', q)
export const getFair = (id: number) => http.get<Fair>(`/api/v1/fairs/${id}/`)
export const createFair = (data: FairWrite) => http.post<Fair>('/api/v1/fairs/', data)
export const updateFair = (id: number, data: FairWrite) => http.patch<Fair>(`/api/v1/fairs/${id}/`, data)
/** open, close (no body) or cancel ({ reason }) */
export const moveFair = (id: number, move: 'open' | 'close' | 'cancel', body: Record<string, unknown> = {}) =>
  http.post<Fair>(`/api/v1/fairs/${id}/${move}/`, body)
export const registerForFair = (id: number) => http.post<Fair>(`/api/v1/fairs/${id}/register/`)
export const checkIn = (id: number, code: string) =>
  http.post<FairRegistration>(`/api/v1/fairs/${id}/check-in/`, { code })
export const getFairReport = (id: number) => http.get<FairReport>(`/api/v1/fairs/${id}/report/`)
export const downloadFairReport = (id: number) => request<Blob>(`/api/v1/fairs/${id}/report-xlsx/`, { blob: true })
/** the registered students who did not come (the desk's staff only) */
export const downloadNotCheckedIn = (id: number) =>
  request<Blob>(`/api/v1/fairs/${id}/not-checked-in-xlsx/`, { blob: true })

export const listBooths = (q: ListQuery = {}) => http.get<Paginated<Booth>>('/api/v1/booths/', q)
export const applyForBooth = (data: BoothWrite) => http.post<Booth>('/api/v1/booths/', data)
export const updateBooth = (id: number, data: BoothWrite) => http.patch<Booth>(`/api/v1/booths/${id}/`, data)
/** approve, withdraw (no body) or refuse ({ reason }) */
export const moveBooth = (id: number, move: 'approve' | 'refuse' | 'withdraw', body: Record<string, unknown> = {}) =>
  http.post<Booth>(`/api/v1/booths/${id}/${move}/`, body)

export const listFairRegistrations = (q: ListQuery = {}) =>
  http.get<Paginated<FairRegistration>>('/api/v1/fair-registrations/', q)
export const cancelFairRegistration = (id: number) =>
  http.post<FairRegistration>(`/api/v1/fair-registrations/${id}/cancel/`)
