import { computed, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { getTodo, type TodoItem } from '@/api/todo'
import { useAuthStore } from './auth'
import { useNoticesStore } from './notices'

/** Wait this long after a notice before asking again, so a burst of notices makes one request. */
export const TODO_WAIT_MS = 500

/**
 * The signed-in user's to-do counts (GET /me/todo/): the menu's badges, the home page's "to do" tiles and the
 * certificate queue's size read them from here. Loaded when a user signs in; asked again (debounced) when a live
 * notice arrives and after the user's own decisions (`reload`), so the badges follow.
 */
export const useTodoStore = defineStore('todo', () => {
  const auth = useAuthStore()
  const notices = useNoticesStore()
  const items = ref<TodoItem[]>([])
  const loaded = ref(false)
  const failed = ref(false)
  let seq = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  const byKey = computed(() => new Map(items.value.map((i) => [i.key, i])))
  /** the count of one item; 0 when the user has no such item (or before the first answer) */
  const count = (key: string) => byKey.value.get(key)?.count ?? 0
  const item = (key: string) => byKey.value.get(key) ?? null

  async function load() {
    if (timer) clearTimeout(timer)
    timer = null
    const mine = ++seq
    if (!auth.me) return
    try {
      const todo = await getTodo()
      if (mine !== seq) return
      items.value = todo.items
      loaded.value = true
      failed.value = false
    } catch {
      if (mine === seq) failed.value = true
    }
  }

  /** Ask again shortly: many calls in a row make one request. */
  function reload(wait = TODO_WAIT_MS) {
    if (timer) clearTimeout(timer)
    timer = setTimeout(load, wait)
  }

  watch(
    () => auth.me?.id ?? null,
    (id) => {
      seq++
      items.value = []
      loaded.value = false
      if (id !== null) load()
    },
    { immediate: true },
  )
  // any new notice may change what there is to do (an application, an upload, a decision ...)
  watch(
    () => notices.lastId,
    (now, before) => {
      if (now > before) reload()
    },
  )

  return { items, loaded, failed, count, item, load, reload }
})
