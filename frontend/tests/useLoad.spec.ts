import { describe, expect, it, vi } from 'vitest'
import { useLoad } from '@/composables/useLoad'

/** A fetcher whose answers the test releases one by one. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('useLoad', () => {
  it('is loading while the fetch runs and puts the answer on the page', async () => {
    const shown: string[] = []
    const answer = deferred<string>()
    const { loading, error, load } = useLoad(
      () => answer.promise,
      (v) => shown.push(v),
    )
    const done = load()
    expect(loading.value).toBe(true)
    answer.resolve('江岸区')
    await done
    expect(loading.value).toBe(false)
    expect(error.value).toBeNull()
    expect(shown).toEqual(['江岸区'])
  })

  it('drops an answer that a newer load overtook', async () => {
    const shown: string[] = []
    const first = deferred<string>()
    const second = deferred<string>()
    const answers = [first.promise, second.promise]
    const { loading, load } = useLoad(
      () => answers.shift()!,
      (v) => shown.push(v),
    )
    const a = load()
    const b = load()
    second.resolve('new')
    await b
    first.resolve('old')
    await a
    expect(shown).toEqual(['new'])
    expect(loading.value).toBe(false)
  })

  it('sets the error and runs onError when the fetch fails', async () => {
    const onError = vi.fn()
    const failure = new Error('offline')
    const { loading, error, load } = useLoad(
      () => Promise.reject(failure),
      () => {},
      { onError },
    )
    await load()
    expect(error.value).toBe(failure)
    expect(loading.value).toBe(false)
    expect(onError).toHaveBeenCalledWith(failure)
  })

  it('keeps what is shown on a quiet reload, and starts idle when told to', async () => {
    const { loading, load } = useLoad(
      () => Promise.resolve(1),
      () => {},
      { quiet: true, initial: false },
    )
    expect(loading.value).toBe(false)
    const firstLoad = load()
    expect(loading.value).toBe(true)
    await firstLoad
    const reload = load()
    expect(loading.value).toBe(false)
    await reload
  })
})
