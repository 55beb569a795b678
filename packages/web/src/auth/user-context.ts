import { createContext, useContext } from 'react';
import type { CurrentUser } from '@homeward/core';

export const UserContext = createContext<CurrentUser | null>(null);

/** The signed-in user; only screens behind `RequireUser` may ask. */
export function useUser(): CurrentUser {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser() used outside <RequireUser>.');
  return user;
}
