/** Students Stay in Wuhan (学子留汉) domain of /api/v1 (docs/API.md "Students Stay in Wuhan"):
 * graduate outcomes, the stay report, internship-to-hire conversion, talent points and their rules. */
import { http, request, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Draft, Schemas } from './schema'

export type OutcomeStatus = Schemas['OutcomeStatusEnum']
export const OUTCOME_STATUSES: OutcomeStatus[] = [
  'employed',
  'self_employed',
  'further_study',
  'military',
  'not_seeking',
  'seeking',
  'unknown',
]
export type SalaryBand = Schemas['SalaryBandEnum']
export const SALARY_BANDS: SalaryBand[] = ['lt3000', '3000', '5000', '7000', '10000']

export type Outcome = Schemas['Outcome']

/** What a school admin may change on an outcome (PATCH). */
export type OutcomeWrite = Draft<Schemas['PatchedOutcomeRequest']>

/** A graduate's own report (POST outcomes/self-report/). */
export type SelfReport = Draft<Schemas['SelfReportRequest']>

export const listOutcomes = (q: ListQuery = {}) => http.get<Paginated<Outcome>>('/api/v1/outcomes/', q)
export const updateOutcome = (id: number, data: OutcomeWrite) => http.patch<Outcome>(`/api/v1/outcomes/${id}/`, data)
export const confirmOutcome = (id: number) => http.post<Outcome>(`/api/v1/outcomes/${id}/confirm/`)
export const selfReportOutcome = (data: SelfReport) => http.post<Outcome>('/api/v1/outcomes/self-report/', data)

/* the report */

/** Stays (with StayTable, ExportFormat, StayFilters, ConversionTable): the report's query parameters, not a payload. */
export type StayBy = 'year' | 'institution' | 'major' | 'cohort' | 'district' | 'zone' | 'industry' | 'employer'
export const STAY_BYS: StayBy[] = ['year', 'institution', 'major', 'cohort', 'district', 'zone', 'industry', 'employer']
/** Stays: the `table` query parameter of a download. */
export type StayTable = 'breakdown' | 'trend' | 'flow'
/** Stays: the `format` query parameter of a download. */
export type ExportFormat = 'xlsx' | 'csv'

export type StayDefinition = Schemas['StayDefinition']
export type StayCounts = Schemas['StayCounts']
export type StayRow = Schemas['StayRow']
export type FlowRow = Schemas['FlowRow']
export type StayReport = Schemas['StayReport']

/** Stays: the report's filters (query parameters); they compose. `year` repeats. */
export interface StayFilters {
  year?: number[]
  institution?: number | string | null
  major?: number | string | null
  cohort?: number | string | null
  district?: string | null
  zone?: string | null
  industry?: string | null
  employer?: number | string | null
}

/** Stays: a query string's values. */
type Q = Record<string, string | number | boolean | null | undefined | (string | number)[]>
const reportQuery = (f: StayFilters, extra: Q = {}): Q => ({ ...(f as Q), ...extra })

export const getStayReport = (filters: StayFilters = {}, by: StayBy = 'institution') =>
  http.get<StayReport>('/api/v1/stay-report/', reportQuery(filters, { by }))

/** XLSX/CSV of one of the report's tables, with the same filters. Resolves with a File named by the server. */
export const exportStayReport = (filters: StayFilters, by: StayBy, table: StayTable, format: ExportFormat) =>
  request<Blob>('/api/v1/stay-report/', { query: reportQuery(filters, { by, table, format }), blob: true })

/* internship-to-hire */

export type ConversionRow = Schemas['ConversionRow']
export type Conversion = Schemas['Conversion']
/** Stays: the `table` query parameter of the conversion download. */
export type ConversionTable = 'companies' | 'bases'
export const getConversion = (filters: StayFilters = {}) =>
  http.get<Conversion>('/api/v1/stay-report/conversion/', reportQuery(filters))
export const exportConversion = (filters: StayFilters, table: ConversionTable, format: ExportFormat) =>
  request<Blob>('/api/v1/stay-report/conversion/', { query: reportQuery(filters, { table, format }), blob: true })

/* talent points */

export type TalentRule = Schemas['TalentRule']
export const THRESHOLD_RULE = 'subsidy_threshold'

export type PointsPart = Schemas['PointsPart']
export type PointsRow = Schemas['PointsRow']
export type PointsBoard = Schemas['PointsBoard']

export const listTalentRules = () => http.get<TalentRule[]>('/api/v1/talent-rules/')
export const updateTalentRule = (code: string, points: number | null) =>
  http.patch<TalentRule>(`/api/v1/talent-rules/${code}/`, { points } satisfies Draft<
    Schemas['PatchedTalentRuleRequest']
  >)
export const getTalentPoints = (year: number) => http.get<PointsBoard>('/api/v1/talent-points/', { year })
export const exportTalentPoints = (year: number, format: ExportFormat) =>
  request<Blob>('/api/v1/talent-points/', { query: { year, format }, blob: true })
