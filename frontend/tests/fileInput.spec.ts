import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import FileInput from '@/components/FileInput.vue'
import { acceptedTypes, fileMatches, formatBytes } from '@/components/fileInput'
import { i18n } from '@/locales'

const SCAN = 'application/pdf,image/jpeg,image/png'

function render(props: Record<string, unknown> = {}) {
  return mount(FileInput, {
    props: { id: 'scan', modelValue: null, accept: SCAN, maxBytes: 1024, dataTest: 'scan', ...props },
    global: { plugins: [i18n, ElementPlus] },
  })
}

/** Sets files on the hidden native input as a chooser (or Playwright's set_input_files) would. */
function choose(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
}

describe('the file picker', () => {
  it('names the accepted types as people do', () => {
    expect(acceptedTypes(SCAN)).toEqual(['PDF', 'JPG', 'PNG'])
    expect(acceptedTypes('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,.csv')).toEqual([
      'XLSX',
      'CSV',
    ])
  })

  it('matches a file by its extension or its type', () => {
    expect(fileMatches({ name: 'a.XLSX', type: '' }, '.xlsx')).toBe(true)
    expect(fileMatches({ name: 'a.xls', type: 'application/vnd.ms-excel' }, '.xlsx')).toBe(false)
    expect(fileMatches({ name: 'scan', type: 'image/png' }, 'image/*')).toBe(true)
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB')
  })

  it('keeps a real file input with the id its label points at and the test hook, described by the limits', () => {
    const picker = render()
    const input = picker.get('input[type="file"][data-test="scan"]')
    expect(input.attributes('id')).toBe('scan')
    expect(picker.get('label[for="scan"]').text()).not.toBe('')
    const limits = picker.get(`#${input.attributes('aria-describedby')}`)
    expect(limits.text()).toContain('PDF')
    expect(limits.text()).toContain('1 KB')
  })

  it('passes a fitting file up and shows its name with a button that removes it', async () => {
    const picker = render()
    const file = new File(['%PDF'], '三方协议.pdf', { type: 'application/pdf' })
    choose(picker.get('[data-test="scan"]').element as HTMLInputElement, file)
    expect(picker.emitted('update:modelValue')![0]).toEqual([file])
    await picker.setProps({ modelValue: file })
    expect(picker.get('[data-test="scan-chosen"]').text()).toContain('三方协议.pdf')
    await picker.get('[data-test="scan-clear"]').trigger('click')
    expect(picker.emitted('update:modelValue')![1]).toEqual([null])
  })

  it('refuses a file of another type or over the limit, and says why', async () => {
    const picker = render()
    const input = picker.get('[data-test="scan"]').element as HTMLInputElement
    choose(input, new File(['x'], 'notes.docx', { type: 'application/msword' }))
    await picker.vm.$nextTick()
    expect(picker.emitted('update:modelValue')![0]).toEqual([null])
    expect(picker.get('[data-test="scan-rejected"]').text()).toContain('notes.docx')
    choose(input, new File([new Uint8Array(2048)], 'big.png', { type: 'image/png' }))
    await picker.vm.$nextTick()
    expect(picker.emitted('update:modelValue')![1]).toEqual([null])
    expect(picker.get('[data-test="scan-rejected"]').text()).toContain('1 KB')
  })
})
