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
    byId.value = { ...byId.value, [job.id]: { ...known, ...job } }
  }

  return { byId, update }
})
