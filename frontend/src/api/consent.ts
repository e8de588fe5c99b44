import type { BackgroundJob } from './jobs'
/** The guardian's consent online and the school's filing with the education authority (issue 15):
 * /api/v1/guardian-consents/, /api/v1/guardian-consent/{link,open,decide}/ (no session) and /api/v1/filings/. */
import { http, request, type Paginated } from './http'
import type { Schemas } from './schema'

export type GuardianConsent = Schemas['GuardianConsent']
export type GuardianRelation = Schemas['RelationEnum']
export type GuardianLink = Schemas['GuardianLink']
export type LinkState = Schemas['LinkStateEnum']
export type GuardianArrangement = Schemas['GuardianArrangement']
export type Filing = Schemas['Filing']
export type FilingArrangement = Schemas['FilingArrangement']

export const listGuardianConsents = (placement: number) =>
  http.get<GuardianConsent[]>('/api/v1/guardian-consents/', { placement })
export const sendGuardianConsent = (data: Schemas['GuardianConsentSendRequest']) =>
  http.post<GuardianConsent>('/api/v1/guardian-consents/', data)

/** The guardian's side: no session, so a 401 never sends them to the sign-in page. */
export const guardianLink = (token: string) =>
  http.post<GuardianLink>('/api/v1/guardian-consent/link/', { token } satisfies Schemas['GuardianTokenRequest'], {
    noAuthRedirect: true,
  })
export const guardianOpen = (data: Schemas['GuardianCodeRequest']) =>
  http.post<GuardianArrangement>('/api/v1/guardian-consent/open/', data, { noAuthRedirect: true })
export const guardianDecide = (data: Schemas['GuardianDecideRequest']) =>
  http.post<GuardianLink>('/api/v1/guardian-consent/decide/', data, { noAuthRedirect: true })

export const listFilings = () => http.get<Paginated<Filing>>('/api/v1/filings/', { page_size: 100 })
export const listArrangements = (unfiled = false) =>
  http.get<FilingArrangement[]>('/api/v1/filings/arrangements/', unfiled ? { unfiled: true } : {})
export const recordFiling = (data: Schemas['FilingRecordRequest']) => http.post<Filing>('/api/v1/filings/', data)
export const approveCrossProvince = (data: Schemas['CrossProvinceApprovalRequest']) =>
  http.post<FilingArrangement>('/api/v1/filings/approve-cross-province/', data)
/** The arrangements as XLSX; a large export answers a background job (202). */
export const exportArrangements = () => request<Blob | BackgroundJob>('/api/v1/filings/export/', { blob: true })
