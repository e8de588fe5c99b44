import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useUiStore } from '@/stores/ui'
import { i18n } from '@/locales'
import { http } from '@/api/http'
import { mockFetch } from './helpers'

describe('ui store (language)', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })
  afterEach(() => vi.unstubAllGlobals())

  it('defaults to Chinese', () => {
    const ui = useUiStore()
    expect(ui.locale).toBe('zh-CN')
    expect(ui.apiLanguage).toBe('zh-hans')
    expect(i18n.global.t('common.nav.home')).toBe('首页')
    expect(ui.elLocale.name).toBe('zh-cn')
  })

  it('switches to English, remembers it, and sends Accept-Language: en', async () => {
    const ui = useUiStore()
    ui.setLocale('en-US')
    expect(localStorage.getItem('locale')).toBe('en-US')
    expect(i18n.global.t('common.nav.home')).toBe('Home')
    expect(document.documentElement.lang).toBe('en-US')
    expect(ui.elLocale.name).toBe('en')
    const { calls } = mockFetch({ '/api/v1/choices/': { status: 200, body: {} } })
    await http.get('/api/v1/choices/')
    expect(calls[0].headers['Accept-Language']).toBe('en')
  })

  it('restores the remembered language on the next visit', () => {
    localStorage.setItem('locale', 'en-US')
    const ui = useUiStore()
    expect(ui.locale).toBe('en-US')
    expect(i18n.global.locale.value).toBe('en-US')
    ui.toggleLocale()
    expect(ui.locale).toBe('zh-CN')
    expect(localStorage.getItem('locale')).toBe('zh-CN')
  })

  it('ignores a junk stored value', () => {
    localStorage.setItem('locale', 'fr')
    expect(useUiStore().locale).toBe('zh-CN')
  })
})
