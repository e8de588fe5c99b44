import { describe, expect, it } from 'vitest'
import { addItem, dropIndex, moveDown, moveTo, moveUp, removeAt } from '@/utils/reorder'

describe('reorder helpers', () => {
  const list = [10, 20, 30, 40]

  it('moves an item up and down without touching the input', () => {
    expect(moveUp(list, 2)).toEqual([10, 30, 20, 40])
    expect(moveDown(list, 1)).toEqual([10, 30, 20, 40])
    expect(list).toEqual([10, 20, 30, 40])
  })

  it('leaves the list as is at the edges and for bad indexes', () => {
    expect(moveUp(list, 0)).toEqual(list)
    expect(moveDown(list, 3)).toEqual(list)
    expect(moveUp(list, -1)).toEqual(list)
    expect(moveDown(list, 9)).toEqual(list)
    expect(moveTo(list, 7, 0)).toEqual(list)
    expect(moveUp(list, 0)).not.toBe(list)
  })

  it('moves to an index, clamped to the list', () => {
    expect(moveTo(list, 0, 3)).toEqual([20, 30, 40, 10])
    expect(moveTo(list, 3, 0)).toEqual([40, 10, 20, 30])
    expect(moveTo(list, 1, 99)).toEqual([10, 30, 40, 20])
    expect(moveTo(list, 2, -5)).toEqual([30, 10, 20, 40])
    expect(moveTo(list, 2, 2)).toEqual(list)
  })

  it('adds at the end, once, up to a maximum', () => {
    expect(addItem(list, 50)).toEqual({ list: [10, 20, 30, 40, 50], added: true })
    expect(addItem(list, 20)).toEqual({ list, added: false })
    expect(addItem(list, 50, 4)).toEqual({ list, added: false })
    expect(addItem([], 1, 1)).toEqual({ list: [1], added: true })
  })

  it('removes by index', () => {
    expect(removeAt(list, 0)).toEqual([20, 30, 40])
    expect(removeAt(list, 3)).toEqual([10, 20, 30])
    expect(removeAt(list, 4)).toEqual(list)
  })

  it('computes where a drop lands', () => {
    // drag 10 (0) onto the lower half of 30 (2): after 30
    expect(moveTo(list, 0, dropIndex(0, 2, true))).toEqual([20, 30, 10, 40])
    // drag 10 onto the upper half of 30: before 30
    expect(moveTo(list, 0, dropIndex(0, 2, false))).toEqual([20, 10, 30, 40])
    // drag 40 (3) onto the upper half of 20 (1)
    expect(moveTo(list, 3, dropIndex(3, 1, false))).toEqual([10, 40, 20, 30])
    // drag 40 onto the lower half of 10 (0)
    expect(moveTo(list, 3, dropIndex(3, 0, true))).toEqual([10, 40, 20, 30])
    // dropping on itself changes nothing
    expect(moveTo(list, 1, dropIndex(1, 1, true))).toEqual(list)
    expect(moveTo(list, 1, dropIndex(1, 1, false))).toEqual(list)
  })
})
