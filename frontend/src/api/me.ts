import { http } from './http'
import type { Schemas } from './schema'
import type { Me } from './types'

export const getMe = () => http.get<Me>('/api/v1/me/')

export const updateMe = (data: Schemas['PatchedMeRequest']) => http.patch<Me>('/api/v1/me/', data)
