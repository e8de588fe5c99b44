import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/* A phone with a notch: the page reaches under the status bar and the home indicator only with viewport-fit=cover,
   and then the header, the student's tab bar and the sign-in page pad themselves by the safe-area insets.
   Chromium cannot emulate the insets, so this reads the rules themselves. */
const read = (path: string) => readFileSync(resolve(__dirname, '..', path), 'utf8')
const rule = (css: string, selector: string) => {
  const start = css.indexOf(`${selector} {`)
  expect(start, `${selector} has a rule`).toBeGreaterThanOrEqual(0)
  return css.slice(start, css.indexOf('}', start))
}

describe('safe areas on a phone', () => {
  it('lets the page cover the whole screen', () => {
    expect(read('index.html')).toMatch(/name="viewport" content="[^"]*viewport-fit=cover/)
  })

  it('keeps the header clear of the notch and the tab bar clear of the home indicator', () => {
    const layout = read('src/components/AppLayout.vue')
    const header = rule(layout, '.app-header')
    expect(header).toContain('env(safe-area-inset-top')
    expect(header).toContain('env(safe-area-inset-left')
    expect(header).toContain('env(safe-area-inset-right')
    expect(rule(layout, '.tab-bar')).toContain('env(safe-area-inset-bottom')
    expect(rule(layout, '.app-layout--tabs .app-main')).toContain('env(safe-area-inset-bottom')
  })

  it('keeps the sign-in pages, the loading shell and the staff drawer clear of the notch', () => {
    expect(rule(read('src/components/AuthLayout.vue'), '.auth-layout__header')).toContain('env(safe-area-inset-top')
    expect(rule(read('index.html'), '.boot__header')).toContain('env(safe-area-inset-top')
    expect(rule(read('src/styles/main.css'), '.nav-drawer.el-drawer')).toContain('env(safe-area-inset-top')
  })
})
