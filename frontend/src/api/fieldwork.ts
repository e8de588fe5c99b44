/** Fieldwork domain of /api/v1 (issue 17): check-in without a trail, field work, leave, attendance, the school's
 * fieldwork settings and bases' locations. */
import { http, type Paginated } from './http'
import type { Schemas } from './schema'

export type FieldworkPolicy = Schemas['FieldworkPolicy']
export type BaseGeofence = Schemas['BaseGeofence']
export type CheckIn = Schemas['CheckIn']
export type CheckInResult = Schemas['CheckInResult']
export type TodayCheckIn = Schemas['TodayCheckIn']
export type AttendanceRow = Schemas['AttendanceRow']
export type Attendance = Schemas['Attendance']
export type FieldWork = Schemas['FieldWork']
export type LeaveRequest = Schemas['LeaveRequest']
export type LeaveKind = Schemas['LeaveKindEnum']
export type LeaveStatus = Schemas['LeaveStatusEnum']

export const listFieldworkPolicies = () => http.get<FieldworkPolicy[]>('/api/v1/fieldwork-policies/')
export const updateFieldworkPolicy = (institution: number, data: Schemas['PatchedFieldworkPolicyRequest']) =>
  http.patch<FieldworkPolicy>(`/api/v1/fieldwork-policies/${institution}/`, data)

export const listGeofences = (query: { page?: number; page_size?: number } = {}) =>
  http.get<Paginated<BaseGeofence>>('/api/v1/base-geofences/', query)
export const setGeofence = (base: number, data: { latitude: string; longitude: string; radius_m: number }) =>
  http.patch<BaseGeofence>(`/api/v1/base-geofences/${base}/`, data)

/** The position goes once, in the body (never a URL); the answer carries only the outcome. */
export const checkIn = (position: { latitude: number; longitude: number; accuracy: number | null }) =>
  http.post<CheckInResult>('/api/v1/check-ins/', position)
export const todayCheckIn = () => http.get<TodayCheckIn>('/api/v1/check-ins/today/')
/** Outcomes only, of the placements the viewer may read (a mentor: their interns'). */
export const listCheckIns = (query: { day_from?: string; day_to?: string; placement?: number; page_size?: number }) =>
  http.get<Paginated<CheckIn>>('/api/v1/check-ins/', query)

export const getAttendance = (query: {
  week?: string
  cohort?: number
  company?: number
  mine?: boolean
  page?: number
}) => http.get<Attendance>('/api/v1/attendance/', query)

export const listFieldWork = (query: { to_decide?: boolean; status?: string; page?: number } = {}) =>
  http.get<Paginated<FieldWork>>('/api/v1/field-work/', query)
export const declareFieldWork = (data: Schemas['FieldWorkCreateRequest']) =>
  http.post<FieldWork>('/api/v1/field-work/', data)
export const confirmFieldWork = (id: number) => http.post<FieldWork>(`/api/v1/field-work/${id}/confirm/`, {})
export const declineFieldWork = (id: number, reason: string) =>
  http.post<FieldWork>(`/api/v1/field-work/${id}/decline/`, { reason })

export const listLeave = (query: { to_decide?: boolean; status?: string; page?: number } = {}) =>
  http.get<Paginated<LeaveRequest>>('/api/v1/leave-requests/', query)
export function requestLeave(data: {
  kind: LeaveKind
  start_date: string
  end_date: string
  reason: string
  attachment?: File | null
}) {
  const form = new FormData()
  form.append('kind', data.kind)
  form.append('start_date', data.start_date)
  form.append('end_date', data.end_date)
  form.append('reason', data.reason)
  if (data.attachment) form.append('attachment', data.attachment)
  return http.post<LeaveRequest>('/api/v1/leave-requests/', form)
}
export const approveLeave = (id: number, reason = '') =>
  http.post<LeaveRequest>(`/api/v1/leave-requests/${id}/approve/`, { reason })
export const refuseLeave = (id: number, reason: string) =>
  http.post<LeaveRequest>(`/api/v1/leave-requests/${id}/refuse/`, { reason })
export const cancelLeave = (id: number) => http.post<LeaveRequest>(`/api/v1/leave-requests/${id}/cancel/`, {})
export const leaveAttachmentUrl = (id: number) => `/api/v1/leave-requests/${id}/attachment/`
