import { http, type Paginated } from './http'
import type { ListQuery } from './directory'
import type { Schemas } from './schema'

/** A notice, rendered by the server in the request's language. */
export type Notice = Schemas['Notice']

export const listNotices = (q: ListQuery = {}) => http.get<Paginated<Notice>>('/api/v1/notices/', q)
export const getUnreadCount = () => http.get<Schemas['UnreadCount']>('/api/v1/notices/unread/')
export const markNoticeRead = (id: number) => http.post<Schemas['Marked']>(`/api/v1/notices/${id}/read/`)
export const markAllNoticesRead = () => http.post<Schemas['MarkedAll']>('/api/v1/notices/read-all/')
/** The kinds of the user's notices with their counts, most unread first. */
export type NoticeKind = Schemas['NoticeKind']
export const listNoticeKinds = () => http.get<NoticeKind[]>('/api/v1/notices/kinds/')
export const markKindRead = (kind: string) => http.post<Schemas['MarkedKind']>('/api/v1/notices/read-kind/', { kind })
