import { reactive, ref, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import type { Paginated } from '@/api/http'
import type { ListQuery } from '@/api/directory'
import { useUiStore } from '@/stores/ui'
import { storeToRefs } from 'pinia'
import type { LiveOption } from '@/stores/objectChanges'
import { useLoad } from './useLoad'

/**
 * A paginated, filtered list whose filters live in the URL (?search=&district=&page=),
 * so back/forward and shared links keep them. With `live` (the kinds of object it lists), a notice about one
 * reloads the same page with the same filters, quietly (the rows stay, and so does the scroll).
 */
export function useList<T>(
  fetcher: (q: ListQuery) => Promise<Paginated<T>>,
  filterKeys: string[],
  pageSize = 20,
  options: { live?: LiveOption } = {},
) {
  const route = useRoute()
  const router = useRouter()
  const { locale } = storeToRefs(useUiStore())

  const filters = reactive<Record<string, string>>({})
  const page = ref(1)
  const items = ref<T[]>([]) as { value: T[] }
  const count = ref(0)

  function readQuery(q: LocationQuery) {
    for (const k of filterKeys) {
      const v = q[k]
      filters[k] = typeof v === 'string' ? v : ''
    }
    const p = Number(q.page)
    page.value = Number.isInteger(p) && p > 0 ? p : 1
  }

  const { loading, error, load, refresh } = useLoad(
    () => fetcher({ ...filters, page: page.value, page_size: pageSize }),
    (data) => {
      items.value = data.results
      count.value = data.count
    },
    {
      initial: false,
      live: options.live,
      onError: () => {
        items.value = []
        count.value = 0
      },
    },
  )

  function pushQuery(nextPage: number) {
    const query: Record<string, string> = {}
    for (const k of filterKeys) if (filters[k]) query[k] = filters[k]
    if (nextPage > 1) query.page = String(nextPage)
    router.replace({ query })
  }

  /** After a filter changed: back to page 1. */
  const applyFilters = () => pushQuery(1)
  const goToPage = (p: number) => pushQuery(p)
  function resetFilters() {
    for (const k of filterKeys) filters[k] = ''
    pushQuery(1)
  }

  const routeName = route.name
  readQuery(route.query)
  watch(
    () => route.query,
    (q) => {
      if (route.name !== routeName) return // leaving the list page
      readQuery(q)
      load()
    },
  )
  watch(locale, load)
  load()

  return { filters, page, pageSize, items, count, loading, error, load, refresh, applyFilters, goToPage, resetFilters }
}
