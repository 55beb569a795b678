import { ROLES, type Language, type Role } from '@homeward/core';
import { formatDate, localToday } from '../text/dates';

/** The roles an administrator may hand out: granting system administration takes a system administrator. */
export function assignableRoles(actorRoles: readonly Role[]): Role[] {
  return ROLES.filter((role) => role !== 'system_admin' || actorRoles.includes('system_admin'));
}

/** The day of a timestamp in the organisation's time zone, as every date on screen is shown. */
export function formatDay(timestamp: string, language: Language): string {
  return formatDate(localToday(new Date(timestamp)), language);
}
