import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import SlotStatusTag from '@/views/slots/SlotStatusTag.vue'
import { i18n } from '@/locales'

function tag(props: { status: string; full?: boolean; deadlinePassed?: boolean }) {
  return mount(SlotStatusTag, { props, global: { plugins: [i18n, ElementPlus] } }).find('[data-test="slot-status"]')
}

describe('SlotStatusTag', () => {
  it('reads 招募中 only for an open slot that still takes applications', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(tag({ status: 'open' }).text()).toBe('招募中')
  })

  it('reads 报名已截止 for an open slot whose application deadline has passed', () => {
    i18n.global.locale.value = 'zh-CN'
    const shown = tag({ status: 'open', deadlinePassed: true })
    expect(shown.text()).toBe('报名已截止')
    expect(shown.attributes('data-status')).toBe('deadlinePassed')
  })

  it('says a full slot is full before it says its deadline passed, and leaves other statuses alone', () => {
    i18n.global.locale.value = 'zh-CN'
    expect(tag({ status: 'open', full: true, deadlinePassed: true }).text()).toBe('已满')
    expect(tag({ status: 'closed', deadlinePassed: true }).text()).toBe('已截止')
  })

  it('speaks English on an English page', () => {
    i18n.global.locale.value = 'en-US'
    expect(tag({ status: 'open', deadlinePassed: true }).text()).toBe('Applications closed')
    i18n.global.locale.value = 'zh-CN'
  })
})
