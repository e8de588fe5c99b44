import { ref } from 'vue'
import { countOf } from '@/api/directory'
import { useAuthStore } from '@/stores/auth'

/**
 * Pending certificates of the signed-in school staff member's school (the verification queue size), shared by
 * the navigation badge and the queue page. Loaded on first read per user; refreshed after each decision.
 */
const count = ref<number | null>(null)
let loadedFor: number | null = null
let seq = 0

function refresh() {
  const mine = ++seq
  countOf('/api/v1/student-certificates/', { status: 'pending' })
    .then((n) => {
      if (mine === seq) count.value = n
    })
    .catch(() => undefined)
}

/** For the menu: the queue size (0 while unknown or for users without a school). */
export function certificateQueueBadge(): number {
  const auth = useAuthStore()
  const me = auth.me
  const id = me && me.schools.length ? me.id : null
  if (id !== loadedFor) {
    loadedFor = id
    count.value = null
    if (id !== null) queueMicrotask(refresh)
  }
  return id === null ? 0 : (count.value ?? 0)
}

export function useCertificateQueue() {
  return { count, refresh }
}
