/**
 * Pure helpers for ordered lists the user builds (a student's ranked slots, a company's order of applicants).
 * Every function returns a new array and leaves its input alone; out-of-range moves return an unchanged copy.
 */

/** Move the item at `from` to position `to` (clamped to the list). */
export function moveTo<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list]
  if (from < 0 || from >= out.length) return out
  const target = Math.max(0, Math.min(out.length - 1, to))
  if (target === from) return out
  const [item] = out.splice(from, 1)
  out.splice(target, 0, item)
  return out
}

/** One place up (towards the front, i.e. more wanted). */
export const moveUp = <T>(list: readonly T[], index: number): T[] =>
  index > 0 ? moveTo(list, index, index - 1) : [...list]

/** One place down. */
export const moveDown = <T>(list: readonly T[], index: number): T[] =>
  index >= 0 && index < list.length - 1 ? moveTo(list, index, index + 1) : [...list]

/** Append `item` unless it is already there or the list holds `max` items; `added` says whether it was. */
export function addItem<T>(list: readonly T[], item: T, max = Infinity): { list: T[]; added: boolean } {
  if (list.includes(item) || list.length >= max) return { list: [...list], added: false }
  return { list: [...list, item], added: true }
}

/** Remove the item at `index`. */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  if (index < 0 || index >= list.length) return [...list]
  return [...list.slice(0, index), ...list.slice(index + 1)]
}

/**
 * Where a dragged item lands when dropped on the row at `over`: dropping on the upper half of a row puts it
 * before that row, on the lower half after it. Returns the final index for `moveTo(list, from, index)`.
 */
export function dropIndex(from: number, over: number, after: boolean): number {
  let to = after ? over + 1 : over
  if (from < to) to -= 1
  return to
}
