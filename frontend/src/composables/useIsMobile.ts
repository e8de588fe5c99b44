import { onBeforeUnmount, ref } from 'vue'

export const MOBILE_QUERY = '(max-width: 767.98px)'

/** True below 768px: navigation moves into a drawer, lists become cards. */
export function useIsMobile() {
  const mq = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(MOBILE_QUERY) : null
  const isMobile = ref(mq ? mq.matches : false)
  const update = (e: MediaQueryListEvent) => {
    isMobile.value = e.matches
  }
  mq?.addEventListener?.('change', update)
  onBeforeUnmount(() => mq?.removeEventListener?.('change', update))
  return isMobile
}
