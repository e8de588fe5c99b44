import { http, request } from './http'
import type { BackgroundJob } from './jobs'
import type { ImportResult } from './types'

/** Stays: the URL segment of each import, not a payload. */
export type ImportKind = 'students' | 'companies' | 'certificates' | 'outcomes'

/** File types each import takes (certificates: also CSV, UTF-8 or GB18030). */
export const IMPORT_EXTENSIONS: Record<ImportKind, string[]> = {
  students: ['.xlsx'],
  companies: ['.xlsx'],
  certificates: ['.xlsx', '.csv'],
  outcomes: ['.xlsx'],
}

export const templateUrl = (kind: ImportKind) => `/api/v1/imports/${kind}/template/`

/** The import's template as a File named by the server. Fetched by the http client, so its headers and notes are
 * in the language the app's switch chose (Accept-Language), not the browser's, as a plain link would be. */
export const downloadTemplate = (kind: ImportKind) => request<Blob>(templateUrl(kind), { blob: true })

/** Upload an XLSX (or CSV where accepted); dry_run=true only checks. Row errors come back as ApiError.rowErrors (400).
 * A large student import (not its check) answers 202 with a background job instead (see JobProgress). */
export function uploadImport(kind: ImportKind, file: File, dryRun: boolean) {
  const form = new FormData()
  form.append('file', file)
  form.append('dry_run', dryRun ? 'true' : 'false')
  return http.post<ImportResult | BackgroundJob>(`/api/v1/imports/${kind}/`, form)
}
