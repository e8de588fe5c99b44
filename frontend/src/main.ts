import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n } from './locales'
import { createAppRouter } from './router'
import { ensureCsrf } from './api/http'
import { useUiStore } from './stores/ui'
import './styles/main.css'
import { registerServiceWorker } from './pwa'

// sets the csrftoken cookie before any POST
ensureCsrf()

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
useUiStore(pinia) // applies the remembered language before the first render
app.use(createAppRouter())
app.mount('#app')
registerServiceWorker()
