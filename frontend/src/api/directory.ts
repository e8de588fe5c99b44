import { http, type Paginated } from './http'
import type { Draft, Schemas, WithFiles } from './schema'
import type { Choices, Company, CompanyChangeRequest, Institution, TrainingBase, VettingStatus } from './types'

/** Stays: the query string of a list (filters, search, page), not a payload. */
export type ListQuery = Record<string, string | number | boolean | undefined | null>

export const getChoices = () => http.get<Choices>('/api/v1/choices/')

export const listInstitutions = (q: ListQuery = {}) => http.get<Paginated<Institution>>('/api/v1/institutions/', q)
export const getInstitution = (id: number | string) => http.get<Institution>(`/api/v1/institutions/${id}/`)

export const listCompanies = (q: ListQuery = {}) => http.get<Paginated<Company>>('/api/v1/companies/', q)
export const getCompany = (id: number | string) => http.get<Company>(`/api/v1/companies/${id}/`)
export const updateCompany = (id: number | string, data: Draft<Schemas['PatchedCompanyRequest']>) =>
  http.patch<Company>(`/api/v1/companies/${id}/`, data)
export const vetCompany = (id: number | string, vetting_status: VettingStatus) =>
  http.post<Company>(`/api/v1/companies/${id}/vet/`, { vetting_status } satisfies Schemas['VetRequest'])

/* training bases: the school or company a base belongs to comes as an id and, to read, host_institution_detail /
   company_detail ({id, name}) */
export const listBases = (q: ListQuery = {}) => http.get<Paginated<TrainingBase>>('/api/v1/bases/', q)
export const getBase = (id: number | string) => http.get<TrainingBase>(`/api/v1/bases/${id}/`)

/** Only the editable fields go out (never host_institution/company). */
export type BaseUpdate = Draft<Omit<Schemas['PatchedTrainingBaseRequest'], 'host_institution' | 'company' | 'kind'>>
export const updateBase = (id: number | string, data: BaseUpdate) =>
  http.patch<TrainingBase>(`/api/v1/bases/${id}/`, data)

/** A school admin links their own school to an off-campus base (its students hear of the base's slots), or not. */
export const linkBase = (id: number, institution?: number) =>
  http.post<TrainingBase>(`/api/v1/bases/${id}/link/`, institution ? { institution } : {})
export const unlinkBase = (id: number, institution?: number) =>
  http.post<TrainingBase>(`/api/v1/bases/${id}/unlink/`, institution ? { institution } : {})

/* site inspections: the school's on-site inspections of a base, with the written report (rule 14) */
export type SiteInspection = Schemas['SiteInspection']
export const listInspections = (q: ListQuery = {}) =>
  http.get<Paginated<SiteInspection>>('/api/v1/site-inspections/', q)
/** multipart: base, institution?, inspected_on, findings, outcome, report */
export type InspectionWrite = WithFiles<Draft<Schemas['SiteInspectionCreateRequest'], 'inspected_on'>, 'report'>
export function createInspection(data: InspectionWrite) {
  const form = new FormData()
  form.append('base', String(data.base))
  if (data.institution) form.append('institution', String(data.institution))
  form.append('inspected_on', data.inspected_on ?? '')
  form.append('findings', data.findings)
  form.append('outcome', data.outcome)
  form.append('report', data.report)
  return http.post<SiteInspection>('/api/v1/site-inspections/', form)
}

/* company change requests: a vetted company's name, credit code, headcount or district */
export const listChangeRequests = (q: ListQuery = {}) =>
  http.get<Paginated<CompanyChangeRequest>>('/api/v1/company-change-requests/', q)
/** multipart: company, name?, credit_code?, headcount?, district?, note?, evidence */
export type ChangeRequestWrite = WithFiles<Draft<Schemas['ChangeRequestCreateRequest']>, 'evidence'>
export function createChangeRequest(data: ChangeRequestWrite) {
  const form = new FormData()
  form.append('company', String(data.company))
  for (const key of ['name', 'credit_code', 'district', 'note'] as const) {
    const value = data[key]
    if (value) form.append(key, value)
  }
  if (data.headcount !== null && data.headcount !== undefined) form.append('headcount', String(data.headcount))
  form.append('evidence', data.evidence)
  return http.post<CompanyChangeRequest>('/api/v1/company-change-requests/', form)
}
export const approveChangeRequest = (id: number) =>
  http.post<CompanyChangeRequest>(`/api/v1/company-change-requests/${id}/approve/`, {})
export const rejectChangeRequest = (id: number, reason: string) =>
  http.post<CompanyChangeRequest>(`/api/v1/company-change-requests/${id}/reject/`, { reason })

/** Only the total: for the home pages' real counts. */
export async function countOf(url: string, q: ListQuery = {}): Promise<number> {
  const page = await http.get<Paginated<unknown>>(url, { ...q, page_size: 1 })
  return page.count
}

/* the school's list of placement companies (实习单位名单): published to everyone at the school; its admins decide */
export type ListedCompany = Schemas['ListedCompany']
export const listSchoolCompanies = (q: ListQuery = {}) =>
  http.get<Paginated<ListedCompany>>('/api/v1/school-companies/', q)
export const addSchoolCompany = (data: Draft<Schemas['ListedCompanyCreateRequest']>) =>
  http.post<ListedCompany>('/api/v1/school-companies/', data)
export const removeSchoolCompany = (id: number, reason: string) =>
  http.post<ListedCompany>(`/api/v1/school-companies/${id}/remove/`, {
    reason,
  } satisfies Schemas['ListingRemoveRequest'])
