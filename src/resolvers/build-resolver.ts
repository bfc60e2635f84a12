/**
 * The one resolver function of the app (@forge/resolver), shared by the admin page, the project
 * page and the issue panel: one `define` per key of the contract (src/contract/api).
 */
import Resolver from '@forge/resolver';
import { createCheckIn, listCheckIns } from '../app/check-ins/check-ins';
import { recordCheckIns } from '../app/check-ins/record-check-ins';
import { changeLink } from '../app/contributions/change-link';
import { countedListed } from '../app/contributions/counted-listed';
import { linkMany } from '../app/contributions/link-many';
import { periodFeedback } from '../app/feedback/period-feedback';
import { checkJql } from '../app/jql/check-jql';
import { getMe } from '../app/me/get-me';
import { meNotifications } from '../app/me/notification-prefs';
import { forgeNotificationPrefs } from '../forge/store/notification-store';
import { carryForward, previewCarryForward } from '../app/periods/carry-forward';
import { closePeriod } from '../app/periods/close-period';
import { createPeriod } from '../app/periods/create-period';
import { updatePeriod } from '../app/periods/update-period';
import { getSettings } from '../app/settings/get-settings';
import { updateSettings } from '../app/settings/update-settings';
import { updateLevels } from '../app/levels/update-levels';
import { archiveObjective, moveObjective, updateObjective } from '../app/objectives/change-objective';
import { createObjective } from '../app/objectives/create-objective';
import { objectiveExplained } from '../app/objectives/objective-explained';
import { objectiveHistory } from '../app/objectives/objective-history';
import { listObjectives } from '../app/objectives/list-objectives';
import { createKeyResult, deleteKeyResult, updateKeyResult } from '../app/objectives/key-results';
import { listJobs, retryJob } from '../app/jobs/jobs';
import { importJobStatus } from '../app/objectives-file/import-job';
import { exportObjectives, importObjectives } from '../app/objectives-file/transfer';
import { uploadPart } from '../app/objectives-file/upload';
import { createWorkgroup } from '../app/workgroups/create-workgroup';
import { deleteWorkgroup } from '../app/workgroups/delete-workgroup';
import { listWorkgroups } from '../app/workgroups/list-workgroups';
import { issuePanelView } from '../app/views/issue-panel';
import { projectPageFeedback, projectPageView } from '../app/views/project-page';
import { projectPageChanges } from '../app/views/project-page-changes';
import { projectPageObjective } from '../app/views/project-page-objective';
import { organisationView } from '../app/views/organisation-page';
import { dismissPrompt, snoozePrompt } from '../app/prompts/act-on-prompt';
import { answeredPrompts, objectiveDecisions } from '../app/prompts/answered-prompts';
import { answerPrompt } from '../app/prompts/answer-prompt';
import { promptInbox } from '../app/prompts/prompt-inbox';
import { updateWorkgroup } from '../app/workgroups/update-workgroup';
import type { ApiKey } from '../contract/api';
import { endpointHandler, signedIn, siteAdmin, type Access, type Run } from './endpoint-handler';
import { portsFor, type PortOverrides } from './invocation-ports';

