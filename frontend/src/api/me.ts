import { http } from './http'
import type { Me } from './types'

export const getMe = () => http.get<Me>('/api/v1/me/')

export const updateMe = (data: Partial<Pick<Me, 'full_name' | 'phone' | 'email'>>) =>
  http.patch<Me>('/api/v1/me/', data)
