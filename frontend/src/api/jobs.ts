import { http, request, type Paginated } from './http'
import type { Schemas } from './schema'

/** A background job (后台任务): a large import or export that left the request (core.models.Job). */
export type BackgroundJob = Schemas['BackgroundJob']
export type JobStatus = BackgroundJob['status']
/** What the socket pushes while a job runs (core.jobs.job_payload): the progress bar's fields. */
export type JobUpdate = Pick<BackgroundJob, 'id' | 'kind' | 'status' | 'done' | 'total' | 'error' | 'has_result'>
export type JobCode = Schemas['BackgroundJobCode']

export interface JobQuery {
  status?: JobStatus
  kind?: BackgroundJob['kind']
  mine?: boolean
  page?: number
  page_size?: number
}

export const listJobs = (q: JobQuery = {}) => http.get<Paginated<BackgroundJob>>('/api/v1/background-jobs/', { ...q })
export const getJob = (id: number) => http.get<BackgroundJob>(`/api/v1/background-jobs/${id}/`)
/** The job's file (an export), for the person who started it; a File named by the server. */
export const downloadJob = (id: number) => request<Blob>(`/api/v1/background-jobs/${id}/download/`, { blob: true })
/** A large import's new activation codes, made now and answered this once (409 codes_delivered afterwards). */
export const takeJobCodes = (id: number) =>
  http.post<Schemas['BackgroundJobCodes']>(`/api/v1/background-jobs/${id}/codes/`)

export const isFinished = (status: JobStatus) => status === 'succeeded' || status === 'failed'

/** A 202 answer of an import or export that became a job. */
export function isJob(value: unknown): value is BackgroundJob {
  return typeof value === 'object' && value !== null && 'kind' in value && 'status' in value && 'done' in value
}

export function percent(job: Pick<BackgroundJob, 'done' | 'total' | 'status'>): number {
  if (job.status === 'succeeded') return 100
  if (!job.total) return 0
  return Math.min(100, Math.floor((job.done / job.total) * 100))
}
