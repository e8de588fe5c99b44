/** Certificates domain of /api/v1 (docs/API.md "Certificates"): catalogue, student certificates, sessions, report. */
import { http, request, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Draft, Schemas, WithFiles } from './schema'

export type Level = Schemas['CertificateLevelEnum']
export type ProgramKind = Schemas['ProgramKindEnum']
export type CertificateStatus = Schemas['StudentCertificateStatusEnum']
export type CertificateSource = Schemas['CertificateSourceEnum']
export type SessionStatus = Schemas['AssessmentSessionStatusEnum']
export type RegistrationResult = Schemas['ResultEnum']
export type ReportGroup = Schemas['GroupByEnum']

export type CertificateProgram = Schemas['Program']

export type ProgramWrite = Draft<Schemas['ProgramRequest']>

export type StudentCertificate = Schemas['Certificate']

export type CertificateUpload = WithFiles<Draft<Schemas['CertificateUploadRequest']>, 'file'>

export type AssessmentSession = Schemas['Session']

export type SessionWrite = Draft<Schemas['SessionRequest'], 'date'>

export type Registration = Schemas['Registration']

export type ResultRow = Draft<Schemas['ResultRowRequest']>

export type ReportRow = Schemas['CertificateReportRow']

export type Report = Schemas['CertificateReport']

/* catalogue */
export const listPrograms = (q: ListQuery = {}) =>
  http.get<Paginated<CertificateProgram>>('/api/v1/certificate-programs/', { page_size: 100, ...q })
export const createProgram = (data: ProgramWrite) =>
  http.post<CertificateProgram>('/api/v1/certificate-programs/', data)
export const updateProgram = (id: number, data: Draft<Schemas['PatchedProgramRequest']>) =>
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
  http.post<StudentCertificate>(`/api/v1/student-certificates/${id}/reject/`, {
    reason,
  } satisfies Schemas['RejectRequest'])

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
  http.post<AssessmentSession>(`/api/v1/assessment-sessions/${id}/results/`, {
    results,
  })

/* report */
export const getReport = (group_by: ReportGroup, institution?: number | null) =>
  http.get<Report>('/api/v1/certificates/report/', { group_by, institution })
export const exportReport = (group_by: ReportGroup, institution?: number | null) =>
  request<Blob>('/api/v1/certificates/report/', { query: { group_by, institution, format: 'xlsx' }, blob: true })
