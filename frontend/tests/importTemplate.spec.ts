import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import ImportPanel from '@/components/ImportPanel.vue'
import { i18n } from '@/locales'
import { useUiStore } from '@/stores/ui'
import { mockFetch } from './helpers'

/* The import template's headers and notes are in the language of the app's switch: the browser may ask for
   another (a Chinese page on an English browser), so the template is fetched with the app's Accept-Language. */
describe('import template link', () => {
  let saved: string[]
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
    saved = []
    vi.stubGlobal('URL', { ...URL, createObjectURL: () => 'blob:template', revokeObjectURL: () => undefined })
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download)
    })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
    useUiStore().setLocale('zh-CN')
  })

  it.each([
    ['zh-CN', 'zh-hans'],
    ['en-US', 'en'],
  ] as const)('asks for the template in the app language (%s)', async (locale, header) => {
    useUiStore().setLocale(locale)
    const { calls } = mockFetch({ '/api/v1/imports/students/template/': { status: 200, body: 'xlsx' } })
    const wrapper = mount(ImportPanel, { props: { kind: 'students' }, global: { plugins: [i18n, ElementPlus] } })
    await wrapper.find('[data-test="import-template"]').trigger('click')
    await flushPromises()
    expect(calls).toHaveLength(1)
    expect(calls[0].url).toContain('/api/v1/imports/students/template/')
    expect(calls[0].headers['Accept-Language']).toBe(header)
    expect(saved).toEqual(['students-template.xlsx'])
  })

  it('says in the page language when the template cannot be fetched', async () => {
    useUiStore().setLocale('zh-CN')
    mockFetch({
      '/api/v1/imports/students/template/': { status: 403, body: { status: 403, code: 'x', detail: '无权限' } },
    })
    const wrapper = mount(ImportPanel, { props: { kind: 'students' }, global: { plugins: [i18n, ElementPlus] } })
    await wrapper.find('[data-test="import-template"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="import-template-error"]').text()).toContain('无权限')
    expect(saved).toEqual([])
  })
})
