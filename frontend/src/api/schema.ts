/** The API's payload types, generated from the committed OpenAPI schema (frontend/openapi.json, `make api-types`).
 * Modules alias these instead of writing interfaces by hand, so the app and the API cannot drift. */
import type { components } from './schema.d'

export type Schemas = components['schemas']
