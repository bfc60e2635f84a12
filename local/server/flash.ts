/** A one-time message after a form post (PRG): kept in a short-lived cookie, shown on the next page. */
import { z } from 'zod';
import { parseCookies } from './http/exchange';

export const FLASH_COOKIE = 'tether-flash';

export const Flash = z.object({ kind: z.enum(['success', 'error', 'info']), message: z.string().max(2000) });
export type Flash = z.infer<typeof Flash>;

export function setFlash(flash: Flash): string {
  return `${FLASH_COOKIE}=${encodeURIComponent(JSON.stringify(flash))}; Path=/; Max-Age=60; SameSite=Lax; HttpOnly`;
}

export const CLEAR_FLASH = `${FLASH_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`;

/** The flash the request carries, if any (a broken cookie is ignored). */
export function readFlash(cookieHeader: string | undefined): Flash | null {
  const value = parseCookies(cookieHeader).get(FLASH_COOKIE);
  if (value === undefined || value === '') return null;
  try {
    const parsed = Flash.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
