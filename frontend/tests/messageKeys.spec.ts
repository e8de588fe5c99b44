import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { messages } from '@/locales'

/* Every message key the code names literally (t('a.b'), $t('a.b'), te('a.b'), i18n.global.t('a.b')) exists in
   both languages. vue-i18n shows a missing key as the key itself ("demo.tag" on every generated record's tag
   went unnoticed), so a wrong path is caught here rather than by a user. Keys built at run time (template
   strings) are not checked here; their parts are. */

const SRC = join(process.cwd(), 'src') // vitest runs in frontend/
const CALL = /(?:\$t|\bt|\bte|\btm|\brt)\(\s*'([A-Za-z][\w-]*(?:\.[\w-]+)+)'/g

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : files(path)
    return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

function resolves(tree: unknown, key: string): boolean {
  let node = tree
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return node !== undefined && node !== null
}

const used = new Map<string, string>() // key -> first file naming it
for (const path of files(SRC)) {
  const code = readFileSync(path, 'utf-8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '') // not the comments' examples
  for (const match of code.matchAll(CALL)) {
    if (!used.has(match[1])) used.set(match[1], path.slice(SRC.length + 1))
  }
}

describe('message keys', () => {
  it('finds the keys the code names', () => {
    expect(used.size).toBeGreaterThan(500)
  })

  for (const locale of Object.keys(messages) as (keyof typeof messages)[]) {
    it(`every key named in the code exists in ${locale}`, () => {
      const missing = [...used].filter(([key]) => !resolves(messages[locale], key)).map(([k, f]) => `${k} (${f})`)
      expect(missing).toEqual([])
    })
  }
})
