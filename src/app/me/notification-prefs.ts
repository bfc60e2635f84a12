/**
 * me/notifications: the caller's own choice about Tether's emails (docs/prompts.md, "Outside
 * Tether"). Everyone may read and change their own choice, and only their own: the account is the
 * caller's, never one named in the payload. With `emails`, the choice is changed first (written
 * again on a lost race with the same person in another tab: the last choice wins).
 */
import type { MeNotifications, MeNotificationsPayload } from '../../contract/api';
import type { Permissions } from '../permissions';
import { retryOnConflict } from '../retry-on-conflict';
import type { Clock, NotificationPrefsStore } from '../../ports';

export interface MeNotificationsPorts {
  permissions: Pick<Permissions, 'requireUser'>;
  prefs: NotificationPrefsStore;
  clock: Clock;
}

export async function meNotifications(
  ports: MeNotificationsPorts,
  payload: MeNotificationsPayload,
): Promise<MeNotifications> {
  const accountId = ports.permissions.requireUser();
  const wanted = payload.emails;
  if (wanted === undefined) return { emails: (await ports.prefs.get(accountId)).emails };
  return retryOnConflict(
    async () => {
      const stored = await ports.prefs.get(accountId);
      if (stored.emails === wanted) return { emails: wanted };
      const saved = await ports.prefs.put({ accountId, emails: wanted, updatedAt: ports.clock.now() }, stored.version);
      return { emails: saved.emails };
    },
    { attempts: 3 },
  );
}
