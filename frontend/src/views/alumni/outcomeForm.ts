/** The outcome form of a graduate's own report (MyOutcome) and of the school's edit dialog (OutcomeList). */
import type { Outcome, SelfReport } from '@/api/alumni'
import { isWuhan } from './stayUtil'

/** what OutcomeFields shows: the report without its year */
export type OutcomeForm = Omit<SelfReport, 'graduation_year'>

/** the API fields OutcomeFields shows (their errors go under the field) */
export const OUTCOME_FIELDS = [
  'status',
  'employer_name',
  'employer_credit_code',
  'work_city',
  'district',
  'zone',
  'industry',
  'fits_major',
  'salary_band',
]

export const blankOutcome = (status: SelfReport['status']): OutcomeForm => ({
  status,
  employer_name: '',
  employer_credit_code: '',
  work_city: '',
  district: '',
  zone: '',
  industry: '',
  fits_major: null,
  salary_band: '',
})

export const outcomeFormOf = (o: Outcome): OutcomeForm => ({
  status: o.status,
  employer_name: o.employer_name,
  employer_credit_code: o.employer_credit_code,
  work_city: o.work_city,
  district: o.district,
  zone: o.zone,
  industry: o.industry,
  fits_major: o.fits_major,
  salary_band: o.salary_band,
})

/** What the API gets: district and zone only for a job in Wuhan (the form hides them elsewhere), no null band. */
export function outcomePayload<T extends OutcomeForm>(form: T): T {
  const wuhan = isWuhan(form.work_city)
  return {
    ...form,
    district: wuhan ? form.district || '' : '',
    zone: wuhan ? form.zone || '' : '',
    salary_band: form.salary_band || '',
  }
}

/** city · district · zone */
export const outcomePlace = (o: Outcome) => [o.work_city, o.district_label, o.zone_label].filter(Boolean).join(' · ')
