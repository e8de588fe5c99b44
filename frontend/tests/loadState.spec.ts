import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import LoadState from '@/components/LoadState.vue'
import { ApiError } from '@/api/http'
import { i18n } from '@/locales'

function shown(error: unknown) {
  return mount(LoadState, { props: { loading: false, error }, global: { plugins: [i18n, ElementPlus] } })
}

describe('LoadState', () => {
  it.each([403, 404, 409])('offers no 重试 for an answer that a retry gets again (%i)', (status) => {
    const wrapper = shown(new ApiError(status, { status, code: 'x', detail: '本学期已有确定的实习' }))
    expect(wrapper.find('[data-test="load-error"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="load-retry"]').exists()).toBe(false)
  })

  it.each([0, 500, 503])('offers 重试 where the next try may work (%i)', (status) => {
    const wrapper = shown(new ApiError(status, null))
    expect(wrapper.find('[data-test="load-retry"]').exists()).toBe(true)
  })
})
