/**
 * Registers the service worker (vite-plugin-pwa's build, served by Django at /sw.js so it controls the whole
 * site). Only in a production build over a secure context (127.0.0.1 under `make run`, HTTPS on the platform);
 * the development server has none, so a stale worker never serves an old app while developing.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // no offline shell this time; the app works as a plain page
    })
  })
}
