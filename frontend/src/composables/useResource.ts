import { ref, watch, type Ref } from 'vue'
import { storeToRefs } from 'pinia'
import { useUiStore } from '@/stores/ui'
import { type ObjectChange, type ObjectKind } from '@/stores/objectChanges'
import { useLoad } from './useLoad'

/** One object loaded by id; reloaded when the id or the language (labels) changes, and quietly when a live notice
 * is about it. `live`: its own kind first, then the kinds it shows a part of (a slot's filled places follow
 * placements). A change naming another object of its own kind leaves it alone. */
export function useResource<T>(
  fetcher: (id: string) => Promise<T>,
  id: Ref<string>,
  options: { live?: ObjectKind | ObjectKind[] } = {},
) {
  const data = ref<T | null>(null) as Ref<T | null>
  const { locale } = storeToRefs(useUiStore())
  const kinds = options.live === undefined ? [] : ([] as ObjectKind[]).concat(options.live)
  const about = (c: ObjectChange) =>
    kinds.includes(c.kind) && (c.kind !== kinds[0] || c.id === null || String(c.id) === id.value)
  const { loading, error, load, refresh } = useLoad(
    () => fetcher(id.value),
    (value) => (data.value = value),
    { live: kinds.length ? about : undefined },
  )
  watch([id, locale], load, { immediate: true })
  return { data, loading, error, load, refresh }
}
