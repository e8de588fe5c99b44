import { computed } from 'vue'
import { useTodoStore } from '@/stores/todo'

/**
 * The verification queue's size for the signed-in school staff member (their school's pending certificates), as
 * GET /me/todo/ counts it: the menu's badge, the home tile and the queue page read the same number. `refresh`
 * asks again after a decision.
 */
export function useCertificateQueue() {
  const todo = useTodoStore()
  const count = computed(() => (todo.loaded ? todo.count('certificates_to_verify') : null))
  return { count, refresh: () => todo.load() }
}
