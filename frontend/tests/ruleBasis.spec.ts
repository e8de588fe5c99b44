import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import RuleBasis from '@/components/RuleBasis.vue'
import { i18n } from '@/locales'
import { useAuthStore } from '@/stores/auth'
import type { Me } from '@/api/types'
import { mockFetch } from './helpers'

const TABLE = [
  {
    key: 'fees',
    article: null,
    citation: '《职业学校学生实习管理规定》',
    clause: '不得收取押金。',
    source: 'regulation',
  },
  {
    key: 'pay',
    article: 18,
    citation: '《职业学校学生实习管理规定》第十八条',
    clause: '实习报酬不低于80%。',
    source: 'regulation',
  },
]
// As GET /api/v1/regulation/ answers a student of an ordinary undergraduate university: the checks that follow the
// student's school are its own policy, under one citation.
const POLICY = '本平台政策（学校实习政策）'
const UNIVERSITY_TABLE = [
  {
    key: 'age',
    article: null,
    citation: POLICY,
    clause: '未满16周岁的学生不得参加岗位实习。',
    source: 'platform_policy',
  },
  {
    key: 'first_year',
    article: null,
    citation: POLICY,
    clause: '一年级学生不得参加岗位实习。',
    source: 'platform_policy',
  },
  TABLE[1],
]

function render(props: Record<string, unknown>, pinia: Pinia = createPinia()) {
  return mount(RuleBasis, { props, global: { plugins: [i18n, pinia] } })
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

  it("says a university's check is its own placement policy, not the regulation, without guessing the clause", async () => {
    mockFetch({ '/api/v1/regulation/': { status: 200, body: UNIVERSITY_TABLE } })
    const pinia = createPinia()
    setActivePinia(pinia)
    useAuthStore().me = { id: 7 } as Me // the table is loaded per signed-in user: theirs, not the one cached above
    const link = render({ message: `${POLICY}：一年级不得参加岗位实习。` }, pinia)
    await flushPromises()
    const basis = link.find('[data-test="rule-basis"]')
    expect(basis.attributes('data-source')).toBe('platform_policy')
    expect(basis.attributes('data-article')).toBe('')
    await basis.trigger('click')
    await flushPromises()
    expect(document.body.querySelector('[data-test="rule-basis-policy"]')).not.toBeNull()
  })

  it('uses the basis the API sent with an item without asking again', async () => {
    const { calls } = mockFetch({})
    const link = render({ basis: TABLE[0] })
    await flushPromises()
    expect(link.find('[data-test="rule-basis"]').attributes('data-article')).toBe('')
    expect(calls).toHaveLength(0)
  })
})
