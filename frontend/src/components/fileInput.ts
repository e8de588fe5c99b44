/** Pure helpers of FileInput (unit-tested in tests/fileInput.spec.ts). */

const NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPG',
  'image/png': 'PNG',
  'text/csv': 'CSV',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
}

function tokens(accept: string): string[] {
  return accept
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
}

/** What an accept list lets through, as people name it: ".xlsx,text/csv" → ["XLSX", "CSV"]. */
export function acceptedTypes(accept: string): string[] {
  const out: string[] = []
  for (const token of tokens(accept)) {
    const name = token.startsWith('.')
      ? token.slice(1).toUpperCase().replace('JPEG', 'JPG')
      : (NAMES[token] ?? token.split('/')[1]?.toUpperCase() ?? token)
    if (!out.includes(name)) out.push(name)
  }
  return out
}

/** Whether a file fits the accept list (by its extension or its type), as the browser's chooser filters it. */
export function fileMatches(file: { name: string; type: string }, accept: string): boolean {
  const list = tokens(accept)
  if (!list.length) return true
  const name = file.name.toLowerCase()
  const type = (file.type || '').toLowerCase()
  return list.some((token) => {
    if (token.startsWith('.')) return name.endsWith(token)
    if (token.endsWith('/*')) return type.startsWith(token.slice(0, -1))
    return type === token
  })
}

/** 10485760 → "10 MB", 2048 → "2 KB", 900 → "900 B". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024)
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
  }
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} B`
}

/* The server's limits (config/settings/base.py: *_UPLOAD_MAX_BYTES, IMPORT_MAX_BYTES): shown and checked here
 * so a large file is refused before it travels; the server checks again whatever it is set to. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024
