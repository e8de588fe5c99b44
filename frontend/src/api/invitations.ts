import { http, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Draft, Schemas } from './schema'

export type InvitationStatus = Schemas['InvitationStatusEnum']

/** What the inviter sees: the address and the name they typed, never the invitee's account. */
export type Invitation = Schemas['Invitation']

/** What the holder of a token learns before accepting. */
export type InvitationLookup = Schemas['InvitationLookup']

/** A school's teacher or a company's staff member (the two staff lists share one table component). */
export type StaffMember = Schemas['Teacher'] | Schemas['CompanyMember']

export const listInvitations = (q: ListQuery = {}) => http.get<Paginated<Invitation>>('/api/v1/invitations/', q)
export const resendInvitation = (id: number) => http.post<Invitation>(`/api/v1/invitations/${id}/resend/`)
export const revokeInvitation = (id: number) => http.post<Invitation>(`/api/v1/invitations/${id}/revoke/`)

/** No session needed: the invitee may have no account yet. */
export const lookupInvitation = (token: string) =>
  http.post<InvitationLookup>('/api/v1/invitations/lookup/', { token } satisfies Schemas['InvitationTokenRequest'], {
    noAuthRedirect: true,
  })
export const acceptInvitation = (data: Schemas['InvitationAcceptRequest']) =>
  http.post<Schemas['InvitationAccepted']>('/api/v1/invitations/accept/', data, { noAuthRedirect: true })

export const listTeachers = (q: ListQuery = {}) => http.get<Paginated<Schemas['Teacher']>>('/api/v1/teachers/', q)
export const inviteTeacher = (data: Draft<Schemas['TeacherCreateRequest']>) =>
  http.post<Invitation>('/api/v1/teachers/', data)
/** Removing someone from the school or company archives the membership (they lose access; their history stays). */
export const archiveTeacher = (id: number) => http.post<Schemas['Teacher']>(`/api/v1/teachers/${id}/archive/`)
export const archiveMember = (id: number) =>
  http.post<Schemas['CompanyMember']>(`/api/v1/company-members/${id}/archive/`)
export const listMembers = (q: ListQuery = {}) =>
  http.get<Paginated<Schemas['CompanyMember']>>('/api/v1/company-members/', q)
export const inviteMember = (data: Draft<Schemas['CompanyMemberCreateRequest']>) =>
  http.post<Invitation>('/api/v1/company-members/', data)
