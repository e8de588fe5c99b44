/** Placements domain of /api/v1 (docs/API.md "Placements"): slots, placements, journals, breaches, policies. */
import { http, request, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Schemas } from './schema'

export type SlotStatus = 'draft' | 'open' | 'closed' | 'cancelled'
export type SlotKind = 'observation' | 'post'

export interface Slot {
  id: number
  company: number
  company_name: string
  base: number
  base_name: string
  district: string
  district_label: string
  zone_label: string
  title: string
  job_cluster: string
  job_cluster_label: string
  kind: SlotKind
  kind_label: string
  description: string
  majors: number[]
  major_names: string[]
  required_certificates: unknown[]
  capacity: number
  post_headcount: number
  start_date: string
  end_date: string
  term: string
  daily_hours: string
  shift_pattern: string
  shift_pattern_label: string
  night_shifts: boolean
  overtime: boolean
  holiday_work: boolean
  hours_exception_reference: string
  banned_work: string[]
  post_wage: string
  stipend: string
  pay_cycle: string
  pay_cycle_label: string
  paid_directly: boolean
  charges_fees: boolean
  holds_documents: boolean
  mentor: number | null
  mentor_name: string | null
  application_deadline: string
  status: SlotStatus
  status_label: string
  applicant_count: number
  filled_count: number
  warnings: string[]
  created_at: string
  can_edit: boolean
}

/** What the slot form sends (POST a draft, or with publish: true to open at once; PATCH). */
export interface SlotWrite {
  base: number | null
  title: string
  job_cluster: string
  kind: SlotKind
  description: string
  majors: number[]
  /** [{program, min_level}]; rows without a programme are dropped before sending */
  required_certificates?: { program: number | null; min_level: string }[]
  capacity: number | null
  post_headcount: number | null
  start_date: string | null
  end_date: string | null
  daily_hours: number | null
  shift_pattern: string
  night_shifts: boolean
  overtime: boolean
  holiday_work: boolean
  hours_exception_reference: string
  banned_work: string[]
  post_wage: number | null
  stipend: number | null
  pay_cycle: string
  paid_directly: boolean
  charges_fees: boolean
  holds_documents: boolean
  mentor: number | null
  application_deadline: string | null
  publish?: boolean
}

export interface Eligibility {
  eligible: boolean
  reasons: string[]
}

export type Major = Schemas['Major']

export type CompanyMember = Schemas['CompanyMember']

export type PlacementStatus =
  | 'pending'
  | 'approved'
  | 'accepted'
  | 'confirmed'
  | 'ready'
  | 'active'
  | 'completed'
  | 'rejected'
  | 'declined'
  | 'withdrawn'
  | 'ended_early'

export type PlacementAction =
  | 'withdraw'
  | 'approve'
  | 'reject'
  | 'confirm'
  | 'decline'
  | 'upload'
  | 'start'
  | 'journal'
  | 'request_end'
  | 'decide_end'
  | 'assess_teacher'
  | 'assess_company'
  | 'complete'
  | 'waive_journals'

/** What a rule rests on (GET /api/v1/regulation/): the regulation's article (null: cited by name) and clause. */
export interface Basis {
  key: string
  article: number | null
  citation: string
  clause: string
}

export interface Missing {
  code: string
  label: string
  basis?: Basis
}

export interface Placement {
  id: number
  student: {
    id: number
    full_name: string
    student_number: string
    institution: string
    cohort: string | null
    major: string | null
    entry_year: number
    advisor: string | null
  }
  slot: number
  slot_detail: {
    id: number
    title: string
    kind: SlotKind
    kind_label: string
    company_id: number
    company_name: string
    base_name: string
    start_date: string
    end_date: string
    stipend: string
    status: SlotStatus
  }
  rank: number | null
  statement: string
  status: PlacementStatus
  status_label: string
  term: string
  decision_reason: string
  started_at: string | null
  ended_at: string | null
  end_requested_at: string | null
  end_request_reason: string
  final_grade: string | null
  final_grade_label: string
  created_at: string
  updated_at: string
  missing: Missing[]
  actions: PlacementAction[]
  /** a teacher let the placement complete short of the school's journal count, saying why */
  journals_waived_at: string | null
  journals_waived_reason: string
}

export interface PlacementDocument {
  id: number
  kind: string
  kind_label: string
  content_type: string
  size: number
  signed_on: string | null
  policy_number: string
  insurer: string
  covers_from: string | null
  covers_to: string | null
  uploaded_by_name: string | null
  uploaded_at: string
  url: string
}

export interface Assessment {
  id: number
  role: 'teacher' | 'company'
  role_label: string
  grade: Grade
  grade_label: string
  comments: string
  assessor_name: string | null
  created_at: string
}

export interface PlacementEvent {
  id: number
  action: string
  from_status: string
  from_label: string
  to_status: string
  to_label: string
  reason: string
  actor_name: string | null
  at: string
}

export interface JournalSummary {
  cadence_days: number
  required: number
  due: number
  submitted: number
  overdue: number
}

export interface PlacementDetail extends Placement {
  documents: PlacementDocument[]
  assessments: Assessment[]
  events: PlacementEvent[]
  journal: JournalSummary
}

export type Grade = 'excellent' | 'good' | 'pass' | 'fail'

export type Journal = Schemas['Journal']

export type BreachReport = Schemas['BreachReport']

export type SchoolPolicy = Schemas['SchoolPolicy']

export type Cohort = Schemas['Cohort']

