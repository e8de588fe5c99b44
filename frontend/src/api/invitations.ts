import { http, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Schemas } from './schema'

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired'

/** What the inviter sees: the address and the name they typed, never the invitee's account. */
export type Invitation = Schemas['Invitation']

/** What the holder of a token learns before accepting. */
export type InvitationLookup = Schemas['InvitationLookup']

export interface StaffMember {
  id: number
  full_name: string
  email: string
  role: string
  role_label: string
  title: string
  department?: string
  staff_number?: string
  institution?: number
  company?: number
  can_edit?: boolean
}

export const listInvitations = (q: ListQuery = {}) => http.get<Paginated<Invitation>>('/api/v1/invitations/', q)
export const resendInvitation = (id: number) => http.post<Invitation>(`/api/v1/invitations/${id}/resend/`)
export const revokeInvitation = (id: number) => http.post<Invitation>(`/api/v1/invitations/${id}/revoke/`)

/** No session needed: the invitee may have no account yet. */
export const lookupInvitation = (token: string) =>
  http.post<InvitationLookup>('/api/v1/invitations/lookup/', { token }, { noAuthRedirect: true })
export const acceptInvitation = (data: { token: string; full_name?: string; password?: string }) =>
  http.post<{ email: string; created_account: boolean }>('/api/v1/invitations/accept/', data, { noAuthRedirect: true })

export const listTeachers = (q: ListQuery = {}) => http.get<Paginated<StaffMember>>('/api/v1/teachers/', q)
export const inviteTeacher = (data: Record<string, unknown>) => http.post<Invitation>('/api/v1/teachers/', data)
/** Removing someone from the school or company archives the membership (they lose access; their history stays). */
export const archiveTeacher = (id: number) => http.post<StaffMember>(`/api/v1/teachers/${id}/archive/`)
export const archiveMember = (id: number) => http.post<StaffMember>(`/api/v1/company-members/${id}/archive/`)
export const listMembers = (q: ListQuery = {}) => http.get<Paginated<StaffMember>>('/api/v1/company-members/', q)
export const inviteMember = (data: Record<string, unknown>) => http.post<Invitation>('/api/v1/company-members/', data)
