import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { useLoad } from '@/composables/useLoad'
import { emitObjectChange, LIVE_MAX_WAIT_MS, LIVE_WAIT_MS, noticeChange, type LiveOption } from '@/stores/objectChanges'

/** Issue 14, defect 5: a live notice about an object reloads the pages showing it, once per burst. */

describe('noticeChange', () => {
  it('names the kind of object and its id where the link has it', () => {
    expect(noticeChange({ kind: 'applied', link: '/placements/12' })).toEqual({ kind: 'placement', id: 12 })
    expect(noticeChange({ kind: 'slot_opened', link: '/slots/3' })).toEqual({ kind: 'slot', id: 3 })
    expect(noticeChange({ kind: 'round_opened', link: '/rounds/2' })).toEqual({ kind: 'round', id: 2 })
    expect(noticeChange({ kind: 'certificate_uploaded', link: '/certificates/verify' })).toEqual({
      kind: 'certificate',
      id: null,
    })
    // a journal's link is its placement's page
    expect(noticeChange({ kind: 'journal_submitted', link: '/placements/7' })).toEqual({
      kind: 'journal',
      id: null,
      placement: 7,
    })
    // a link to another kind of object names no id of this kind
    expect(noticeChange({ kind: 'round_unmatched', link: '/slots' })).toEqual({ kind: 'round', id: null })
    expect(noticeChange({ kind: 'matched', link: '/placements' })).toEqual({ kind: 'placement', id: null })
  })

  it('is nothing for a notice about nothing a live page shows', () => {
    expect(noticeChange({ kind: 'company_vetted', link: '/companies/4' })).toBeNull()
    expect(noticeChange({ kind: 'announcement', link: '' })).toBeNull()
  })
})

describe('useLoad with live', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  function livePage(live: LiveOption) {
    let answer = 0
    const fetcher = vi.fn(async () => ++answer)
    const shown: number[] = []
    const scope = effectScope()
    const page = scope.run(() => useLoad(fetcher, (v) => shown.push(v), { live }))!
    return { fetcher, shown, scope, page }
  }

  it('makes one quiet reload of a burst of fifty notices about what it shows', async () => {
    const { fetcher, shown, scope, page } = livePage('placement')
    await page.load()
    expect(fetcher).toHaveBeenCalledTimes(1)
    for (let i = 0; i < 50; i++) emitObjectChange({ kind: 'placement', id: i })
    expect(fetcher).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(LIVE_WAIT_MS)
    expect(fetcher).toHaveBeenCalledTimes(2)
    // quiet: no skeleton while it ran, and the new answer replaced the old one
    expect(page.loading.value).toBe(false)
    expect(shown).toEqual([1, 2])
    scope.stop()
  })

  it('reloads at least every few seconds while notices keep coming', async () => {
    const { fetcher, scope, page } = livePage('placement')
    await page.load()
    for (let t = 0; t < LIVE_MAX_WAIT_MS + LIVE_WAIT_MS; t += LIVE_WAIT_MS / 2) {
      emitObjectChange({ kind: 'placement', id: 1 })
      await vi.advanceTimersByTimeAsync(LIVE_WAIT_MS / 2)
    }
    expect(fetcher.mock.calls.length).toBeGreaterThanOrEqual(2)
    scope.stop()
  })

  it('ignores other kinds of object, and stops listening with its page', async () => {
    const { fetcher, scope, page } = livePage(['slot', 'placement'])
    await page.load()
    emitObjectChange({ kind: 'certificate', id: null })
    await vi.advanceTimersByTimeAsync(LIVE_WAIT_MS * 2)
    expect(fetcher).toHaveBeenCalledTimes(1)
    scope.stop()
    emitObjectChange({ kind: 'slot', id: 2 })
    await vi.advanceTimersByTimeAsync(LIVE_WAIT_MS * 2)
    expect(fetcher).toHaveBeenCalledTimes(1)
  })

  it('keeps what is shown when a quiet reload fails', async () => {
    const fetcher = vi.fn().mockResolvedValueOnce('名单').mockRejectedValueOnce(new Error('offline'))
    const shown: string[] = []
    const scope = effectScope()
    const page = scope.run(() => useLoad(fetcher, (v: string) => shown.push(v), { live: 'certificate' }))!
    await page.load()
    emitObjectChange({ kind: 'certificate', id: null })
    await vi.advanceTimersByTimeAsync(LIVE_WAIT_MS)
    expect(fetcher).toHaveBeenCalledTimes(2)
    expect(page.error.value).toBeNull()
    expect(shown).toEqual(['名单'])
    scope.stop()
  })

  it('does not reload a page that has not loaded yet', async () => {
    const { fetcher, scope } = livePage('placement')
    emitObjectChange({ kind: 'placement', id: 1 })
    await vi.advanceTimersByTimeAsync(LIVE_WAIT_MS)
    expect(fetcher).not.toHaveBeenCalled()
    scope.stop()
  })
})
