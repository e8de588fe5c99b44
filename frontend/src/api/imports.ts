import { http } from './http'
import type { ImportResult } from './types'

export type ImportKind = 'students' | 'companies'

export const templateUrl = (kind: ImportKind) => `/api/v1/imports/${kind}/template/`

/** Upload an XLSX; dry_run=true only checks. Row errors come back as ApiError.rowErrors (400). */
export function uploadImport(kind: ImportKind, file: File, dryRun: boolean) {
  const form = new FormData()
  form.append('file', file)
  form.append('dry_run', dryRun ? 'true' : 'false')
  return http.post<ImportResult>(`/api/v1/imports/${kind}/`, form)
}
