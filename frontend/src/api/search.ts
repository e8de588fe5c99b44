import { http } from './http'
import type { Schemas } from './schema'

/** The staff search in the header: what the user may see, grouped by kind, five of each with the total. */
export type SearchAnswer = Schemas['Search']
export type SearchGroup = Schemas['SearchGroup']
export type SearchResult = Schemas['SearchResult']

export const search = (q: string) => http.get<SearchAnswer>('/api/v1/search/', { q })
