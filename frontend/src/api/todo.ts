import { http } from './http'
import type { Schemas } from './schema'

/** What the signed-in user has to do (GET /me/todo/): a count per key, each the total of the list it leads to. */
export type Todo = Schemas['Todo']
export type TodoItem = Schemas['TodoItem']

export const getTodo = () => http.get<Todo>('/api/v1/me/todo/')
