/** Replies the admin page receives, parsed through the contract so each is one the backend could give. */
import { ObjectiveList, SettingsView, WorkgroupRecord, type ObjectiveView } from '@contract/api';
import { T0 } from '../../support/builders';
import { anObjectiveView } from '../support/view-builders';

export function aSettingsView(over: Record<string, unknown> = {}): SettingsView {
  return SettingsView.parse({
    periods: [{ id: '2026-q4', name: '2026 Q4', start: '2026-10-01', end: '2026-12-31', state: 'open' }],
    updatedAt: T0,
    updatedBy: 'acc-admin',
    version: 3,
    ...over,
  });
}

export function aWorkgroup(over: Record<string, unknown> = {}): WorkgroupRecord {
  return WorkgroupRecord.parse({
    id: 'web-squad',
    name: 'Web Squad',
    kind: 'squad',
    leads: ['acc-lead'],
    members: [],
    projects: ['WEB'],
    version: 2,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  });
}

export function anOrgObjective(key: string, over: Record<string, unknown> = {}): ObjectiveView {
  return anObjectiveView({ id: key, key, levelId: 'organisation', periodId: '2026-q4', version: 1, ...over });
}

export function anObjectiveList(objectives: ObjectiveView[], ancestors: ObjectiveView[] = []): ObjectiveList {
  return ObjectiveList.parse({ periodId: '2026-q4', objectives, ancestors });
}

/** Jira's user JSON, as /user/search and /user/bulk answer it. */
export function aJiraUser(accountId: string, displayName: string) {
  return {
    accountId,
    accountType: 'atlassian',
    displayName,
    active: true,
    avatarUrls: { '24x24': `https://avatars.example/${accountId}.png` },
  };
}
