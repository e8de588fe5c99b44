/** The weekly report's draft kept in this browser (localStorage), so what is typed offline survives a reload and
 * is sent when the connection is back. One entry per placement; removed once the journal is submitted. */
export interface LocalDraft {
  title: string
  texts: Record<string, string>
  template: string[]
  /** typed here and not yet saved on the server */
  pending: boolean
  at: number
}

const key = (placement: string | number) => `journal-draft:${placement}`

export function readLocalDraft(placement: string | number): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key(placement))
    return raw ? (JSON.parse(raw) as LocalDraft) : null
  } catch {
    return null
  }
}

export function writeLocalDraft(placement: string | number, draft: LocalDraft): void {
  try {
    localStorage.setItem(key(placement), JSON.stringify(draft))
  } catch {
    // storage full or disabled: the server draft still holds what was saved
  }
}

export function clearLocalDraft(placement: string | number): void {
  try {
    localStorage.removeItem(key(placement))
  } catch {
    // nothing kept
  }
}
