import { http, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Draft, Schemas } from './schema'

export type StudentRecord = Schemas['Student']

export const listStudents = (q: ListQuery = {}) => http.get<Paginated<StudentRecord>>('/api/v1/students/', q)
export const getStudent = (id: number | string) => http.get<StudentRecord>(`/api/v1/students/${id}/`)
export const createStudent = (data: Draft<Schemas['StudentRequest'], 'birth_date'>) =>
  http.post<Schemas['StudentCreated']>('/api/v1/students/', data)
export const reissueActivationCode = (id: number | string) =>
  http.post<Schemas['ActivationCode']>(`/api/v1/students/${id}/activation-code/`)
