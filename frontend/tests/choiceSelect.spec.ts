import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ElOption, ElSelect } from 'element-plus'
import ChoiceSelect from '@/components/ChoiceSelect.vue'
import { mockFetch } from './helpers'

const CHOICES = {
  districts: [
    { value: 'jiangan', label: '江岸区' },
    { value: 'wuchang', label: '武昌区' },
  ],
  zones: [{ value: 'wedz', label: '武汉经开区' }],
}

describe('ChoiceSelect', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => vi.unstubAllGlobals())

  it('offers one list of the choices API and passes v-model, id and test hook to the select', async () => {
    mockFetch({ '/api/v1/choices/': { status: 200, body: CHOICES } })
    const updates: unknown[] = []
    const wrapper = mount(ChoiceSelect, {
      props: { kind: 'districts' },
      attrs: {
        id: 'f-district',
        modelValue: 'wuchang',
        clearable: true,
        'data-test': 'f-district',
        'onUpdate:modelValue': (v: unknown) => updates.push(v),
      },
      attachTo: document.body,
    })
    await flushPromises()
    const select = wrapper.findComponent(ElSelect)
    expect(wrapper.attributes('data-test')).toBe('f-district')
    expect(select.props('modelValue')).toBe('wuchang')
    expect(select.props('id')).toBe('f-district')
    expect(wrapper.findAllComponents(ElOption).map((o) => o.props('label'))).toEqual(['江岸区', '武昌区'])
    select.vm.$emit('update:modelValue', 'jiangan')
    expect(updates).toEqual(['jiangan'])
    wrapper.unmount()
  })
})
