import type { BackgroundJob } from './jobs'
/** Placements domain of /api/v1 (docs/API.md "Placements"): slots, placements, journals, breaches, policies. */
import { http, request, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Draft, Schemas, WithFiles } from './schema'

export type SlotStatus = Schemas['SlotStatusEnum']
export type SlotKind = Schemas['InternshipKindEnum']

export type Slot = Schemas['Slot']

/** What the slot form sends (POST a draft, or with publish: true to open at once; PATCH). */
export type SlotWrite = Draft<Schemas['SlotRequest'], 'start_date' | 'end_date' | 'application_deadline'>

export type Eligibility = Schemas['Eligibility']

export type Major = Schemas['Major']

export type CompanyMember = Schemas['CompanyMember']

export type PlacementStatus = Schemas['PlacementStatusEnum']

export type PlacementAction = Schemas['ActionsEnum']

/** What a rule rests on (GET /api/v1/regulation/): the regulation's article (null: cited by name) and clause. */
export type Basis = Schemas['Basis']

export type Missing = Schemas['Missing']

export type Placement = Schemas['Placement']

export type PlacementDocument = Schemas['Document']

export type Assessment = Schemas['Assessment']

export type PlacementEvent = Schemas['Event']

export type JournalSummary = Schemas['JournalSummary']

export type PlacementDetail = Schemas['PlacementDetail']

export type Grade = Schemas['GradeEnum']

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
/** The regulation's table in one language, as it applies to the signed-in user's school (`who`: their id; a school
 * outside the regulation reads platform policy), loaded once each (an error leaves it empty: no 依据 link, no harm). */
export function regulationIn(lang: string, who?: number | null): Promise<Basis[]> {
  const key = `${lang}:${who ?? ''}`
  if (!regulations.has(key))
    regulations.set(
      key,
      getRegulation().catch(() => []),
    )
  return regulations.get(key)!
}
export const getEligibility = (id: number | string) => http.get<Eligibility>(`/api/v1/slots/${id}/eligibility/`)

/* what the slot form picks from */
export const listMajors = (q: ListQuery = {}) => http.get<Paginated<Major>>('/api/v1/majors/', { page_size: 100, ...q })
export const listCompanyMembers = (company: number) =>
  http.get<Paginated<CompanyMember>>('/api/v1/company-members/', { company, page_size: 100 })
export const listCohorts = (q: ListQuery = {}) =>
  http.get<Paginated<Cohort>>('/api/v1/cohorts/', { page_size: 100, ...q })

/* placements */
/** Stays: the list's query string (filters, repeated status), not a payload. */
export type PlacementQuery = Record<string, string | number | boolean | undefined | null | string[]>
export const listPlacements = (q: PlacementQuery = {}) => http.get<Paginated<Placement>>('/api/v1/placements/', q)
export const getPlacement = (id: number | string) => http.get<PlacementDetail>(`/api/v1/placements/${id}/`)
export const applyToSlot = (data: Schemas['ApplyRequest']) => http.post<PlacementDetail>('/api/v1/placements/', data)

/** Actions whose body is `{reason}` (or nothing): withdraw, approve, reject, confirm, decline, start, request-end,
 * complete, waive-journals. Stays: the URL segments of those operations, not a payload. */
export type ReasonAction =
  'withdraw' | 'approve' | 'reject' | 'confirm' | 'decline' | 'start' | 'request-end' | 'complete' | 'waive-journals'
export const placementAction = (id: number | string, action: ReasonAction, reason?: string) =>
  http.post<PlacementDetail>(
    `/api/v1/placements/${id}/${action}/`,
    (reason === undefined ? {} : { reason }) satisfies Schemas['ReasonRequest'],
  )
export const decideEnd = (id: number | string, approve: boolean, reason: string) =>
  http.post<PlacementDetail>(`/api/v1/placements/${id}/decide-end/`, {
    approve,
    reason,
  } satisfies Schemas['DecideEndRequest'])
export const assessPlacement = (id: number | string, data: Schemas['AssessRequest']) =>
  http.post<PlacementDetail>(`/api/v1/placements/${id}/assess/`, data)

export type DocumentUpload = WithFiles<Draft<Schemas['DocumentUploadRequest']>, 'file'>
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
/** The school checks a paper the student handed in (the guardian's consent), or returns it with a reason. */
export const checkDocument = (id: number) => http.post<PlacementDocument>(`/api/v1/placement-documents/${id}/check/`)
export const returnDocument = (id: number, reason: string) =>
  http.post<PlacementDocument>(`/api/v1/placement-documents/${id}/return/`, {
    reason,
  } satisfies Schemas['DocumentReturnRequest'])
/** The company's assessment from the paper form it signed, recorded by the school with its scan (a company with
 * nobody on the platform). */
export type PaperAssessment = WithFiles<Draft<Schemas['PaperAssessmentRequest'], 'signed_on'>, 'file'>
export function recordPaperAssessment(id: number | string, data: PaperAssessment) {
  const form = new FormData()
  form.append('grade', data.grade)
  form.append('file', data.file)
  for (const key of ['signed_on', 'signed_by', 'comments'] as const) {
    const v = data[key]
    if (v) form.append(key, v)
  }
  return http.post<PlacementDetail>(`/api/v1/placements/${id}/paper-assessment/`, form)
}
/* who looks after the placement, and the safety training before it starts */
export type SafetyTraining = Schemas['SafetyTraining']
export const nameMentor = (id: number | string, mentor: number) =>
  http.post<PlacementDetail>(`/api/v1/placements/${id}/mentor/`, { mentor } satisfies Schemas['MentorRequest'])
