/** Match rounds of /api/v1 (docs/API.md "Match rounds"): create, open/close, dry run, publish, rank, results. */
import { http, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Schemas } from './schema'

export type RoundStatus = 'draft' | 'open' | 'closed' | 'published'
export type Mechanism = 'deferred_acceptance' | 'serial_dictatorship'
export type RejectionReason = 'filled_by_higher_priority' | 'filled_before_turn' | 'no_capacity'

export type RoundSummary = Schemas['RoundSummary']

export interface MatchRound {
  id: number
  institution: number
  name: string
  mechanism: Mechanism
  mechanism_label: string
  slots: number[]
  cohorts: number[]
  preference_deadline: string
  max_choices: number
  seed: number
  status: RoundStatus
  status_label: string
  ran_at: string | null
  published_at: string | null
  summary: RoundSummary | null
  can_edit: boolean
}

export interface MatchRoundWrite {
  institution?: number
  name: string
  mechanism: Mechanism
  slots: number[]
  cohorts: number[]
  preference_deadline: string | null
  max_choices: number | null
}

/** A slot of the round; the student fields only for a student. */
export type RoundSlot = Schemas['RoundSlot']

export type Applicant = Schemas['Applicant']

export type Priorities = Schemas['PrioritiesResult']

export type Rejection = Schemas['Rejection']

export type StudentExplanation = Schemas['StudentExplanation']

/** What GET {id}/result/ answers; its shape depends on who asks. */
export interface StaffResult {
  ran: true
  published: boolean
  summary: RoundSummary
  slots: {
    id: number
    title: string | null
    company: string
    admitted: number
    capacity: number
    cutoff: number | null
  }[]
  unmatched: { id: number; full_name: string | null }[]
  students: {
    id: number
    full_name: string | null
    slot: number | null
    slot_title: string | null
    choice: number | null
  }[]
  explanations: Record<string, StudentExplanation>
}
export interface StudentResult {
  ran: true
  published: boolean
  took_part?: boolean
  slot?: number | null
  slot_title?: string | null
  choice?: number | null
  above?: Rejection[]
}
export interface CompanyResult {
  ran: true
  published: boolean
  slots: {
    id: number
    title: string | null
    cutoff: number | null
    admitted: { id: number; full_name: string | null }[]
  }[]
}
export type RoundResult = { ran: false } | StaffResult | StudentResult | CompanyResult

export const listRounds = (q: ListQuery = {}) => http.get<Paginated<MatchRound>>('/api/v1/match-rounds/', q)
export const getRound = (id: number | string) => http.get<MatchRound>(`/api/v1/match-rounds/${id}/`)
export const createRound = (data: MatchRoundWrite) => http.post<MatchRound>('/api/v1/match-rounds/', data)
export const updateRound = (id: number | string, data: Partial<MatchRoundWrite>) =>
  http.patch<MatchRound>(`/api/v1/match-rounds/${id}/`, data)

export type RoundMove = 'open' | 'close' | 'run' | 'publish'
export const moveRound = (id: number | string, action: RoundMove) =>
  http.post<MatchRound>(`/api/v1/match-rounds/${id}/${action}/`)
export const verifyRound = (id: number | string) =>
  http.get<{ same_result: boolean; seed: number }>(`/api/v1/match-rounds/${id}/verify/`)

export const getRoundSlots = (id: number | string) => http.get<RoundSlot[]>(`/api/v1/match-rounds/${id}/slots/`)
export const getPreferences = (id: number | string) =>
  http.get<{ slots: number[] }>(`/api/v1/match-rounds/${id}/preferences/`)
export const savePreferences = (id: number | string, slots: number[]) =>
  http.put<{ slots: number[] }>(`/api/v1/match-rounds/${id}/preferences/`, { slots })
export const getPriorities = (id: number | string, slot: number) =>
  http.get<Priorities>(`/api/v1/match-rounds/${id}/priorities/`, { slot })
export const savePriorities = (id: number | string, slot: number, students: number[]) =>
  http.put<Priorities>(`/api/v1/match-rounds/${id}/priorities/`, { slot, students })
export const getRoundResult = (id: number | string) => http.get<RoundResult>(`/api/v1/match-rounds/${id}/result/`)
