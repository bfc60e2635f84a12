import { z } from 'zod';
import { AccountId, RecordId } from '../common';
import { endpoint, NoPayload } from './endpoint';

export const WorkgroupRef = z.object({ id: RecordId, name: z.string() });

/** Who the caller is, and what that lets them do in Tether. */
export const Me = z.object({
  accountId: AccountId,
  /** Jira's "Administer Jira" (ADMINISTER): may change settings, levels, periods and workgroups. */
  isSiteAdmin: z.boolean(),
  /** Workgroups the caller leads, by name. */
  leads: z.array(WorkgroupRef),
  /** Workgroups the caller is a member of (and does not lead), by name. */
  memberOf: z.array(WorkgroupRef),
});
export type Me = z.infer<typeof Me>;

/** me/notifications: the caller's own choice about Tether's emails; with `emails`, changed first. */
export const MeNotificationsPayload = z.strictObject({ emails: z.boolean().optional() });
export type MeNotificationsPayload = z.infer<typeof MeNotificationsPayload>;

export const MeNotifications = z.object({
  /** Whether outcome reviews and escalations about an issue also reach the caller as a Jira email. */
  emails: z.boolean(),
});
export type MeNotifications = z.infer<typeof MeNotifications>;

export const meEndpoints = {
  'me/get': endpoint(NoPayload, Me),
  'me/notifications': endpoint(MeNotificationsPayload, MeNotifications),
};
