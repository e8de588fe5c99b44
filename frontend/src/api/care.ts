/** Teacher visits, incidents and students' reviews of /api/v1 (issue 17). */
import { http, type Paginated } from './http'
import type { Schemas } from './schema'

export type Incident = Schemas['Incident']
export type IncidentCreated = Schemas['IncidentCreated']
export type AnonymousIncident = Schemas['AnonymousIncident']
export type IncidentKind = Schemas['IncidentKindEnum']
export type IncidentSeverity = Schemas['SeverityEnum']
export type IncidentCountRow = Schemas['IncidentCountRow']
export type Visit = Schemas['Visit']
export type VisitMode = Schemas['ModeEnum']
export type CoverageRow = Schemas['CoverageRow']
export type PlacementReview = Schemas['PlacementReview']
export type CompanyRating = Schemas['CompanyRating']
export type Rating = Schemas['Rating']

export type IncidentQuery = {
  status?: string
  severity?: string
  overdue?: boolean | null
  page?: number
  page_size?: number
}
export const listIncidents = (q: IncidentQuery = {}) => http.get<Paginated<Incident>>('/api/v1/incidents/', q)
export const getIncident = (id: number | string) => http.get<Incident>(`/api/v1/incidents/${id}/`)

export function reportIncident(data: {
  placement: number | null
  kind: string
  severity: string
  description: string
  occurred_at: string
  anonymous: boolean
  photos: File[]
}) {
  const form = new FormData()
  if (data.placement) form.append('placement', String(data.placement))
  form.append('kind', data.kind)
  form.append('severity', data.severity)
  form.append('description', data.description)
  if (data.occurred_at) form.append('occurred_at', data.occurred_at)
  form.append('anonymous', data.anonymous ? 'true' : 'false')
  for (const photo of data.photos) form.append('photos', photo)
  return http.post<IncidentCreated>('/api/v1/incidents/', form)
}
/** An anonymous report by its follow-up code (POST: the code stays out of URLs), and an answer to the school. */
export const followUpIncident = (code: string) => http.post<AnonymousIncident>('/api/v1/incidents/follow-up/', { code })
export const replyFollowUp = (code: string, body: string) =>
  http.post<AnonymousIncident>('/api/v1/incidents/follow-up/reply/', { code, body })
export const respondIncident = (id: number, body: string) =>
  http.post<Incident>(`/api/v1/incidents/${id}/respond/`, { body })
export const closeIncident = (id: number) => http.post<Incident>(`/api/v1/incidents/${id}/close/`, {})
export const shareIncident = (id: number, shared: boolean) =>
  http.post<Incident>(`/api/v1/incidents/${id}/share/`, { shared })
export const incidentCounts = (days = 365) => http.get<IncidentCountRow[]>('/api/v1/incident-counts/', { days })

export const listVisits = (q: { placement?: number; page?: number; page_size?: number } = {}) =>
  http.get<Paginated<Visit>>('/api/v1/visits/', q)
export function recordVisit(data: {
  placement: number | null
  base: number | null
  visited_on: string
  mode: string
  findings: string
  photos: File[]
}) {
  const form = new FormData()
  if (data.placement) form.append('placement', String(data.placement))
  if (data.base) form.append('base', String(data.base))
  if (data.visited_on) form.append('visited_on', data.visited_on)
  form.append('mode', data.mode)
  form.append('findings', data.findings)
  for (const photo of data.photos) form.append('photos', photo)
  return http.post<Visit>('/api/v1/visits/', form)
}
export const visitCoverage = (mine = false) => http.get<CoverageRow[]>('/api/v1/visit-coverage/', { mine })

export const listReviews = (q: { placement?: number } = {}) =>
  http.get<Paginated<PlacementReview>>('/api/v1/placement-reviews/', q)
export const submitReview = (data: {
  placement: number
  company_stars: number
  base_stars: number
  mentor_stars?: number | null
  company_comment: string
  base_comment: string
  mentor_comment: string
}) => http.post<PlacementReview>('/api/v1/placement-reviews/', data)
export const companyRating = (company: number) => http.get<CompanyRating>(`/api/v1/company-ratings/${company}/`)
