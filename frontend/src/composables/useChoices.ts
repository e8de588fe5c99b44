import { ref, watch } from 'vue'
import { storeToRefs } from 'pinia'
import { getChoices } from '@/api/directory'
import type { Choice, Choices } from '@/api/types'
import { useUiStore } from '@/stores/ui'

const cache = new Map<string, Promise<Choices>>()
const empty: Choices = {
  districts: [],
  zones: [],
  provinces: [],
  segments: [],
  job_clusters: [],
  base_kinds: [],
  brands: [],
  institution_kinds: [],
  vetting_statuses: [],
  major_categories: [],
}

/** /api/v1/choices/, once per language, reloaded when the language changes. */
export function useChoices() {
  const { locale } = storeToRefs(useUiStore())
  const choices = ref<Choices>({ ...empty })
  const load = (lang: string) => {
    let p = cache.get(lang)
    if (!p) {
      p = getChoices().catch((e) => {
        cache.delete(lang)
        throw e
      })
      cache.set(lang, p)
    }
    p.then((c) => {
      if (lang === locale.value) choices.value = { ...empty, ...c }
    }).catch(() => {
      /* filters simply stay empty */
    })
  }
  watch(locale, load, { immediate: true })
  return choices
}

export function labelOf(list: Choice[], value: string | null | undefined): string {
  if (!value) return ''
  return list.find((c) => c.value === value)?.label ?? value
}
