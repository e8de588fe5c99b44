import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { useAuthStore } from '@/stores/auth'
import { useJobsStore } from '@/stores/jobs'
import { useNoticesStore } from '@/stores/notices'
import { isJob, percent } from '@/api/jobs'
import { request } from '@/api/http'

class FakeSocket {
  static instances: FakeSocket[] = []
  readyState = 0
  onopen: ((e: Event) => void) | null = null
  onmessage: ((e: MessageEvent) => void) | null = null
  onclose: ((e: CloseEvent) => void) | null = null
  onerror: ((e: Event) => void) | null = null
  constructor(readonly url: string) {
    FakeSocket.instances.push(this)
  }
  send() {}
  close() {
    this.readyState = 3
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) } as MessageEvent)
  }
}

const update = (status: string, done: number, total = 200) => ({
  id: 7,
  kind: 'student_import',
  status,
  done,
  total,
  error: '',
  has_result: false,
})

describe('background jobs', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    FakeSocket.instances = []
    vi.stubGlobal('WebSocket', FakeSocket)
    setActivePinia(createPinia())
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it("follows a job's progress from the notices socket", async () => {
    useAuthStore().authenticated = true
    useNoticesStore()
    await nextTick()
    const ws = FakeSocket.instances[0]
    ws.receive({ type: 'job', job: update('running', 50) })
    const jobs = useJobsStore()
    expect(jobs.byId[7].done).toBe(50)
    expect(percent(jobs.byId[7])).toBe(25)
    ws.receive({ type: 'job', job: update('succeeded', 200) })
    expect(percent(jobs.byId[7])).toBe(100)
  })

  it('never takes a finished job back to running on a late message', () => {
    const jobs = useJobsStore()
    jobs.update(update('failed', 10) as never)
    jobs.update(update('running', 20) as never)
    expect(jobs.byId[7].status).toBe('failed')
  })

  it('keeps the progress the socket reported when a poll reads an older row', () => {
    const jobs = useJobsStore()
    jobs.update(update('running', 120) as never)
    jobs.update(update('running', 0, 0) as never)
    expect(jobs.byId[7].done).toBe(120)
    expect(jobs.byId[7].total).toBe(200)
  })

  it('tells a job from an inline answer', () => {
    expect(isJob(update('queued', 0))).toBe(true)
    expect(isJob({ ok: true, rows: 3, created: 3, updated: 0 })).toBe(false)
  })

  it('answers the job, not a blob, when an export became a job (202)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(update('queued', 0)), { status: 202 })),
    )
    const out = await request<unknown>('/api/v1/placements/export/', { blob: true })
    expect(isJob(out)).toBe(true)
  })
})
