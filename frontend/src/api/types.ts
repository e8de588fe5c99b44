/** Payload types of /api/v1 shared by several domains: aliases of the generated schema (schema.ts), never
 * written by hand. */
import type { Schemas } from './schema'

export type Role = Schemas['RoleEnum']

export type Ref = Schemas['Ref']

export type Me = Schemas['Me']

export type Choice = Schemas['LabelledChoice']

export type Choices = Schemas['Choices']

export type Institution = Schemas['Institution']

export type VettingStatus = Schemas['VettingStatusEnum']

export type Company = Schemas['Company']

/** A vetted company's request to change the facts it was vetted on; blank / null = unchanged. */
export type CompanyChangeRequest = Schemas['ChangeRequest']

export type JobCluster = Schemas['TrainingBase']['job_clusters'][number]

export type TrainingBase = Schemas['TrainingBase']

/** What POST imports/<kind>/ answers; students add the new activation codes, certificates the skipped rows. */
export type ImportResult =
  | Schemas['ImportResult']
  | Schemas['StudentImportResult']
  | Schemas['CertificateImportResult']
  | Schemas['OutcomeImportResult']
