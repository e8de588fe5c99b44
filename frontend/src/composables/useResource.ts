import { ref, watch, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { useUiStore } from '@/stores/ui'
import { useLoad } from './useLoad'

/** One object loaded by id; reloaded when the id or the language (labels) changes. */
export function useResource<T>(fetcher: (id: string) => Promise<T>, id: Ref<string>) {
  const data = ref<T | null>(null) as Ref<T | null>
  const { locale } = storeToRefs(useUiStore())
  const { loading, error, load } = useLoad(
    () => fetcher(id.value),
    (value) => (data.value = value),
  )
  watch([id, locale], load, { immediate: true })
  return { data, loading, error, load }
}
