import { getCurrentScope, onScopeDispose, ref } from 'vue'
import { listenForChanges, type LiveOption } from '@/stores/objectChanges'

export interface LoadOptions {
  /** after the first answer, a reload keeps what is shown (no skeleton) until the next answer replaces it */
  quiet?: boolean
  /** `loading` before the first load (true for a page that loads at once; false for one that waits) */
  initial?: boolean
  /** after `error` is set, for a page that also clears what it showed */
  onError?: (error: unknown) => void
  /** the kinds of object this page shows ('placement', ['slot', 'placement'], or a test of the change): a live
   * notice about one reloads it quietly (what is shown stays until the answer replaces it; a failure keeps it),
   * once per burst of notices. Stops with the component. */
  live?: LiveOption
}

/**
 * A page's load, written once: `loading` while it runs, `error` when it failed (LoadState shows both), and an answer
 * that a newer load overtook (the filters or the language changed meanwhile) is dropped instead of shown.
 * `fetcher` asks the API; `apply` puts the answer on the page (a load that puts what it fetched on the page as it
 * goes, one request after another, has none).
 */
export function useLoad<T>(fetcher: () => Promise<T>, apply: (value: T) => void = () => {}, options: LoadOptions = {}) {
  const loading = ref(options.initial ?? true)
  const error = ref<unknown>(null)
  let seq = 0
  let loaded = false

  async function run(silent: boolean) {
    const mine = ++seq
    if (!silent) {
      loading.value = !(options.quiet && loaded)
      error.value = null
    }
    try {
      const value = await fetcher()
      if (mine !== seq) return
      apply(value)
      loaded = true
      error.value = null
    } catch (e) {
      if (mine !== seq || silent) return
      error.value = e
      loaded = false
      options.onError?.(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  const load = () => run(false)
  /** Reload without a skeleton and without replacing what is shown by an error (a live notice's reload). */
  const refresh = () => run(true)

  if (options.live) {
    // only after a first answer: a page still loading (or showing its error) has nothing stale to refresh
    const stop = listenForChanges(options.live, () => {
      if (loaded) refresh()
    })
    if (getCurrentScope()) onScopeDispose(stop)
  }

  return { loading, error, load, refresh }
}
