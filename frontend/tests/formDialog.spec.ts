import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, reactive, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { ElInput } from 'element-plus'
import FormDialog from '@/components/FormDialog.vue'
import FormField from '@/components/FormField.vue'
import { requiredRules } from '@/views/certificates/certUtil'
import { i18n } from '@/locales'
import { mockFetch } from './helpers'

const settle = () => new Promise((r) => setTimeout(r, 250)) // ElFormItem shows a failure after 100 ms

describe('FormDialog', () => {
  it('opens clean for the next item: blanking the model before opening shows no "required" under its fields', async () => {
    mockFetch({ '/api/v1/regulation/': { status: 200, body: [] } })
    const Host = defineComponent({
      setup() {
        const open = ref(false)
        const form = reactive({ name: '' })
        const rules = requiredRules(['name'], () => '请填写此项')
        // what a list page does for "new": blank the model, then open
        const openNew = () => {
          form.name = ''
          open.value = true
        }
        return { open, form, rules, openNew }
      },
      render() {
        return h(
          FormDialog,
          {
            modelValue: this.open,
            'onUpdate:modelValue': (v: boolean) => (this.open = v),
            title: '新建',
            messages: [],
            submitLabel: '保存',
            submitTest: 'save',
            model: this.form,
            rules: this.rules,
          },
          () =>
            h(FormField, { label: '名称', name: 'name', id: 'f-name' }, () =>
              h(ElInput, {
                id: 'f-name',
                modelValue: this.form.name,
                'onUpdate:modelValue': (v: string) => (this.form.name = v),
              }),
            ),
        )
      },
    })
    const wrapper = mount(Host, { attachTo: document.body, global: { plugins: [i18n] } })
    const vm = wrapper.vm as unknown as { open: boolean; form: { name: string }; openNew: () => void }
    // a field in error: red (is-error) with its message under it
    const errors = () => document.body.querySelectorAll('.el-form-item.is-error, .el-form-item__error').length

    vm.openNew()
    await nextTick()
    vm.form.name = '第一项' // typed, saved, closed
    await settle()
    vm.open = false
    await settle()

    vm.openNew() // the rule's 'change' trigger fires on the blanked name
    await settle()
    expect(errors()).toBe(0)
    wrapper.unmount()
    vi.unstubAllGlobals()
  })
})
