import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import enUS from './en-US'

export type AppLocale = 'zh-CN' | 'en-US'
export const LOCALES: AppLocale[] = ['zh-CN', 'en-US']
export const LOCALE_STORAGE_KEY = 'locale'

export type MessageSchema = typeof zhCN

export function storedLocale(): AppLocale {
  try {
    const v = localStorage.getItem(LOCALE_STORAGE_KEY)
    if (v && (LOCALES as string[]).includes(v)) return v as AppLocale
  } catch {
    /* storage blocked: use the default */
  }
  return 'zh-CN'
}

export const messages = { 'zh-CN': zhCN, 'en-US': enUS }

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages,
})
