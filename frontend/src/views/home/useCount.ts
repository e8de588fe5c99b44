import { ref } from 'vue'
import { countOf, type ListQuery } from '@/api/directory'

/** A real total from a list endpoint (count of page_size=1); null while loading, 'error' if it failed. */
export function useCount(url: string, query: ListQuery = {}) {
  const value = ref<number | null | 'error'>(null)
  const load = () => {
    countOf(url, query)
      .then((n) => (value.value = n))
      .catch(() => (value.value = 'error'))
  }
  load()
  return value
}
