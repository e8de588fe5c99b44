import { computed, ref } from 'vue'
import { listPrograms, type CertificateProgram } from '@/api/certificates'

/** The catalogue, loaded once per page view (programme names are not translated; labels come from our locales). */
const programs = ref<CertificateProgram[]>([])
let pending: Promise<void> | null = null

function load(again = false): Promise<void> {
  if (!pending || again) {
    const p = listPrograms().then((page) => {
      programs.value = page.results
    })
    p.catch(() => {
      if (pending === p) pending = null
    })
    pending = p
  }
  return pending
}

export function usePrograms() {
  load()
  const byId = computed(() => new Map(programs.value.map((p) => [p.id, p])))
  /** fetch again (after an edit); rejects when the request fails */
  return { programs, byId, reload: () => load(true) }
}
