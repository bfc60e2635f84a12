/**
 * The outbox of Jira notification emails (entity `notification`, by prompt id) and each person's
 * choice about them (`notification-prefs:<account id>` in the `settings` entity). Implements
 * NotificationOutbox and NotificationPrefsStore (src/ports/notifications.ts).
 */
import { z } from 'zod';
import { NotificationOrder, NotificationPrefs } from '../../contract';
import { EntityRepository, type EntitySpec } from './entity-repository';
import type { NotificationOutbox, NotificationPrefsStore, StoredNotificationOrder } from '../../ports';

export const StoredOrder = NotificationOrder.extend({ version: z.number().int().nonnegative().default(0) });

export const notificationEntity: EntitySpec<StoredNotificationOrder> = {
  name: 'notification',
  describe: (key) => `the notification ${key}`,
  schema: StoredOrder,
  key: (o) => o.id,
  attributes: (o) => ({ state: o.state, createdAt: o.createdAt }),
  indexes: { 'by-state': { partition: ['state'], range: 'createdAt' } },
};

export function forgeNotificationOutbox(): NotificationOutbox {
  const repo = new EntityRepository(notificationEntity);
  return {
    get: (id) => repo.get(id),
    put: (order) => repo.put(order, order.version),
    async unsent(limit) {
      const [pending, sending] = await Promise.all([
        repo.query('by-state', { partition: ['pending'], limit }),
        repo.query('by-state', { partition: ['sending'], limit }),
      ]);
      return [...pending, ...sending].sort((a, b) => a.createdAt - b.createdAt);
    },
  };
}

const StoredPrefs = NotificationPrefs.extend({ version: z.number().int().nonnegative().default(0) });
type StoredPrefs = z.infer<typeof StoredPrefs>;

export const prefsKey = (accountId: string) => `notification-prefs:${accountId}`;

export const notificationPrefsEntity: EntitySpec<StoredPrefs> = {
  name: 'settings',
  describe: (key) => `the notification settings ${key}`,
  schema: StoredPrefs,
  key: (p) => prefsKey(p.accountId),
  attributes: () => ({}),
  indexes: {},
};

export function forgeNotificationPrefs(): NotificationPrefsStore {
  const repo = new EntityRepository(notificationPrefsEntity);
  return {
    async get(accountId) {
      return (await repo.get(prefsKey(accountId))) ?? StoredPrefs.parse({ accountId, version: 0 });
    },
    put: (prefs, expectedVersion) => repo.put({ ...prefs, version: 0 }, expectedVersion),
  };
}