export const nameTeacher = (id: number | string, teacher: number) =>
  http.post<PlacementDetail>(`/api/v1/placements/${id}/teacher/`, { teacher } satisfies Schemas['TeacherRequest'])
export const recordSafetyTraining = (id: number | string, data: Schemas['SafetyTrainingWriteRequest']) =>
  http.post<PlacementDetail>(`/api/v1/placements/${id}/safety-training/`, data)

export const submitJournal = (id: number | string, data: Schemas['JournalWriteRequest']) =>
  http.post<Journal>(`/api/v1/placements/${id}/journals/`, data)

/** XLSX of the list with the same filters (school staff, analyst); a large one answers a background job (202). */
export const exportPlacements = (q: PlacementQuery = {}) =>
  request<Blob | BackgroundJob>('/api/v1/placements/export/', { query: q, blob: true })

/* journals */
export type JournalDraft = Schemas['JournalDraft']
export type JournalSection = Schemas['JournalSection']
export type JournalPhoto = Schemas['JournalPhoto']
export const listJournals = (q: ListQuery = {}) => http.get<Paginated<Journal>>('/api/v1/journals/', q)
/** The teacher's comment with an optional 0-100 score, or the company mentor's comment (no score). */
export const commentJournal = (id: number | string, comment: string, score: number | null = null) =>
  http.post<Journal>(`/api/v1/journals/${id}/comment/`, { comment, score } satisfies Schemas['JournalCommentRequest'])
/** The school's section titles and the student's draft of their next journal (null when none). */
export const getJournalDraft = (placement: number | string) =>
  http.get<JournalDraft>(`/api/v1/placements/${placement}/journal-draft/`)
export const saveJournalDraft = (placement: number | string, data: Schemas['JournalDraftWriteRequest']) =>
  http.post<JournalDraft>(`/api/v1/placements/${placement}/journal-draft/`, data)
export function uploadJournalPhoto(journal: number, file: File) {
  const form = new FormData()
  form.append('file', file)
  return http.post<JournalPhoto>(`/api/v1/journals/${journal}/photos/`, form)
}
export const removeJournalPhoto = (photo: number) => http.delete<void>(`/api/v1/journal-photos/${photo}/`)
export type JournalReviewQuery = ListQuery & { cohort?: number; company?: number; unread?: boolean }
/** The reviewer's list: their advisees' (or interns') journals, unread first. */
export const reviewJournals = (q: JournalReviewQuery = {}) =>
  http.get<Paginated<Journal>>('/api/v1/journals/review/', q)
export const markJournalRead = (id: number) => http.post<Journal>(`/api/v1/journals/${id}/read/`)

/* breach reports */
export const listBreaches = (q: ListQuery = {}) => http.get<Paginated<BreachReport>>('/api/v1/breach-reports/', q)
export const createBreach = (data: Draft<Schemas['BreachReportRequest']>) =>
  http.post<BreachReport>('/api/v1/breach-reports/', data)
export const answerBreach = (id: number | string, data: Schemas['BreachAnswerRequest']) =>
  http.post<BreachReport>(`/api/v1/breach-reports/${id}/answer/`, data)

/* school policies */
export const listPolicies = () => http.get<Paginated<SchoolPolicy>>('/api/v1/school-policies/')
export const updatePolicy = (id: number | string, data: Draft<Schemas['PatchedSchoolPolicyRequest']>) =>
  http.patch<SchoolPolicy>(`/api/v1/school-policies/${id}/`, data)

/* working-time exceptions (art. 17): the company proposes, the slot's schools approve or refuse and file */
export type HoursException = Schemas['HoursException']
export type HoursExceptionKind = Schemas['HoursExceptionKindEnum']
export type HoursExceptionStatus = Schemas['HoursExceptionStatusEnum']
export type HoursExceptionQuery = ListQuery & { slot?: number; status?: HoursExceptionStatus }
export const listHoursExceptions = (q: HoursExceptionQuery = {}) =>
  http.get<Paginated<HoursException>>('/api/v1/hours-exceptions/', q)
export const proposeHoursException = (data: Schemas['HoursExceptionCreateRequest']) =>
  http.post<HoursException>('/api/v1/hours-exceptions/', data)
export const decideHoursException = (id: number, data: Schemas['HoursExceptionDecideRequest']) =>
  http.post<HoursException>(`/api/v1/hours-exceptions/${id}/decide/`, data)
export const fileHoursException = (id: number, data: Schemas['HoursExceptionFileRequest']) =>
  http.post<HoursException>(`/api/v1/hours-exceptions/${id}/file/`, data)

/** The internship archive: a placement's record as a PDF (its school's staff, the student), a class's as a ZIP. */
export const downloadPlacementArchive = (id: number) =>
  request<Blob>(`/api/v1/placements/${id}/internship-archive/`, { blob: true })
/** a big class's archive answers 202 with a background job (core.jobs) instead of the ZIP */
export const downloadCohortArchive = (cohort: number | string) =>
  request<Blob | BackgroundJob>(`/api/v1/cohorts/${cohort}/internship-archive/`, { blob: true })
