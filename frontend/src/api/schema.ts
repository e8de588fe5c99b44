/** The API's payload types, generated from the committed OpenAPI schema (frontend/openapi.json, `make api-types`).
 * Modules alias these instead of writing interfaces by hand, so the app and the API cannot drift. */
import type { components } from './schema.d'

export type Schemas = components['schemas']

/** A multipart request as the app builds it: the schema types a file as a (binary) string, the app holds a File.
 * Stays: a mapping of generated types, not a payload written by hand. */
export type WithFiles<T, K extends keyof T> = Omit<T, K> & { [P in K]: File }

/** Draft's rule for one field (below). */
type Loose<V> = [NonNullable<V>] extends [boolean]
  ? V
  : number extends NonNullable<V>
    ? number | null
    : [NonNullable<V>] extends [string[]]
      ? string[]
      : [NonNullable<V>] extends [(infer Row extends object)[]]
        ? Draft<Row>[]
        : [NonNullable<V>] extends [string]
          ? string extends NonNullable<V>
            ? V
            : string
          : V

/** What a form sends before the API has checked it: a number (a decimal too) may still be empty (null), a field
 * named in `Empty` (a date) too, and a choice holds whatever the server's vocabulary (/choices/) offered; the API
 * answers 400 with that field's message, which the form shows. Stays: a mapping of a generated request type. */
export type Draft<T, Empty extends keyof T = never> = {
  [K in keyof T]: K extends Empty ? Loose<T[K]> | null : Loose<T[K]>
}
