import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { useAuthStore } from '@/stores/auth'
import { backoffDelay, noticeSocketUrl, setBackoffRandom, setNoticeToaster, useNoticesStore } from '@/stores/notices'
import type { Notice } from '@/api/notices'

/** A WebSocket stand-in the test drives by hand. */
class FakeSocket {
  static CONNECTING = 0
  static OPEN = 1
  static CLOSING = 2
  static CLOSED = 3
  static instances: FakeSocket[] = []
  readonly url: string
  readyState = FakeSocket.CONNECTING
  sent: unknown[] = []
  closedWith: number | null = null
  onopen: ((e: Event) => void) | null = null
  onmessage: ((e: MessageEvent) => void) | null = null
  onclose: ((e: CloseEvent) => void) | null = null
  onerror: ((e: Event) => void) | null = null

  constructor(url: string) {
    this.url = url
    FakeSocket.instances.push(this)
  }
  send(data: string) {
    this.sent.push(JSON.parse(data))
  }
  close(code = 1000) {
    this.closedWith = code
    this.readyState = FakeSocket.CLOSED
  }
  // test side
  open() {
    this.readyState = FakeSocket.OPEN
    this.onopen?.(new Event('open'))
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) } as MessageEvent)
  }
  drop(code = 1006) {
    this.readyState = FakeSocket.CLOSED
    this.onclose?.({ code } as CloseEvent)
  }
  static last(): FakeSocket {
    return FakeSocket.instances[FakeSocket.instances.length - 1]
  }
}

const notice = (id: number, extra: Partial<Notice> = {}): Notice => ({
  id,
  kind: 'placement',
  title: `通知 ${id}`,
  body: '内容',
  link: `/placements/${id}`,
  created_at: '2026-11-25T10:00:00+08:00',
  read_at: null,
  ...extra,
})

describe('backoffDelay', () => {
  it('doubles from 1 s to a 30 s cap', () => {
    const mid = () => 0.5 // no jitter
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => backoffDelay(n, mid))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ])
  })
  it('jitters by at most 20 %', () => {
    expect(backoffDelay(0, () => 0)).toBe(800)
    expect(backoffDelay(0, () => 1)).toBe(1200)
    expect(backoffDelay(9, () => 1)).toBe(36000)
  })
})

describe('noticeSocketUrl', () => {
  it('follows the page protocol and sends lang and last', () => {
    expect(noticeSocketUrl({ protocol: 'http:', host: 'example.com' }, 'zh-hans', 0)).toBe(
      'ws://example.com/ws/notices/?lang=zh-hans',
    )
    expect(noticeSocketUrl({ protocol: 'https:', host: 'example.com:8443' }, 'en', 42)).toBe(
      'wss://example.com:8443/ws/notices/?lang=en&last=42',
    )
  })
})

describe('notices store', () => {
  let toasts: Notice[]

  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.instances = []
    vi.stubGlobal('WebSocket', FakeSocket)
    setActivePinia(createPinia())
    toasts = []
    setNoticeToaster((n) => toasts.push(n))
    setBackoffRandom(() => 0.5)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  async function signedIn() {
    const auth = useAuthStore()
    auth.authenticated = true
    const store = useNoticesStore()
    await nextTick()
    return { auth, store }
  }

  it('opens one socket when signed in and closes it on sign-out', async () => {
    const { auth, store } = await signedIn()
    expect(FakeSocket.instances).toHaveLength(1)
    const ws = FakeSocket.last()
    expect(ws.url).toMatch(/\/ws\/notices\/\?lang=zh-hans$/)
    expect(store.online).toBe(false)
    ws.open()
    expect(store.online).toBe(true)
    auth.authenticated = false
    await nextTick()
    expect(ws.closedWith).toBe(1000)
    expect(store.online).toBe(false)
    vi.advanceTimersByTime(60000)
    expect(FakeSocket.instances).toHaveLength(1) // no reconnect after sign-out
  })

  it('keeps unread from the server', async () => {
    const { store } = await signedIn()
    const ws = FakeSocket.last()
    ws.open()
    ws.receive({ type: 'unread', unread: 3 })
    expect(store.unread).toBe(3)
    ws.receive({ type: 'unread', unread: 0 })
    expect(store.unread).toBe(0)
  })

  it('toasts new notices only, and dedupes replays by id', async () => {
    const { store } = await signedIn()
    const ws = FakeSocket.last()
    ws.open()
    ws.receive({ type: 'notice', notice: notice(5) })
    ws.receive({ type: 'notice', notice: notice(6) })
    expect(toasts.map((n) => n.id)).toEqual([5, 6])
    expect(store.items.map((n) => n.id)).toEqual([6, 5]) // newest first

    // the connection drops; the reconnect asks for what came after 6
    ws.drop()
    expect(store.online).toBe(false)
    vi.advanceTimersByTime(1000)
    const again = FakeSocket.last()
    expect(again).not.toBe(ws)
    expect(again.url).toContain('last=6')
    again.open()
    // the server replays 6 (already seen) and 7 (missed while offline)
    again.receive({ type: 'notice', notice: notice(6), replayed: true })
    again.receive({ type: 'notice', notice: notice(7), replayed: true })
    again.receive({ type: 'unread', unread: 3 })
    expect(store.items.map((n) => n.id)).toEqual([7, 6, 5])
    expect(toasts.map((n) => n.id)).toEqual([5, 6]) // replays are not toasted
    // a live duplicate (another tab's push) is ignored too
    again.receive({ type: 'notice', notice: notice(7) })
    expect(store.items).toHaveLength(3)
    expect(toasts).toHaveLength(2)
    expect(store.unread).toBe(3)
  })

  it('backs off 1 s, 2 s, 4 s … up to 30 s and starts over after a healthy connection', async () => {
    const { store } = await signedIn()
    const delays: number[] = []
    for (let i = 0; i < 7; i++) {
      FakeSocket.last().drop()
      delays.push(store.nextRetryIn!)
      const before = FakeSocket.instances.length
      vi.advanceTimersByTime(store.nextRetryIn! - 1)
      expect(FakeSocket.instances.length).toBe(before) // not yet
      vi.advanceTimersByTime(1)
      expect(FakeSocket.instances.length).toBe(before + 1)
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000])
    // the server answers: back to 1 s
    const ws = FakeSocket.last()
    ws.open()
    ws.receive({ type: 'unread', unread: 0 })
    ws.drop()
    expect(store.nextRetryIn).toBe(1000)
  })

  it('stops retrying when the server says the session is gone (4401)', async () => {
    await signedIn()
    FakeSocket.last().drop(4401)
    vi.advanceTimersByTime(120000)
    expect(FakeSocket.instances).toHaveLength(1)
  })

  it('marks read through the socket', async () => {
    const { store } = await signedIn()
    const ws = FakeSocket.last()
    ws.open()
    ws.receive({ type: 'notice', notice: notice(9) })
    ws.receive({ type: 'unread', unread: 1 })
    store.markRead(9)
    expect(ws.sent).toContainEqual({ type: 'read', ids: [9] })
    expect(store.items[0].read_at).not.toBeNull()
    expect(store.unread).toBe(0)
    store.markAllRead()
    expect(ws.sent).toContainEqual({ type: 'read_all' })
  })
})