/* slots */
export const listSlots = (q: ListQuery = {}) => http.get<Paginated<Slot>>('/api/v1/slots/', q)
export const getSlot = (id: number | string) => http.get<Slot>(`/api/v1/slots/${id}/`)
export const createSlot = (data: SlotWrite) => http.post<Slot>('/api/v1/slots/', data)
export const updateSlot = (id: number | string, data: Partial<SlotWrite>) =>
  http.patch<Slot>(`/api/v1/slots/${id}/`, data)
export const publishSlot = (id: number | string) => http.post<Slot>(`/api/v1/slots/${id}/publish/`)
export const closeSlot = (id: number | string) => http.post<Slot>(`/api/v1/slots/${id}/close/`)
export const cancelSlot = (id: number | string) => http.post<Slot>(`/api/v1/slots/${id}/cancel/`)
export const getRegulation = () => http.get<Basis[]>('/api/v1/regulation/')
const regulations = new Map<string, Promise<Basis[]>>()
/** The regulation's table in one language, loaded once (an error leaves it empty: no 依据 link, no harm). */
export function regulationIn(lang: string): Promise<Basis[]> {
  if (!regulations.has(lang))
    regulations.set(
      lang,
      getRegulation().catch(() => []),
    )
  return regulations.get(lang)!
}
export const getEligibility = (id: number | string) => http.get<Eligibility>(`/api/v1/slots/${id}/eligibility/`)

/* what the slot form picks from */
export const listMajors = (q: ListQuery = {}) => http.get<Paginated<Major>>('/api/v1/majors/', { page_size: 100, ...q })
export const listCompanyMembers = (company: number) =>
  http.get<Paginated<CompanyMember>>('/api/v1/company-members/', { company, page_size: 100 })
export const listCohorts = (q: ListQuery = {}) =>
  http.get<Paginated<Cohort>>('/api/v1/cohorts/', { page_size: 100, ...q })

/* placements */
export type PlacementQuery = Record<string, string | number | boolean | undefined | null | string[]>
export const listPlacements = (q: PlacementQuery = {}) => http.get<Paginated<Placement>>('/api/v1/placements/', q)
export const getPlacement = (id: number | string) => http.get<PlacementDetail>(`/api/v1/placements/${id}/`)
export const applyToSlot = (data: { slot: number; statement: string; rank?: number | null }) =>
  http.post<PlacementDetail>('/api/v1/placements/', { ...data, rank: data.rank ?? undefined })

/** Actions whose body is `{reason}` (or nothing): withdraw, approve, reject, confirm, decline, start, request-end, complete. */
export type ReasonAction =
  'withdraw' | 'approve' | 'reject' | 'confirm' | 'decline' | 'start' | 'request-end' | 'complete' | 'waive-journals'
export const placementAction = (id: number | string, action: ReasonAction, reason?: string) =>
  http.post<PlacementDetail>(`/api/v1/placements/${id}/${action}/`, reason === undefined ? {} : { reason })
export const decideEnd = (id: number | string, approve: boolean, reason: string) =>
  http.post<PlacementDetail>(`/api/v1/placements/${id}/decide-end/`, { approve, reason })
export const assessPlacement = (
  id: number | string,
  data: { role: 'teacher' | 'company'; grade: Grade; comments: string },
) => http.post<PlacementDetail>(`/api/v1/placements/${id}/assess/`, data)

export interface DocumentUpload {
  kind: string
  file: File
  signed_on?: string | null
  policy_number?: string
  insurer?: string
  covers_from?: string | null
  covers_to?: string | null
}
export function uploadDocument(id: number | string, data: DocumentUpload) {
  const form = new FormData()
  form.append('kind', data.kind)
  form.append('file', data.file)
  for (const key of ['signed_on', 'policy_number', 'insurer', 'covers_from', 'covers_to'] as const) {
    const v = data[key]
    if (v) form.append(key, v)
  }
  return http.post<PlacementDetail>(`/api/v1/placements/${id}/documents/`, form)
}
export const submitJournal = (id: number | string, data: { title: string; body: string }) =>
  http.post<Journal>(`/api/v1/placements/${id}/journals/`, data)

/** XLSX of the list with the same filters (school staff, analyst). */
export const exportPlacements = (q: PlacementQuery = {}) =>
  request<Blob>('/api/v1/placements/export/', { query: q, blob: true })

/* journals */
export const listJournals = (q: ListQuery = {}) => http.get<Paginated<Journal>>('/api/v1/journals/', q)
export const commentJournal = (id: number | string, comment: string) =>
  http.post<Journal>(`/api/v1/journals/${id}/comment/`, { comment })

/* breach reports */
export const listBreaches = (q: ListQuery = {}) => http.get<Paginated<BreachReport>>('/api/v1/breach-reports/', q)
export const createBreach = (data: { kind: string; description: string; placement?: number | null }) =>
  http.post<BreachReport>('/api/v1/breach-reports/', data)
export const answerBreach = (id: number | string, data: { status: 'upheld' | 'dismissed'; response: string }) =>
  http.post<BreachReport>(`/api/v1/breach-reports/${id}/answer/`, data)

/* school policies */
export const listPolicies = () => http.get<Paginated<SchoolPolicy>>('/api/v1/school-policies/')
export const updatePolicy = (
  id: number | string,
  data: Partial<Pick<SchoolPolicy, 'approval_order' | 'max_choices' | 'journal_cadence_days' | 'journal_min_count'>>,
) => http.patch<SchoolPolicy>(`/api/v1/school-policies/${id}/`, data)
