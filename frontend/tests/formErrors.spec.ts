/* eslint-disable vue/one-component-per-file -- each case mounts its own small host form */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, reactive } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ElForm, ElInput } from 'element-plus'
import { ApiError } from '@/api/http'
import { mapApiErrors, useFormErrors } from '@/components/formErrors'
import FormField from '@/components/FormField.vue'
import FormErrors from '@/components/FormErrors.vue'
import { i18n } from '@/locales'
import { mockFetch } from './helpers'

// FormField's citation link (RuleBasis) reads the signed-in user's school from the auth store
beforeEach(() => setActivePinia(createPinia()))

const apiError = (fields: Record<string, string[]>, detail = '输入有误，请检查标出的字段。') =>
  new ApiError(400, { status: 400, code: 'invalid', detail, fields })

describe('mapApiErrors', () => {
  it('puts known fields next to their field and the rest in the general list', () => {
    const mapped = mapApiErrors(
      apiError({ credit_code: ['校验位不正确'], non_field_errors: ['名称已存在'], secret: ['x'] }),
      ['name', 'credit_code'],
    )
    expect(mapped.fields).toEqual({ credit_code: '校验位不正确' })
    expect(mapped.general).toEqual(['名称已存在', 'x'])
  })

  it('joins several messages and maps nested keys to their parent field', () => {
    const mapped = mapApiErrors(apiError({ 'address.city': ['必填'], capacity: ['必须为整数', '不能为负数'] }), [
      'address',
      'capacity',
    ])
    expect(mapped.fields).toEqual({ address: '必填', capacity: '必须为整数 不能为负数' })
    expect(mapped.general).toEqual(['输入有误，请检查标出的字段。'])
  })

  it("says allauth's message once: next to its field, not again above the form", () => {
    const err = new ApiError(400, {
      status: 400,
      errors: [{ message: '您输入的电话号码和/或密码不正确。', code: 'phone_password_mismatch', param: 'password' }],
    })
    const mapped = mapApiErrors(err, ['identifier', 'password'])
    expect(mapped.fields).toEqual({ password: '您输入的电话号码和/或密码不正确。' })
    expect(mapped.general).toEqual([])
  })

  it('applies aliases (allauth "email"/"phone" -> the one identifier field)', () => {
    const err = new ApiError(400, { status: 400, errors: [{ message: '账号或密码不正确', param: 'email' }] })
    expect(mapApiErrors(err, ['identifier'], { email: 'identifier' }).fields).toEqual({
      identifier: '账号或密码不正确',
    })
  })

  it("keeps an import's failed rows for the form's table, beside the detail", () => {
    const err = new ApiError(400, {
      status: 400,
      code: 'invalid_rows',
      detail: '有 1 行有误，未导入任何数据。',
      row_errors: [{ row: 3, field: 'credit_code', header: '统一社会信用代码', message: '校验位不正确' }],
    })
    const mapped = mapApiErrors(err, [])
    expect(mapped.rows).toEqual([{ row: 3, field: 'credit_code', header: '统一社会信用代码', message: '校验位不正确' }])
    expect(mapped.general).toEqual(['有 1 行有误，未导入任何数据。'])
    expect(mapApiErrors(apiError({ name: ['必填'] }), ['name']).rows).toEqual([])
  })

  it('shows the detail when there are no field errors, and plain errors as messages', () => {
    expect(mapApiErrors(new ApiError(409, { status: 409, detail: '名额已满' }), ['x']).general).toEqual(['名额已满'])
    expect(mapApiErrors(new Error('boom'), []).general).toEqual(['boom'])
  })
})

describe('FormField + useFormErrors', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows an API field error under the right field with a test hook', async () => {
    const Host = defineComponent({
      setup() {
        const form = reactive({ name: '', credit_code: '' })
        const fe = useFormErrors(['name', 'credit_code'])
        return { form, fe }
      },
      render() {
        return h(ElForm, { model: this.form }, () => [
          h(FormField, { label: '企业名称', name: 'name', id: 'f-name', error: this.fe.errors.fields.name }, () =>
            h(ElInput, { id: 'f-name', modelValue: this.form.name }),
          ),
          h(
            FormField,
            { label: '统一社会信用代码', name: 'credit_code', id: 'f-cc', error: this.fe.errors.fields.credit_code },
            () => h(ElInput, { id: 'f-cc', modelValue: this.form.credit_code }),
          ),
          h(FormErrors, { messages: this.fe.errors.general }),
        ])
      },
    })
    // a field error carries its 依据 link (RuleBasis): it speaks the app's language and asks for the regulation
    mockFetch({ '/api/v1/regulation/': { status: 200, body: [] } })
    const wrapper = mount(Host, { attachTo: document.body, global: { plugins: [i18n] } })
    expect(wrapper.find('[data-test="field-error-credit_code"]').exists()).toBe(false)

    ;(wrapper.vm as unknown as { fe: ReturnType<typeof useFormErrors> }).fe.set(
      apiError({ credit_code: ['统一社会信用代码校验位不正确'], non_field_errors: ['该企业已存在'] }),
    )
    await nextTick()
    // ElFormItem debounces its error state (100 ms)
    await new Promise((r) => setTimeout(r, 250))

    const error = wrapper.find('[data-test="field-error-credit_code"]')
    expect(error.exists()).toBe(true)
    expect(error.text()).toBe('统一社会信用代码校验位不正确')
    // it sits inside the credit_code form item, not the name one
    const item = error.element.closest('.el-form-item')!
    expect(item.querySelector('label')!.getAttribute('for')).toBe('f-cc')
    expect(item.querySelector('input')!.id).toBe('f-cc')
    expect(wrapper.find('[data-test="field-error-name"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="form-errors"]').text()).toContain('该企业已存在')
    wrapper.unmount()
  })
})

