/** Payload types of /api/v1 (docs/API.md). */
import type { Schemas } from './schema'

export type Role = 'student' | 'teacher' | 'school_admin' | 'company_hr' | 'company_mentor' | 'city_analyst'

export interface Ref {
  id: number
  name: string
}

export interface Me {
  id: number
  username: string
  email: string
  phone: string
  full_name: string
  roles: Role[]
  student: {
    id: number
    institution: Ref
    student_number: string
    cohort: { id: number; name?: string; [k: string]: unknown } | null
  } | null
  schools: (Ref & { role: 'teacher' | 'admin' })[]
  companies: (Ref & { role: 'hr' | 'mentor' })[]
  is_city_analyst: boolean
  has_mfa: boolean
}

export type Choice = Schemas['LabelledChoice']

export type Choices = Schemas['Choices']

export type Institution = Schemas['Institution']

export type VettingStatus = 'pending' | 'approved' | 'suspended'

export interface Company {
  id: number
  name: string
  short_name: string
  credit_code: string
  district: string
  district_label: string
  zone: string
  zone_label: string
  segment: string
  segment_label: string
  headcount: number | null
  address: string
  website: string
  description: string
  vetting_status?: VettingStatus
  vetting_status_label?: string
  data_note?: string
  base_count?: number
  can_edit?: boolean
}

/** A vetted company's request to change the facts it was vetted on; blank / null = unchanged. */
export interface CompanyChangeRequest {
  id: number
  company: number
  company_name: string
  name: string
  credit_code: string
  headcount: number | null
  district: string
  district_label: string
  previous: { name?: string; credit_code?: string; headcount?: number; district?: string }
  note: string
  status: 'pending' | 'approved' | 'rejected'
  status_label: string
  reason: string
  requested_by_name: string | null
  decided_by_name: string | null
  decided_at: string | null
  created_at: string
  evidence_url: string
  can_decide: boolean
}

export interface ChangeRequestWrite {
  company: number
  name?: string
  credit_code?: string
  headcount?: number | null
  district?: string
  note?: string
  evidence: File
}

export type JobCluster = 'rd' | 'production' | 'aftersales'

export interface TrainingBase {
  id: number
  name: string
  kind: 'on_campus' | 'off_campus'
  kind_label: string
  host_institution: Ref | null
  partner_brand: string
  company: Ref | null
  institutions: number[]
  address: string
  district: string
  district_label: string
  zone: string
  zone_label: string
  capacity: number | null
  job_clusters: JobCluster[]
  job_cluster_labels: string[]
  last_inspection_date: string | null
  inspection_note: string
  agreement_start: string | null
  agreement_end: string | null
  is_active: boolean
  description: string
  can_edit: boolean
}

export interface ImportResult {
  ok: boolean
  created?: number
  updated?: number
  rows?: number
  codes_file?: string
  /** certificates: exact duplicates left out */
  skipped?: number
}
