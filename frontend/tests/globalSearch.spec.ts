import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'
import type { SearchGroup } from '@/api/search'
import GlobalSearchBox from '@/components/GlobalSearchBox.vue'
import { createSearcher, entries, placeholderKey, step } from '@/components/globalSearch'
import { mockFetch } from './helpers'

const result = (id: number, url: string) => ({ id, title: `名${id}`, subtitle: '', url })
const GROUPS: SearchGroup[] = [
  {
    kind: 'students',
    total: 7,
    more: '/students?search=x',
    results: [result(1, '/students/1'), result(2, '/students/2')],
  },
  { kind: 'placements', total: 0, more: '/placements?search=x', results: [] },
  { kind: 'companies', total: 1, more: '/companies?search=x', results: [result(5, '/companies/5')] },
]

describe('globalSearch logic', () => {
  it('lists each group’s results then its "more" link, skipping empty groups and a "more" with nothing more', () => {
    expect(entries(GROUPS).map((e) => e.url)).toEqual([
      '/students/1',
      '/students/2',
      '/students?search=x',
      '/companies/5',
    ])
  })

  it('moves up and down with wrap-around, starting from the top or the bottom', () => {
    expect(step(-1, 1, 4)).toBe(0)
    expect(step(-1, -1, 4)).toBe(3)
    expect(step(3, 1, 4)).toBe(0)
    expect(step(0, -1, 4)).toBe(3)
    expect(step(-1, 1, 0)).toBe(-1)
  })

  it('says what the roles search in the placeholder', () => {
    expect(placeholderKey(['teacher'])).toBe('school')
    expect(placeholderKey(['company_mentor'])).toBe('company')
    expect(placeholderKey(['city_analyst'])).toBe('analyst')
  })

  describe('createSearcher', () => {
    beforeEach(() => vi.useFakeTimers())
    afterEach(() => vi.useRealTimers())

    it('asks once typing pauses, with the trimmed text', async () => {
      const fetcher = vi.fn(async (q: string) => q)
      const onAnswer = vi.fn()
      const s = createSearcher(fetcher, { onAnswer, onError: vi.fn() }, 250)
      s.schedule('张')
      await vi.advanceTimersByTimeAsync(100)
      s.schedule(' 张晓 ')
      await vi.advanceTimersByTimeAsync(249)
      expect(fetcher).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(1)
      expect(fetcher.mock.calls).toEqual([['张晓']])
      expect(onAnswer).toHaveBeenCalledWith('张晓', '张晓')
    })

    it('drops the answer of a request overtaken by newer text', async () => {
      const pending: Record<string, (v: string) => void> = {}
      const fetcher = (q: string) => new Promise<string>((resolve) => (pending[q] = resolve))
      const onAnswer = vi.fn()
      const s = createSearcher(fetcher, { onAnswer, onError: vi.fn() }, 250)
      s.schedule('张')
      await vi.advanceTimersByTimeAsync(250) // "张" in flight
      s.schedule('张晓')
      await vi.advanceTimersByTimeAsync(250)
      pending['张晓']('new')
      pending['张']('old') // the slow answer arrives last
      await vi.runAllTimersAsync()
      expect(onAnswer.mock.calls).toEqual([['new', '张晓']])
    })

    it('clears at once for blank text, asking nothing', async () => {
      const fetcher = vi.fn(async (q: string) => q)
      const onAnswer = vi.fn()
      createSearcher(fetcher, { onAnswer, onError: vi.fn() }, 250).schedule('   ')
      await vi.runAllTimersAsync()
      expect(fetcher).not.toHaveBeenCalled()
      expect(onAnswer).toHaveBeenCalledWith(null, '')
    })
  })
})

describe('GlobalSearchBox', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.useRealTimers()
  })

  async function mounted() {
    vi.useFakeTimers()
    const { calls } = mockFetch({ '/api/v1/search/': { status: 200, body: { groups: GROUPS } } })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: {} }] })
    await router.push('/')
    const wrapper = mount(GlobalSearchBox, {
      props: { floating: true },
      global: { plugins: [ElementPlus, i18n, router] },
      attachTo: document.body,
    })
    const input = wrapper.get('[data-test="global-search-input"]')
    ;(input.element as HTMLInputElement).focus()
    await input.setValue('名')
    await vi.advanceTimersByTimeAsync(250)
    await flushPromises()
    return { wrapper, input, router, calls }
  }

  it('shows the groups with headings, totals and a "more" link, in one request', async () => {
    const { wrapper, calls } = await mounted()
    expect(calls).toHaveLength(1)
    expect(calls[0].url).toContain('q=%E5%90%8D')
    const groups = wrapper.findAll('[data-test="global-search-group"]')
    expect(groups.map((g) => g.attributes('data-kind'))).toEqual(['students', 'companies'])
    expect(groups[0].get('[data-test="global-search-total"]').text()).toBe('7 条')
    expect(wrapper.get('[data-test="global-search-more"]').text()).toBe('查看全部 7 条')
    wrapper.unmount()
  })

  it('moves with the arrow keys and opens the active line with Enter', async () => {
    const { wrapper, input, router } = await mounted()
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowDown' })
    await input.trigger('keydown', { key: 'ArrowDown' })
    const active = wrapper.get('.is-active')
    expect(active.attributes('data-test')).toBe('global-search-more')
    expect(input.attributes('aria-activedescendant')).toBe(active.attributes('id'))
    await input.trigger('keydown', { key: 'ArrowUp' })
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/students/2')
    expect(wrapper.emitted('navigated')).toHaveLength(1)
    wrapper.unmount()
  })
})
