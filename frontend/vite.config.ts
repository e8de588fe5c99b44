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

/**
 * The installable app (issue 17): a manifest, icons (frontend/public/icons) and a service worker that keeps the
 * app's shell for offline use. Django serves sw.js and the manifest at the site's root, never cached
 * (config/views.py pwa_file); the worker controls "/" and is registered by src/pwa.ts. It precaches only the built
 * app (served under /static/): API calls, sign-in, the admin and WebSockets always go to the network.
 */
const PWA_OPTIONS = {
  injectRegister: false,
  registerType: 'autoUpdate',
  filename: 'sw.js',
  manifestFilename: 'manifest.webmanifest',
  includeAssets: ['icons/apple-touch-icon.png'],
  manifest: {
    id: '/',
    name: '武汉新能源汽车校企实习平台',
    short_name: '校企实习',
    description: '实习签到、周记、请假与岗位：学生、教师与企业导师的移动端。',
    lang: 'zh-CN',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f5f7fa',
    theme_color: '#165dff',
    icons: [
      { src: '/static/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/static/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/static/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    // one file: the worker is served from "/", so a separate workbox-*.js beside it would be one more root route
    inlineWorkboxRuntime: true,
    globPatterns: ['**/*.{js,css,html,png,svg,woff2}'],
    // staff reports' charts (≈ 0.6 MB) are not the phone's shell: fetched when a report opens, then kept
    globIgnores: ['**/charts-*.js'],
    // the precached files live under /static/ (Django's STATIC_URL), the worker at the root
    modifyURLPrefix: { '': base },
    navigateFallback: `${base}index.html`,
    navigateFallbackDenylist: [/^\/api\//, /^\/_allauth\//, /^\/admin\//, /^\/ws\//, /^\/static\//, /^\/sw\.js$/],
    runtimeCaching: [
      {
        urlPattern: /\/assets\/charts-[\w-]+\.js$/,
        handler: 'CacheFirst',
        options: { cacheName: 'charts', expiration: { maxEntries: 2 } },
      },
    ],
    cleanupOutdatedCaches: true,
    maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
  },
}

/** vite-plugin-pwa, loaded by name: a node_modules installed before it joined package.json builds the app without
 * the worker (and says so) until `npm ci` installs it, instead of failing every build. */
async function installableApp(): Promise<Plugin[]> {
  const name = 'vite-plugin-pwa'
  try {
    const { VitePWA } = (await import(/* @vite-ignore */ name)) as {
      VitePWA: (options: typeof PWA_OPTIONS) => Plugin[]
    }
    return VitePWA(PWA_OPTIONS)
  } catch {
    console.warn('vite-plugin-pwa is not installed (run npm ci): building without the service worker')
    return []
  }
}

export default defineConfig({
  base,
  plugins: [
    vue(),
    installableApp(),
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
    rollupOptions: {
      output: {
        // the charts (ECharts, zrender) in one named chunk: only staff reports draw them, so the phone's offline
        // shell leaves them out of the precache (PWA_OPTIONS globIgnores) and fetches them when a report opens
        manualChunks: (id: string) => (/node_modules\/(echarts|zrender)\//.test(id) ? 'charts' : undefined),
      },
    },
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
