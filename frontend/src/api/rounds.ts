/** Match rounds of /api/v1 (docs/API.md "Match rounds"): create, open/close, dry run, publish, rank, results. */
import { http, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Draft, Schemas } from './schema'

export type RoundStatus = Schemas['MatchRoundStatusEnum']
export type Mechanism = Schemas['MechanismEnum']
export type RejectionReason = Schemas['Rejection']['reason']

export type RoundSummary = Schemas['RoundSummary']

export type MatchRound = Schemas['MatchRound']

export type MatchRoundWrite = Draft<Schemas['MatchRoundRequest'], 'preference_deadline'>

/** A slot of the round; the student fields only for a student. */
export type RoundSlot = Schemas['RoundSlot']

export type Applicant = Schemas['Applicant']

export type Priorities = Schemas['PrioritiesResult']

export type Rejection = Schemas['Rejection']

export type StudentExplanation = Schemas['StudentExplanation']

/** What GET {id}/result/ answers; its shape depends on who asks (`ran`, then the fields of each shape). */
export type StaffResult = Schemas['RoundStaffResult']
export type StudentResult = Schemas['RoundStudentResult']
export type CompanyResult = Schemas['RoundCompanyResult']
export type RoundResult = Schemas['RoundResult']

export const listRounds = (q: ListQuery = {}) => http.get<Paginated<MatchRound>>('/api/v1/match-rounds/', q)
export const getRound = (id: number | string) => http.get<MatchRound>(`/api/v1/match-rounds/${id}/`)
export const createRound = (data: MatchRoundWrite) => http.post<MatchRound>('/api/v1/match-rounds/', data)
export const updateRound = (id: number | string, data: Partial<MatchRoundWrite>) =>
  http.patch<MatchRound>(`/api/v1/match-rounds/${id}/`, data)

/** Stays: the URL segments of a round's moves, not a payload. */
export type RoundMove = 'open' | 'close' | 'run' | 'publish'
export const moveRound = (id: number | string, action: RoundMove) =>
  http.post<MatchRound>(`/api/v1/match-rounds/${id}/${action}/`)
export const verifyRound = (id: number | string) =>
  http.get<Schemas['RoundVerify']>(`/api/v1/match-rounds/${id}/verify/`)

export const getRoundSlots = (id: number | string) => http.get<RoundSlot[]>(`/api/v1/match-rounds/${id}/slots/`)
export const getPreferences = (id: number | string) =>
  http.get<Schemas['Preferences']>(`/api/v1/match-rounds/${id}/preferences/`)
export const savePreferences = (id: number | string, slots: number[]) =>
  http.put<Schemas['Preferences']>(`/api/v1/match-rounds/${id}/preferences/`, {
    slots,
  } satisfies Schemas['PreferencesRequest'])
export const getPriorities = (id: number | string, slot: number) =>
  http.get<Priorities>(`/api/v1/match-rounds/${id}/priorities/`, { slot })
export const savePriorities = (id: number | string, slot: number, students: number[]) =>
  http.put<Priorities>(`/api/v1/match-rounds/${id}/priorities/`, {
    slot,
    students,
  } satisfies Schemas['PrioritiesRequest'])
export const getRoundResult = (id: number | string) => http.get<RoundResult>(`/api/v1/match-rounds/${id}/result/`)