export function buildResolver(overrides: PortOverrides = {}): Resolver {
  const resolver = new Resolver();
  const ports = (accountId: string | null, key: ApiKey) => portsFor(accountId, `resolver ${key}`, overrides);
  const on = <K extends ApiKey>(key: K, access: Access, run: Run<K>) => {
    resolver.define(key, endpointHandler(key, access, run, ports));
  };

  on('settings/get', signedIn, (_payload, p) => getSettings(p));
  on('settings/update', siteAdmin('change the settings'), (payload, p) => updateSettings(p, payload));
  on('levels/update', siteAdmin('change the levels'), (payload, p) => updateLevels(p, payload));
  on('periods/create', siteAdmin('create periods'), (payload, p) => createPeriod(p, payload));
  on('periods/update', siteAdmin('change periods'), (payload, p) => updatePeriod(p, payload));
  on('periods/close', siteAdmin('close periods'), (payload, p) => closePeriod(p, payload));
  on('workgroups/list', signedIn, (payload, p) => listWorkgroups(p, payload));
  on('workgroups/create', siteAdmin('create workgroups'), (payload, p) => createWorkgroup(p, payload));
  on('workgroups/update', siteAdmin('change workgroups'), (payload, p) => updateWorkgroup(p, payload));
  on('workgroups/delete', siteAdmin('delete workgroups'), (payload, p) => deleteWorkgroup(p, payload));
  on('me/get', signedIn, (_payload, p) => getMe(p));
  on('me/notifications', signedIn, (payload, p) => meNotifications({ ...p, prefs: forgeNotificationPrefs() }, payload));
  // objectives and key results: who may change which objective is decided per objective (src/app/objectives/objective-access.ts)
  on('objectives/list', siteAdmin('list every objective'), (payload, p) => listObjectives(p, payload));
  on('objectives/create', signedIn, (payload, p) => createObjective(p, payload));
  on('objectives/update', signedIn, (payload, p) => updateObjective(p, payload));
  on('objectives/archive', signedIn, (payload, p) => archiveObjective(p, payload));
  on('objectives/move', signedIn, (payload, p) => moveObjective(p, payload));
  on('key-results/create', signedIn, (payload, p) => createKeyResult(p, payload));
  on('key-results/update', signedIn, (payload, p) => updateKeyResult(p, payload));
  on('key-results/delete', signedIn, (payload, p) => deleteKeyResult(p, payload));
  on('check-ins/create', signedIn, (payload, p) => createCheckIn(p, payload));
  on('check-ins/create-many', signedIn, (payload, p) => recordCheckIns(p, payload));
  on('check-ins/list', signedIn, (payload, p) => listCheckIns(p, payload));
  on('contributions/link', signedIn, (payload, p) => changeLink(p, payload, true));
  on('contributions/unlink', signedIn, (payload, p) => changeLink(p, payload, false));
  on('contributions/link-many', signedIn, (payload, p) => linkMany(p, payload));
  on('contributions/counted', signedIn, (payload, p) => countedListed(p, payload));
  on('project-page/view', signedIn, (payload, p) => projectPageView(p, payload));
  on('project-page/changes', signedIn, (payload, p) => projectPageChanges(p, payload));
  on('project-page/objective', signedIn, (payload, p) => projectPageObjective(p, payload));
  on('project-page/feedback', signedIn, (payload, p) => projectPageFeedback(p, payload));
  on('issue-panel/view', signedIn, (payload, p) => issuePanelView(p, payload));
  // the organisation page and the dashboard gadget: every objective the caller may see (src/app/views/organisation-page.ts)
  on('organisation/view', signedIn, (payload, p) => organisationView(p, payload));
  on('objectives/history', signedIn, (payload, p) => objectiveHistory(p, payload));
  on('objectives/explain', signedIn, (payload, p) => objectiveExplained(p, payload));
  on('objectives-file/export', siteAdmin('export the objectives file'), (_payload, p) => exportObjectives(p));
  on('objectives-file/upload-part', siteAdmin('upload an objectives file'), (payload, p) => uploadPart(p, payload));
  on('objectives-file/import', siteAdmin('import the objectives file'), (payload, p) =>
    importObjectives(p, p.importJobs, payload),
  );
  on('objectives-file/import-status', siteAdmin('follow an objectives-file import'), (payload, p) =>
    importJobStatus(p, p.importJobs, payload),
  );
  on('jql/validate', signedIn, (payload, p) => checkJql(p, payload));
  on('carry-forward/preview', siteAdmin('carry objectives forward'), (payload, p) => previewCarryForward(p, payload));
  on('carry-forward/apply', siteAdmin('carry objectives forward'), (payload, p) => carryForward(p, payload));
  // prompts: only the recipient acts on a prompt; answered prompts are for leads and admins (src/app/prompts)
  on('prompts/inbox', signedIn, (payload, p) => promptInbox(p, payload));
  on('prompts/answer', signedIn, (payload, p) => answerPrompt(p, payload));
  on('prompts/dismiss', signedIn, (payload, p) => dismissPrompt(p, payload));
  on('prompts/snooze', signedIn, (payload, p) => snoozePrompt(p, payload));
  on('prompts/answered', signedIn, (payload, p) => answeredPrompts(p, payload));
  on('objectives/decisions', signedIn, (payload, p) => objectiveDecisions(p, payload));
  on('feedback/period', siteAdmin('read the period reviews'), (payload, p) => periodFeedback(p, payload));
  on('jobs/list', siteAdmin('see the background jobs'), (_payload, p) => listJobs(p));
  on('jobs/retry', siteAdmin('retry background jobs'), (payload, p) => retryJob(p, payload));
  return resolver;
}
