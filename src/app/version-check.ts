import { VersionConflict } from './app-failure';

/** CONFLICT right away when the record is no longer at the version the caller read. */
export function requireVersion(what: string, stored: number, read: number): void {
  if (stored !== read) throw new VersionConflict(what, read, stored === 0 ? null : stored);
}
