import { ref } from 'vue'
import { defineStore } from 'pinia'
import type { JobUpdate } from '@/api/jobs'

/**
 * The background jobs this tab has heard of: the notices socket pushes {"type": "job"} as a job of the user moves
 * on (core.jobs.push), and the progress bars (JobProgress.vue) read them from here.
 */
export const useJobsStore = defineStore('jobs', () => {
  const byId = ref<Record<number, JobUpdate>>({})

  function update(job: JobUpdate) {
    const known = byId.value[job.id]
    // a late progress message never takes a finished job back
    if (known && (known.status === 'succeeded' || known.status === 'failed') && job.status !== known.status) return
    // a poll may read the row before the running job's transaction shows its progress: the bar never goes back
    const behind = known && job.status === known.status && job.done < known.done
    const next = behind ? { ...known, ...job, done: known.done, total: known.total } : { ...known, ...job }
    byId.value = { ...byId.value, [job.id]: next }
  }

  return { byId, update }
})
