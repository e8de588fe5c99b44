import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import en from 'element-plus/es/locale/lang/en'
import { i18n, LOCALE_STORAGE_KEY, storedLocale, type AppLocale } from '@/locales'
import { acceptLanguage, setLocaleSource } from '@/api/http'

/** The interface language: vue-i18n, Element Plus, <html lang>, Accept-Language, remembered in localStorage. */
export const useUiStore = defineStore('ui', () => {
  const locale = ref<AppLocale>(storedLocale())

  const elLocale = computed(() => (locale.value === 'en-US' ? en : zhCn))
  const apiLanguage = computed(() => acceptLanguage(locale.value))

  function apply(value: AppLocale) {
    i18n.global.locale.value = value
    document.documentElement.lang = value
  }

  function setLocale(value: AppLocale) {
    locale.value = value
    apply(value)
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, value)
    } catch {
      /* storage blocked: still switch for this visit */
    }
  }

  function toggleLocale() {
    setLocale(locale.value === 'zh-CN' ? 'en-US' : 'zh-CN')
  }

  setLocaleSource(() => locale.value)
  apply(locale.value)

  return { locale, elLocale, apiLanguage, setLocale, toggleLocale }
})
