import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { ElMessage, ElMessageBox } from 'element-plus/es'
import { ApiError } from '@/api/http'
import { askFirst, errorMessage, useAction, type ActionOptions } from '@/composables/useAction'
import { i18n } from '@/locales'

const conflict = new ApiError(409, {
  status: 409,
  code: 'session_full',
  detail: '考试名额已满。',
  fields: { session: ['请另选一场。'] },
})

/** useAction inside a component (it reads the language for its confirm box). */
function withAction<K>(defaults: ActionOptions = {}) {
  let handle!: ReturnType<typeof useAction<K>>
  const Host = defineComponent({
    setup() {
      handle = useAction<K>(defaults)
      return () => h('div')
    },
  })
  const wrapper = mount(Host, { global: { plugins: [i18n] } })
  return { ...handle, wrapper }
}

describe('errorMessage', () => {
  it("says the API's detail and the field messages an action has no field for", () => {
    expect(errorMessage(conflict)).toBe('考试名额已满。 请另选一场。')
  })

  it('says a message once when the detail repeats it, and the message of any other error', () => {
    const same = new ApiError(400, { status: 400, detail: '已撤回。', fields: { non_field_errors: ['已撤回。'] } })
    expect(errorMessage(same)).toBe('已撤回。')
    expect(errorMessage(new Error('offline'))).toBe('offline')
  })
})

describe('useAction', () => {
  afterEach(() => vi.restoreAllMocks())

  it('marks the running key busy, toasts the success and frees the key', async () => {
    const success = vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close() {} }))
    const { busy, run } = withAction<number>()
    let seen: number | null = null
    const ok = await run(
      7,
      async () => {
        seen = busy.value
      },
      { success: '已确认' },
    )
    expect(ok).toBe(true)
    expect(seen).toBe(7)
    expect(busy.value).toBeNull()
    expect(success).toHaveBeenCalledWith('已确认')
  })

  it('toasts a failure with its message, wrapped when the page says how, and runs onError', async () => {
    const failed = vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close() {} }))
    const onError = vi.fn()
    const { busy, error, run } = withAction<string>({ failureText: (msg) => `导出失败：${msg}` })
    const ok = await run('xlsx', () => Promise.reject(conflict), { onError })
    expect(ok).toBe(false)
    expect(busy.value).toBeNull()
    expect(failed).toHaveBeenCalledWith('导出失败：考试名额已满。 请另选一场。')
    expect(onError).toHaveBeenCalledWith(conflict)
    expect(error.value).toBe('')
  })

  it('puts a failure in `error` for an alert instead of a toast, and clears it on the next run', async () => {
    const failed = vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close() {} }))
    const { error, run } = withAction({ failure: 'inline' })
    await run(true, () => Promise.reject(conflict))
    expect(error.value).toBe('考试名额已满。 请另选一场。')
    expect(failed).not.toHaveBeenCalled()
    await run(true, async () => {})
    expect(error.value).toBe('')
  })

  it('asks first when told to, and runs nothing when the user cancels', async () => {
    const ask = vi
      .spyOn(ElMessageBox, 'confirm')
      .mockRejectedValueOnce('cancel')
      .mockResolvedValueOnce({ action: 'confirm' } as never)
    const action = vi.fn(async () => {})
    const { run } = withAction()
    const confirm = { message: '确定撤回？', title: '撤回' }
    expect(await run(true, action, { confirm })).toBe(false)
    expect(action).not.toHaveBeenCalled()
    expect(await run(true, action, { confirm })).toBe(true)
    expect(action).toHaveBeenCalledOnce()
    expect(ask).toHaveBeenCalledWith('确定撤回？', '撤回', expect.objectContaining({ type: 'warning' }))
  })

  it("asks with the action's own button and kind when given", async () => {
    const ask = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValueOnce({ action: 'confirm' } as never)
    expect(await askFirst({ message: '移出张三？', title: '移出', button: '移出', type: 'info' })).toBe(true)
    expect(ask).toHaveBeenCalledWith(
      '移出张三？',
      '移出',
      expect.objectContaining({ confirmButtonText: '移出', type: 'info' }),
    )
  })
})
