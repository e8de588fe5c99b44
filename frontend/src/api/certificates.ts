/** Certificates domain of /api/v1 (docs/API.md "Certificates"): catalogue, student certificates, sessions, report. */
import { http, request, type Paginated } from './http'
import type { ListQuery } from './directory'

export type Level = 'junior' | 'intermediate' | 'senior'
export type ProgramKind = 'one_x' | 'enterprise' | 'other'
export type CertificateStatus = 'pending' | 'verified' | 'rejected'
export type CertificateSource = 'upload' | 'session' | 'import'
export type SessionStatus = 'open' | 'closed' | 'results'
export type RegistrationResult = 'pending' | 'pass' | 'fail' | 'absent'
export type ReportGroup = 'program' | 'level' | 'major' | 'cohort'

export interface CertificateProgram {
  id: number
  name: string
  code: string
  kind: ProgramKind
  kind_label: string
  organisation: string
  levels: Level[]
  level_labels: string[]
  majors: number[]
  url: string
  description: string
  data_note: string
  can_edit: boolean
}

export type ProgramWrite = Pick<
  CertificateProgram,
  'name' | 'code' | 'kind' | 'organisation' | 'levels' | 'majors' | 'url' | 'description'
>

export interface StudentCertificate {
  id: number
  student: number
  student_name: string
  student_number: string
  program: number
  program_name: string
  level: Level
  level_label: string
  number: string
  issue_date: string
  score: string | null
  status: CertificateStatus
  status_label: string
  reason: string
  source: CertificateSource
  source_label: string
  verified_by_name: string | null
  verified_at: string | null
  scan_url: string | null
  thumbnail_url: string | null
  created_at: string
}

export interface CertificateUpload {
  program: number
  level: Level
  number: string
  issue_date: string
  score?: number | null
  file: File
}

export interface AssessmentSession {
  id: number
  program: number
  program_name: string
  level: Level
  level_label: string
  base: number
  base_name: string
  date: string
  seats: number
  registered: number
  status: SessionStatus
  status_label: string
  /** the signed-in student's registration */
  mine: { id: number; result: RegistrationResult; score: string | null } | null
  can_edit: boolean
}

export interface SessionWrite {
  program: number | null
  level: Level | ''
  base: number | null
  date: string | null
  seats: number | null
}

export interface Registration {
  id: number
  student: number
  student_name: string
  student_number: string
  result: RegistrationResult
  result_label: string
  score: string | null
}

export interface ResultRow {
  registration: number
  result: Exclude<RegistrationResult, 'pending'>
  score?: number | null
  number?: string
  issue_date?: string | null
}

export interface ReportRow {
  key: number | string | null
  name: string
  certificates: number
  holders: number
  sat: number
  passed: number
  /** 0..1, null when nobody sat */
  pass_rate: number | null
}

export interface Report {
  group_by: ReportGroup
  rows: ReportRow[]
}

/* catalogue */
export const listPrograms = (q: ListQuery = {}) =>
  http.get<Paginated<CertificateProgram>>('/api/v1/certificate-programs/', { page_size: 100, ...q })
export const createProgram = (data: ProgramWrite) =>
  http.post<CertificateProgram>('/api/v1/certificate-programs/', data)
export const updateProgram = (id: number, data: Partial<ProgramWrite>) =>
  http.patch<CertificateProgram>(`/api/v1/certificate-programs/${id}/`, data)

/* student certificates */
export const listCertificates = (q: ListQuery = {}) =>
  http.get<Paginated<StudentCertificate>>('/api/v1/student-certificates/', q)

/** multipart: program, level, number, issue_date, score?, file */
export function uploadCertificate(data: CertificateUpload) {
  const form = new FormData()
  form.append('program', String(data.program))
  form.append('level', data.level)
  form.append('number', data.number)
  form.append('issue_date', data.issue_date)
  if (data.score !== null && data.score !== undefined) form.append('score', String(data.score))
  form.append('file', data.file)
  return http.post<StudentCertificate>('/api/v1/student-certificates/', form)
}
export const verifyCertificate = (id: number) =>
  http.post<StudentCertificate>(`/api/v1/student-certificates/${id}/verify/`)
export const rejectCertificate = (id: number, reason: string) =>
  http.post<StudentCertificate>(`/api/v1/student-certificates/${id}/reject/`, { reason })

/* assessment sessions */
export const listSessions = (q: ListQuery = {}) =>
  http.get<Paginated<AssessmentSession>>('/api/v1/assessment-sessions/', q)
export const getSession = (id: number | string) => http.get<AssessmentSession>(`/api/v1/assessment-sessions/${id}/`)
export const createSession = (data: SessionWrite) => http.post<AssessmentSession>('/api/v1/assessment-sessions/', data)
/** 409 `session_full` past the seats */
export const registerSession = (id: number) =>
  http.post<AssessmentSession>(`/api/v1/assessment-sessions/${id}/register/`)
export const listRegistrations = (id: number | string) =>
  http.get<Registration[]>(`/api/v1/assessment-sessions/${id}/registrations/`)
/** all rows or none; errors as `results.<i>.<field>` */
export const submitResults = (id: number | string, results: ResultRow[]) =>
  http.post<AssessmentSession>(`/api/v1/assessment-sessions/${id}/results/`, { results })

/* report */
export const getReport = (group_by: ReportGroup, institution?: number | null) =>
  http.get<Report>('/api/v1/certificates/report/', { group_by, institution })
export const exportReport = (group_by: ReportGroup, institution?: number | null) =>
  request<Blob>('/api/v1/certificates/report/', { query: { group_by, institution, format: 'xlsx' }, blob: true })
