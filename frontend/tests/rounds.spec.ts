import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'
import OrderedList from '@/views/rounds/OrderedList.vue'
import RoundExplanation from '@/views/rounds/RoundExplanation.vue'
import { nextStep, percent, timeLeft } from '@/views/rounds/roundUtil'
import type { MatchRound } from '@/api/rounds'

const plugins = [i18n, ElementPlus]

describe('OrderedList', () => {
  const Host = defineComponent({
    setup() {
      const ids = ref([7, 8, 9])
      return () =>
        h(OrderedList, {
          modelValue: ids.value,
          'onUpdate:modelValue': (v: number[]) => (ids.value = v),
          prefix: 'rank',
          idAttr: 'data-slot-id',
          label: (id: number) => `slot ${id}`,
          removable: true,
        })
    },
  })
  const order = (w: ReturnType<typeof mount>) =>
    w.findAll('[data-test="rank-item"]').map((e) => e.attributes('data-slot-id'))

  it('moves with the up / down buttons and removes', async () => {
    const w = mount(Host, { global: { plugins }, attachTo: document.body })
    expect(order(w)).toEqual(['7', '8', '9'])
    await w.findAll('[data-test="rank-item"]')[2].find('[data-test="rank-up"]').trigger('click')
    expect(order(w)).toEqual(['7', '9', '8'])
    await w.findAll('[data-test="rank-item"]')[0].find('[data-test="rank-down"]').trigger('click')
    expect(order(w)).toEqual(['9', '7', '8'])
    await w.findAll('[data-test="rank-item"]')[1].find('[data-test="rank-remove"]').trigger('click')
    expect(order(w)).toEqual(['9', '8'])
    // the first cannot go up, the last cannot go down
    const items = w.findAll('[data-test="rank-item"]')
    expect(items[0].find('[data-test="rank-up"]').attributes('disabled')).toBeDefined()
    expect(items[1].find('[data-test="rank-down"]').attributes('disabled')).toBeDefined()
    w.unmount()
  })

  it('moves with Alt+arrow keys on an item', async () => {
    const w = mount(Host, { global: { plugins } })
    await w.findAll('[data-test="rank-item"]')[0].trigger('keydown', { key: 'ArrowDown', altKey: true })
    expect(order(w)).toEqual(['8', '7', '9'])
    await w.findAll('[data-test="rank-item"]')[1].trigger('keydown', { key: 'ArrowDown' })
    expect(order(w)).toEqual(['8', '7', '9'])
  })
})

describe('RoundExplanation', () => {
  it('translates the reason and shows the cutoff and the rank', () => {
    i18n.global.locale.value = 'zh-CN'
    const w = mount(RoundExplanation, {
      global: { plugins },
      props: {
        above: [
          { slot: 1, choice: 1, reason: 'filled_by_higher_priority', capacity: 3, rank: 5, cutoff: 3 },
          { slot: 2, choice: 2, reason: 'no_capacity', capacity: 0, rank: 1, cutoff: null },
        ],
        choice: 3,
        slotTitle: (id: number) => `岗位${id}`,
        perspective: 'student',
      },
    })
    const items = w.findAll('[data-test="explanation-item"]')
    expect(items[0].text()).toContain('第 1 志愿 岗位1：该岗位已录满，录取者优先级均高于你')
    expect(items[0].text()).toContain('录取线：第 3 位；你的排位：第 5 位')
    expect(items[1].attributes('data-reason')).toBe('no_capacity')
    expect(items[1].text()).toContain('该岗位本轮无名额')
  })
})

describe('round helpers', () => {
  it('formats the first-choice share and the time left', () => {
    expect(percent(0.4286)).toBe('42.9%')
    expect(percent(1)).toBe('100%')
    const now = Date.parse('2026-11-25T10:00:00Z')
    expect(timeLeft('2026-11-26T12:30:15Z', now)).toEqual({
      passed: false,
      days: 1,
      hours: 2,
      minutes: 30,
      seconds: 15,
    })
    expect(timeLeft('2026-11-25T09:00:00Z', now).passed).toBe(true)
  })

  it('says what staff should do next', () => {
    const round = (over: Partial<MatchRound>) =>
      ({ status: 'open', preference_deadline: '2026-11-26T00:00:00Z', ran_at: null, ...over }) as MatchRound
    const now = Date.parse('2026-11-25T00:00:00Z')
    expect(nextStep(round({ status: 'draft' }), now)).toBe('draft')
    expect(nextStep(round({}), now)).toBe('open')
    expect(nextStep(round({ preference_deadline: '2026-11-24T00:00:00Z' }), now)).toBe('openExpired')
    expect(nextStep(round({ status: 'closed' }), now)).toBe('closed')
    expect(nextStep(round({ status: 'closed', ran_at: '2026-11-24T00:00:00Z' }), now)).toBe('closedRan')
    expect(nextStep(round({ status: 'published' }), now)).toBe(null)
  })
})
