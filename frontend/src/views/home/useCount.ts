import { computed, getCurrentScope, onScopeDispose, ref } from 'vue'
import { countOf, type ListQuery } from '@/api/directory'
import { listenForChanges, type LiveOption } from '@/stores/objectChanges'
import { useTodoStore } from '@/stores/todo'

/** A real total from a list endpoint (count of page_size=1); null while loading, 'error' if it failed. With `live`
 * (the kinds of object it counts), a notice about one of them counts again, quietly (issue 14, defect 5). */
export function useCount(url: string, query: ListQuery = {}, live?: LiveOption) {
  const value = ref<number | null | 'error'>(null)
  const load = () => {
    countOf(url, query)
      .then((n) => (value.value = n))
      .catch(() => {
        // a quiet recount keeps the number it had
        if (typeof value.value !== 'number') value.value = 'error'
      })
  }
  load()
  if (live) {
    const stop = listenForChanges(live, load)
    if (getCurrentScope()) onScopeDispose(stop)
  }
  return value
}

/** A count of GET /me/todo/ (the menu's badges) as a tile: its value and the list it leads to. It follows live
 * notices with the to-do store, and says the same number as the badge. */
export function useTodoCount(key: string) {
  const todo = useTodoStore()
  const value = computed<number | null | 'error'>(() => (todo.loaded ? todo.count(key) : todo.failed ? 'error' : null))
  const to = computed(() => {
    const route = todo.item(key)?.route
    return route ? { name: route.name, params: route.params, query: route.query } : undefined
  })
  return { value, to }
}
