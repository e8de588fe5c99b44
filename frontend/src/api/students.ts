import { http, type Paginated } from './http'
import type { ListQuery } from './directory'

export interface StudentRecord {
  id: number
  institution: number
  student_number: string
  full_name: string
  cohort: number | null
  cohort_name?: string | null
  entry_year: number
  birth_date?: string | null
  is_activated?: boolean
  activated?: boolean
  [key: string]: unknown
}

export const listStudents = (q: ListQuery = {}) => http.get<Paginated<StudentRecord>>('/api/v1/students/', q)
export const createStudent = (data: Record<string, unknown>) =>
  http.post<StudentRecord & { activation_code?: string }>('/api/v1/students/', data)
export const reissueActivationCode = (id: number | string) =>
  http.post<{ activation_code: string }>(`/api/v1/students/${id}/activation-code/`)
