import { ref, watch, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { useUiStore } from '@/stores/ui'

/** One object loaded by id; reloaded when the id or the language (labels) changes. */
export function useResource<T>(fetcher: (id: string) => Promise<T>, id: Ref<string>) {
  const data = ref<T | null>(null) as Ref<T | null>
  const loading = ref(true)
  const error = ref<unknown>(null)
  const { locale } = storeToRefs(useUiStore())
  let seq = 0
  async function load() {
    const mine = ++seq
    loading.value = true
    error.value = null
    try {
      const value = await fetcher(id.value)
      if (mine === seq) data.value = value
    } catch (e) {
      if (mine === seq) error.value = e
    } finally {
      if (mine === seq) loading.value = false
    }
  }
  watch([id, locale], load, { immediate: true })
  return { data, loading, error, load }
}
