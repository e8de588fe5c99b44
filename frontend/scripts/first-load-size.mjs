// Sums the gzip sizes of the JS the first page loads: the entry chunk and its static imports
// (from dist/.vite/manifest.json), plus optionally the chunks of named routes' views (e.g. Login).
// Usage: node scripts/first-load-size.mjs [src/views/auth/Login.vue ...]
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8'))
const seen = new Set()
function walk(key) {
  if (seen.has(key)) return
  seen.add(key)
  for (const imp of manifest[key].imports ?? []) walk(imp)
}
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)
walk(entry)
for (const extra of process.argv.slice(2)) walk(extra)
let raw = 0
let gz = 0
for (const key of seen) {
  const file = `dist/${manifest[key].file}`
  const buf = readFileSync(file)
  const g = gzipSync(buf, { level: 9 }).length
  raw += buf.length
  gz += g
  console.log(`${(g / 1024).toFixed(1).padStart(7)} KB gz  ${manifest[key].file}`)
}
console.log(`total: ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped, ${seen.size} chunks`)
