import { onBeforeUnmount, ref } from 'vue'

/** The current time (ms), refreshed every `intervalMs` while the component lives (countdowns). */
export function useNow(intervalMs = 1000) {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), intervalMs)
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
