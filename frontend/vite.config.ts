/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

const backend = 'http://127.0.0.1:8000'
// Django serves the build under its STATIC_URL
const base = '/static/'

/**
 * Names the sign-in page's code in index.html (modulepreload, and its styles as preload), so a first visit on a
 * slow network downloads it beside the entry instead of one round trip after the entry has run and the router has
 * chosen the page. Most of it (Element Plus's form, input, button) is what every other page needs too.
 */
function preloadSignIn(pages: string[]): Plugin {
  return {
    name: 'preload-sign-in',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return
        const chunks = new Map(
          Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])),
        )
        const entry = [...chunks.values()].find((c) => c.isEntry)
        const already = new Set([entry?.fileName, ...(entry?.imports ?? [])])
        const scripts = new Set<string>()
        const styles = new Set<string>()
        const visit = (file: string) => {
          const chunk = chunks.get(file)
          if (!chunk || scripts.has(file) || already.has(file)) return
          scripts.add(file)
          chunk.viteMetadata?.importedCss.forEach((css) => styles.add(css))
          chunk.imports.forEach(visit)
        }
        for (const chunk of chunks.values()) {
          if (pages.some((page) => chunk.facadeModuleId?.endsWith(page))) visit(chunk.fileName)
        }
        const link = (rel: string, file: string, as?: string): HtmlTagDescriptor => ({
          tag: 'link',
          attrs: { rel, href: `${base}${file}`, crossorigin: true, ...(as ? { as } : {}) },
          injectTo: 'head',
        })
        return [
          ...[...scripts].map((f) => link('modulepreload', f)),
          ...[...styles].map((f) => link('preload', f, 'style')),
        ]
      },
    },
  }
}

export default defineConfig({
  base,
  plugins: [
    vue(),
    preloadSignIn(['/src/components/AuthLayout.vue', '/src/views/auth/Login.vue']),
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'src/auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver()],
      dts: 'src/components.d.ts',
      // our own components are imported explicitly
      dirs: [],
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/_allauth': { target: backend, changeOrigin: false },
      '/ws': { target: backend, ws: true, changeOrigin: false },
      '/admin': { target: backend, changeOrigin: false },
      '/static/admin': { target: backend, changeOrigin: false },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.spec.ts'],
    server: { deps: { inline: ['element-plus'] } },
    css: false,
  },
})
