import { http, type Paginated } from './http'
import type {
  ChangeRequestWrite,
  Choices,
  Company,
  CompanyChangeRequest,
  Institution,
  Ref,
  TrainingBase,
  VettingStatus,
} from './types'

export type ListQuery = Record<string, string | number | boolean | undefined | null>

export const getChoices = () => http.get<Choices>('/api/v1/choices/')

export const listInstitutions = (q: ListQuery = {}) => http.get<Paginated<Institution>>('/api/v1/institutions/', q)
export const getInstitution = (id: number | string) => http.get<Institution>(`/api/v1/institutions/${id}/`)

export const listCompanies = (q: ListQuery = {}) => http.get<Paginated<Company>>('/api/v1/companies/', q)
export const getCompany = (id: number | string) => http.get<Company>(`/api/v1/companies/${id}/`)
export const updateCompany = (id: number | string, data: Partial<Company>) =>
  http.patch<Company>(`/api/v1/companies/${id}/`, data)
export const vetCompany = (id: number | string, vetting_status: VettingStatus) =>
  http.post<Company>(`/api/v1/companies/${id}/vet/`, { vetting_status })

type RawRef = Ref | number | null | undefined
type RawBase = Omit<TrainingBase, 'host_institution' | 'company'> & {
  host_institution: RawRef
  company: RawRef
  host_institution_detail?: Ref | null
  company_detail?: Ref | null
}

/** The API may send `host_institution: {id, name}` or `host_institution: id` + `host_institution_detail`. */
function refOf(value: RawRef, detail?: Ref | null): Ref | null {
  if (detail) return detail
  if (value && typeof value === 'object') return value
  return typeof value === 'number' ? { id: value, name: '' } : null
}

export function normalizeBase(raw: RawBase): TrainingBase {
  const { host_institution_detail, company_detail, ...rest } = raw
  return {
    ...rest,
    host_institution: refOf(raw.host_institution, host_institution_detail),
    company: refOf(raw.company, company_detail),
  }
}

export const listBases = async (q: ListQuery = {}): Promise<Paginated<TrainingBase>> => {
  const page = await http.get<Paginated<RawBase>>('/api/v1/bases/', q)
  return { ...page, results: page.results.map(normalizeBase) }
}
export const getBase = async (id: number | string) => normalizeBase(await http.get<RawBase>(`/api/v1/bases/${id}/`))

/** Only the editable fields go out (never host_institution/company). */
export type BaseUpdate = Partial<
  Pick<
    TrainingBase,
    | 'name'
    | 'address'
    | 'district'
    | 'zone'
    | 'capacity'
    | 'job_clusters'
    | 'last_inspection_date'
    | 'inspection_note'
    | 'agreement_start'
    | 'agreement_end'
    | 'is_active'
    | 'description'
  >
>
export const updateBase = async (id: number | string, data: BaseUpdate) =>
  normalizeBase(await http.patch<RawBase>(`/api/v1/bases/${id}/`, data))

/** A school admin links their own school to an off-campus base (its students hear of the base's slots), or not. */
export const linkBase = async (id: number, institution?: number) =>
  normalizeBase(await http.post<RawBase>(`/api/v1/bases/${id}/link/`, institution ? { institution } : {}))
export const unlinkBase = async (id: number, institution?: number) =>
  normalizeBase(await http.post<RawBase>(`/api/v1/bases/${id}/unlink/`, institution ? { institution } : {}))

/* company change requests: a vetted company's name, credit code, headcount or district */
export const listChangeRequests = (q: ListQuery = {}) =>
  http.get<Paginated<CompanyChangeRequest>>('/api/v1/company-change-requests/', q)
/** multipart: company, name?, credit_code?, headcount?, district?, note?, evidence */
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
