import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import RuleBasis from '@/components/RuleBasis.vue'
import { i18n } from '@/locales'
import { mockFetch } from './helpers'

const TABLE = [
  { key: 'fees', article: null, citation: '《职业学校学生实习管理规定》', clause: '不得收取押金。' },
  { key: 'pay', article: 18, citation: '《职业学校学生实习管理规定》第十八条', clause: '实习报酬不低于80%。' },
]

function render(props: Record<string, unknown>) {
  return mount(RuleBasis, { props, global: { plugins: [i18n] } })
}

describe('the 依据 link next to a message that cites the regulation', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('finds the longest citation a message starts with: the article, not the bare name', async () => {
    mockFetch({ '/api/v1/regulation/': { status: 200, body: TABLE } })
    const link = render({ message: '《职业学校学生实习管理规定》第十八条：实习报酬至少按月支付。' })
    await flushPromises()
    const basis = link.find('[data-test="rule-basis"]')
    expect(basis.exists()).toBe(true)
    expect(basis.attributes('data-article')).toBe('18')
  })

  it('shows nothing for a message that cites nothing', async () => {
    mockFetch({ '/api/v1/regulation/': { status: 200, body: TABLE } })
    const link = render({ message: '结束日期不能早于开始日期。' })
    await flushPromises()
    expect(link.find('[data-test="rule-basis"]').exists()).toBe(false)
  })

  it('uses the basis the API sent with an item without asking again', async () => {
    const { calls } = mockFetch({})
    const link = render({ basis: TABLE[0] })
    await flushPromises()
    expect(link.find('[data-test="rule-basis"]').attributes('data-article')).toBe('')
    expect(calls).toHaveLength(0)
  })
})
