import { computed, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import { acceptLanguage } from '@/api/http'
import {
  getUnreadCount,
  listNotices,
  markAllNoticesRead,
  markKindRead,
  markNoticeRead,
  type Notice,
} from '@/api/notices'
import type { JobUpdate } from '@/api/jobs'
import { useAuthStore } from './auth'
import { useJobsStore } from './jobs'
import { emitObjectChange, noticeChange } from './objectChanges'
import { useUiStore } from './ui'

/**
 * Live notices: ONE WebSocket to /ws/notices/ per tab while signed in.
 *
 * - opened when the auth store says "signed in", closed on sign-out (or when the server answers 4401);
 * - reconnects with exponential back-off (1 s doubling up to 30 s, ±20 % jitter); every (re)connect sends
 *   `last=<highest id seen>` so the server replays what was missed; notices are deduplicated by id;
 * - `unread` follows the server's {"type": "unread"} messages;
 * - a toast for each new notice that is not a replay;
 * - `online` is false while the socket is down (the header shows an offline mark);
 * - each new notice about an object emits an ObjectChange (objectChanges.ts): the pages showing it reload.
 */

export const BACKOFF_START_MS = 1000
export const BACKOFF_MAX_MS = 30000
export const PING_EVERY_MS = 25000
/** The server closes anonymous sockets with this code: no point in retrying. */
export const CLOSE_UNAUTHENTICATED = 4401

/** Delay before reconnect attempt n (0-based): 1 s, 2 s, 4 s … capped at 30 s, then ±20 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.max(0, attempt))
  return Math.round(base * (0.8 + 0.4 * random()))
}

export function noticeSocketUrl(loc: { protocol: string; host: string }, lang: string, last: number): string {
  const scheme = loc.protocol === 'https:' ? 'wss:' : 'ws:'
  const params = new URLSearchParams({ lang })
  if (last > 0) params.set('last', String(last))
  return `${scheme}//${loc.host}/ws/notices/?${params.toString()}`
}

export type Toaster = (notice: Notice, open: () => void) => void
export type Navigator = (link: string) => void

interface ServerMessage {
  type: string
  notice?: Notice
  replayed?: boolean
  unread?: number
  job?: JobUpdate
}

/** Default toast: Element Plus notification; a click opens the notice's link. */
const elementToaster: Toaster = (notice, open) => {
  ElNotification({
    title: notice.title,
    message: notice.body,
    type: 'info',
    duration: 6000,
    customClass: 'notice-toast',
    onClick: open,
  })
}

let toaster: Toaster = elementToaster
let navigator: Navigator = (link) => window.location.assign(link)
let random: () => number = Math.random

/** The layout registers the router here; tests replace the toaster and the jitter. */
export function setNoticeToaster(fn: Toaster) {
  toaster = fn
}
export function setNoticeNavigator(fn: Navigator) {
  navigator = fn
}
export function setBackoffRandom(fn: () => number) {
  random = fn
}

export const useNoticesStore = defineStore('notices', () => {
  const auth = useAuthStore()
  const ui = useUiStore()

  /** newest first */
  const items = ref<Notice[]>([])
  const unread = ref(0)
  const online = ref(false)
  const listLoading = ref(false)
  const listLoaded = ref(false)
  const lastId = ref(0)
  /** reconnect attempts since the last healthy connection (for the back-off) */
  const attempt = ref(0)
  /** the delay chosen for the pending reconnect (ms), null when none is pending */
  const nextRetryIn = ref<number | null>(null)

  const seen = new Set<number>()
  let socket: WebSocket | null = null
  let wanted = false
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let pingTimer: ReturnType<typeof setInterval> | null = null

  const hasUnread = computed(() => unread.value > 0)

  function remember(notice: Notice): boolean {
    if (seen.has(notice.id)) return false
    seen.add(notice.id)
    if (notice.id > lastId.value) lastId.value = notice.id
    const list = [...items.value, notice]
    list.sort((a, b) => b.id - a.id)
    items.value = list
    return true
  }

  function open(notice: Notice) {
    markRead(notice.id)
    if (notice.link) navigator(notice.link)
  }

  function handle(raw: string) {
    let msg: ServerMessage
    try {
      msg = JSON.parse(raw)
    } catch {
      return
    }
    // the server talks to us: the connection is healthy, the back-off starts over
    attempt.value = 0
    if (msg.type === 'notice' && msg.notice) {
      const isNew = remember(msg.notice)
      if (isNew && !msg.replayed) toaster(msg.notice, () => open(msg.notice!))
      // a replay too: it changed while we were offline, so the pages showing it are stale
      const change = isNew ? noticeChange(msg.notice) : null
      if (change) emitObjectChange(change)
    } else if (msg.type === 'unread' && typeof msg.unread === 'number') {
      unread.value = msg.unread
    } else if (msg.type === 'job' && msg.job) {
      // a background job of ours moved on: its progress bar reads the jobs store
      useJobsStore().update(msg.job)
    }
  }

  function clearTimers() {
    if (retryTimer) clearTimeout(retryTimer)
    if (pingTimer) clearInterval(pingTimer)
    retryTimer = null
    pingTimer = null
    nextRetryIn.value = null
  }

  function connect() {
    if (!wanted || socket) return
    const lang = acceptLanguage(ui.locale)
    const ws = new WebSocket(noticeSocketUrl(window.location, lang, lastId.value))
    socket = ws
    ws.onopen = () => {
      if (socket !== ws) return
      online.value = true
      pingTimer = setInterval(() => send({ type: 'ping' }), PING_EVERY_MS)
    }
    ws.onmessage = (event: MessageEvent) => {
      if (socket === ws) handle(String(event.data))
    }
    ws.onclose = (event: CloseEvent) => {
      if (socket !== ws) return
      socket = null
      online.value = false
      if (pingTimer) clearInterval(pingTimer)
      pingTimer = null
      if (event.code === CLOSE_UNAUTHENTICATED) {
        wanted = false
        return
      }
      scheduleReconnect()
    }
    ws.onerror = () => {
      /* onclose follows */
    }
  }

  function scheduleReconnect() {
    if (!wanted || retryTimer) return
    const delay = backoffDelay(attempt.value, random)
    attempt.value += 1
    nextRetryIn.value = delay
    retryTimer = setTimeout(() => {
      retryTimer = null
      nextRetryIn.value = null
      connect()
    }, delay)
  }

  function send(data: unknown): boolean {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(data))
      return true
    }
    return false
  }

  function start() {
    if (wanted) return
    wanted = true
    attempt.value = 0
    connect()
  }

  function stop() {
    wanted = false
    clearTimers()
    const ws = socket
    socket = null
    online.value = false
    if (ws) {
      ws.onclose = null
      ws.onmessage = null
      ws.close(1000)
    }
  }

  /** Sign-out: forget everything of this user. */
  function reset() {
    stop()
    items.value = []
    seen.clear()
    lastId.value = 0
    unread.value = 0
    listLoaded.value = false
  }

  /** The drawer's list (GET /api/v1/notices/, newest first, of one kind when given), merged with what the
   * socket brought. */
  async function loadList(kind?: string) {
    listLoading.value = true
    try {
      const page = await listNotices(kind ? { page_size: 50, kind } : { page_size: 50 })
      for (const n of page.results) {
        if (seen.has(n.id)) {
          items.value = items.value.map((x) => (x.id === n.id ? n : x))
        } else remember(n)
      }
      listLoaded.value = true
    } finally {
      listLoading.value = false
    }
  }

  function markRead(id: number) {
    const now = new Date().toISOString()
    const target = items.value.find((n) => n.id === id)
    if (target && !target.read_at) {
      items.value = items.value.map((n) => (n.id === id ? { ...n, read_at: now } : n))
      unread.value = Math.max(0, unread.value - 1)
    }
    if (!send({ type: 'read', ids: [id] })) markNoticeRead(id).catch(() => undefined)
  }

  function markAllRead() {
    const now = new Date().toISOString()
    items.value = items.value.map((n) => (n.read_at ? n : { ...n, read_at: now }))
    unread.value = 0
    if (!send({ type: 'read_all' })) markAllNoticesRead().catch(() => undefined)
  }

  /** Mark every notice of one kind read (a teacher clears a hundred "new journal" notices at once). */
  async function markKindAsRead(kind: string) {
    const { marked } = await markKindRead(kind)
    const now = new Date().toISOString()
    items.value = items.value.map((n) => (n.kind !== kind || n.read_at ? n : { ...n, read_at: now }))
    // the server's count, not a subtraction: its push over the socket may have arrived before this answer
    unread.value = (await getUnreadCount()).unread
    return marked
  }

  // open while signed in, close on sign-out
  watch(
    () => auth.authenticated,
    (signedIn) => (signedIn ? start() : reset()),
    { immediate: true },
  )
  // the server renders notices in the socket's language: reconnect (with last, so nothing is lost)
  watch(
    () => ui.locale,
    () => {
      if (!wanted) return
      stop()
      wanted = true
      connect()
      if (listLoaded.value) {
        seen.clear()
        items.value = []
        loadList().catch(() => undefined)
      }
    },
  )

  return {
    items,
    unread,
    online,
    hasUnread,
    lastId,
    attempt,
    nextRetryIn,
    listLoading,
    listLoaded,
    start,
    stop,
    reset,
    loadList,
    markRead,
    markAllRead,
    markKindAsRead,
    open,
  }
})
