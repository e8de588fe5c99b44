/** 就业 (careers) domain of /api/v1: the student's résumé, graduate jobs, applications with their stages, and
 * interviews (issue 18). */
import { http, request, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Draft, Schemas } from './schema'

export type Resume = Schemas['Resume']
export type ResumeContent = Schemas['ResumeContent']
export type ResumeWrite = Draft<Schemas['PatchedResumeRequest']>
export type ResumeVisibility = Schemas['VisibilityEnum']
export const RESUME_VISIBILITIES: ResumeVisibility[] = ['hidden', 'applied', 'vetted']
export type ResumeSection = Schemas['SharedSectionsEnum']
export const RESUME_SECTIONS: ResumeSection[] = [
  'contact',
  'photo',
  'statement',
  'skills',
  'certificates',
  'placements',
  'grades',
]

export type Job = Schemas['Job']
export type JobWrite = Draft<Schemas['PatchedJobRequest']>
export type JobStatus = Job['status']
export type JobApplication = Schemas['Application']
export type JobApplicationDetail = Schemas['ApplicationDetail']
export type Stage = Schemas['StageEnum']
export const STAGES: Stage[] = ['submitted', 'interview', 'offered', 'rejected', 'withdrawn', 'accepted', 'declined']
export type Interview = Schemas['Interview']

export const getResume = () => http.get<Resume>('/api/v1/resume/')
export const updateResume = (data: ResumeWrite) => http.patch<Resume>('/api/v1/resume/', data)
export const uploadResumePhoto = (file: File) => {
  const body = new FormData()
  body.append('file', file)
  return http.post<Resume>('/api/v1/resume/photo/', body)
}
export const downloadResumePdf = () => request<Blob>('/api/v1/resume/pdf/', { blob: true })
export const downloadApplicantResume = (id: number) =>
  request<Blob>(`/api/v1/job-applications/${id}/resume-pdf/`, { blob: true })

export const listJobs = (q: ListQuery = {}) => http.get<Paginated<Job>>('/api/v1/jobs/', q)
export const getJob = (id: number) => http.get<Job>(`/api/v1/jobs/${id}/`)
export const createJob = (data: JobWrite) => http.post<Job>('/api/v1/jobs/', data)
export const updateJob = (id: number, data: JobWrite) => http.patch<Job>(`/api/v1/jobs/${id}/`, data)
export const publishJob = (id: number) => http.post<Job>(`/api/v1/jobs/${id}/publish/`)
export const closeJob = (id: number) => http.post<Job>(`/api/v1/jobs/${id}/close/`)

export const listApplications = (q: ListQuery = {}) =>
  http.get<Paginated<JobApplication>>('/api/v1/job-applications/', q)
export const getApplication = (id: number) => http.get<JobApplicationDetail>(`/api/v1/job-applications/${id}/`)
export const applyToJob = (job: number, note = '') =>
  http.post<JobApplicationDetail>('/api/v1/job-applications/', { job, note })
/** A stage move by its action name (withdraw, reject, offer, accept, decline), with what the move needs. */
export const moveApplication = (id: number, move: string, body: Record<string, unknown> = {}) =>
  http.post<JobApplicationDetail>(`/api/v1/job-applications/${id}/${move}/`, body)
export const proposeInterview = (
  id: number,
  body: { times: string[]; location: string; minutes?: number; note?: string },
) => http.post<JobApplicationDetail>(`/api/v1/job-applications/${id}/interview/`, body)

export const pickInterview = (id: number, slot: number) =>
  http.post<Interview>(`/api/v1/interviews/${id}/pick/`, { slot })
export const cancelInterview = (id: number, reason: string) =>
  http.post<Interview>(`/api/v1/interviews/${id}/cancel/`, { reason })
export const downloadInterviewIcs = (id: number) => request<Blob>(`/api/v1/interviews/${id}/ics/`, { blob: true })