describe('useFormErrors().submit', () => {
  it('runs the action only when the form is valid, sets saving meanwhile and maps API errors', async () => {
    const { submit, saving, errors } = useFormErrors(['name'])
    const invalid = { validate: () => Promise.reject(new Error('invalid')) }
    let ran = false
    expect(
      await submit(invalid, async () => {
        ran = true
      }),
    ).toBe(false)
    expect(ran).toBe(false)

    const valid = { validate: () => Promise.resolve(true) }
    let seen = false
    expect(
      await submit(valid, async () => {
        seen = saving.value
      }),
    ).toBe(true)
    expect(seen).toBe(true)
    expect(saving.value).toBe(false)

    const failing = async () => {
      throw new ApiError(400, { status: 400, code: 'invalid', detail: 'bad', fields: { name: ['必填'] } })
    }
    expect(await submit(valid, failing)).toBe(false)
    expect(errors.fields.name).toContain('必填')
  })

  it('runs onError after the API error is mapped, and only when the action failed', async () => {
    const { submit, errors } = useFormErrors(['name'])
    const seen: string[] = []
    const onError = () => seen.push(errors.fields.name ?? '')
    await submit(null, async () => undefined, { onError })
    expect(seen).toEqual([])
    await submit(
      null,
      async () => {
        throw new ApiError(400, { status: 400, code: 'invalid', detail: 'bad', fields: { name: ['必填'] } })
      },
      { onError },
    )
    expect(seen).toEqual(['必填'])
  })

  it('checks written in code stop the save and show their messages under the fields', async () => {
    const { submit, checks, errors, saving } = useFormErrors(['name', 'code'])
    let ran = false
    const action = async () => {
      ran = true
    }
    expect(await submit(checks({ name: '必填', code: undefined }), action)).toBe(false)
    expect(ran).toBe(false)
    expect(saving.value).toBe(false)
    expect(errors.fields).toEqual({ name: '必填' })

    expect(await submit(checks({ name: '', code: undefined }), action)).toBe(true)
    expect(ran).toBe(true)
    expect(errors.fields).toEqual({})
  })
})

describe('a refused save brings its first error into sight', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  const mountForm = (fe: ReturnType<typeof useFormErrors>) => {
    const Host = defineComponent({
      setup: () => ({ fe }),
      render() {
        return h(ElForm, { model: {} }, () => [
          h(FormErrors, { messages: this.fe.errors.general }),
          h(FormField, { label: '企业名称', name: 'name', id: 'r-name', error: this.fe.errors.fields.name }, () =>
            h(ElInput, { id: 'r-name', modelValue: '' }),
          ),
          h(FormField, { label: '地址', name: 'address', id: 'r-addr', error: this.fe.errors.fields.address }, () =>
            h(ElInput, { id: 'r-addr', modelValue: '' }),
          ),
        ])
      },
    })
    mockFetch({ '/api/v1/regulation/': { status: 200, body: [] } })
    return mount(Host, { attachTo: document.body, global: { plugins: [i18n] } })
  }

  it('scrolls to and focuses the first field, in page order, that the API refused', async () => {
    const scrolled: Element[] = []
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this)
    }
    const fe = useFormErrors(['name', 'address'])
    const wrapper = mountForm(fe)
    await fe.submit(null, async () => {
      throw apiError({ address: ['必填'], name: ['已存在'] })
    })
    expect(scrolled).toHaveLength(1)
    expect((scrolled[0] as HTMLElement).dataset.formField).toBe('name')
    expect(document.activeElement?.id).toBe('r-name')
    wrapper.unmount()
  })

  it('scrolls to the form-level alert when no field explains the failure', async () => {
    const scrolled: Element[] = []
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this)
    }
    const fe = useFormErrors(['name', 'address'])
    const wrapper = mountForm(fe)
    await fe.submit(null, async () => {
      throw apiError({}, '服务器繁忙')
    })
    expect(scrolled).toHaveLength(1)
    expect(scrolled[0].getAttribute('data-test')).toBe('form-errors')
    wrapper.unmount()
  })
})
