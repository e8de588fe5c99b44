import { http, type Paginated } from './http'
import type { Draft, Schemas } from './schema'

/** 自行选择实习单位: a student's own placement, proposed with their guardian, decided by the school's admin. */
export type Proposal = Schemas['Proposal']
export type ProposalWrite = Draft<Schemas['ProposalRequest'], 'start_date' | 'end_date'>

export const listProposals = (q: Record<string, string | number | undefined> = {}) =>
  http.get<Paginated<Proposal>>('/api/v1/self-arranged/', q)
export const createProposal = (data: ProposalWrite) => http.post<Proposal>('/api/v1/self-arranged/', data)
export const approveProposal = (id: number, reason = '') =>
  http.post<Proposal>(`/api/v1/self-arranged/${id}/approve/`, { reason } satisfies Schemas['ProposalDecisionRequest'])
export const rejectProposal = (id: number, reason: string) =>
  http.post<Proposal>(`/api/v1/self-arranged/${id}/reject/`, { reason } satisfies Schemas['ProposalDecisionRequest'])
export const withdrawProposal = (id: number) => http.post<Proposal>(`/api/v1/self-arranged/${id}/withdraw/`)
