/**
 * Who may receive a prompt: only someone who may see its objective (docs/prompts.md, "Who may be
 * asked"). A prompt shows its objective's key and title and lets its recipient answer about it,
 * so a rule's recipient who may not see the objective — the assignee of an issue serving a
 * restricted objective, the owner of a parent above a restricted child, a key result's owner left
 * out of a restricted objective's workgroup — is not asked. Prompts about a workgroup (alignment
 * gaps) name no objective and go to the workgroup's leads as their rule says.
 *
 * Who may see is ObjectiveAccess's one rule, applied to the recipient instead of the caller: these
 * prompts are raised by triggers and jobs that no recipient invokes, so what Jira has to answer
 * (a Jira administrator; BROWSE_PROJECTS on a workgroup's project, for a public objective) is asked
 * as the app about that account (JiraPort.accountPermissions, Jira's bulk permission check).
 * Without it, Jira grants nothing: only the objective's owner and its workgroup's leads and members
 * are asked — never more than may see.
 */
import type { Objective, Prompt } from '../../contract';
import { ObjectiveAccess } from '../objectives/objective-access';
import { Permissions } from '../permissions';
import type { JiraPort, ObjectiveStore, WorkgroupStore } from '../../ports';

export interface AudiencePorts {
  /** Jira as the app, to ask what another account may do. */
  jira?: Pick<JiraPort, 'accountPermissions'> | undefined;
  objectiveStore: Pick<ObjectiveStore, 'getMany'>;
  workgroups: Pick<WorkgroupStore, 'getMany'>;
}

export interface PromptAudience {
  /** Whether `accountId` may see the objective. */
  maySee(accountId: string, objective: Objective): Promise<boolean>;
  /** The prompts whose recipient may see what they are about, in the same order. */
  mayReceive(prompts: readonly Prompt[]): Promise<Prompt[]>;
}

/** The objective a prompt is about; null for a prompt about a workgroup. */
export function promptObjectiveId(p: Prompt): string | null {
  return p.subject.type === 'workgroup' ? null : p.subject.objectiveId;
}

/**
 * One per invocation: each account's Jira answers are asked once. `known`: objectives the caller
 * has read already (a rollup's copy), used when the objective store does not hold them.
 */
export function promptAudience(ports: AudiencePorts, known: Iterable<Objective> = []): PromptAudience {
  const copies = new Map([...known].map((o) => [o.id, o]));
  const byAccount = new Map<string, ObjectiveAccess>();
  const accessOf = (accountId: string): ObjectiveAccess => {
    let access = byAccount.get(accountId);
    if (access === undefined) {
      const jira = ports.jira;
      const permissions = new Permissions(
        {
          myPermissions: (scope, asked) =>
            jira?.accountPermissions === undefined
              ? Promise.resolve(new Set())
              : jira.accountPermissions(accountId, scope, asked),
        },
        accountId,
      );
      // levels decide who manages, not who sees
      access = new ObjectiveAccess(permissions, ports.workgroups, []);
      byAccount.set(accountId, access);
    }
    return access;
  };
  const maySee = (accountId: string, objective: Objective) => accessOf(accountId).canView(objective);
  return {
    maySee,
    async mayReceive(prompts) {
      const ids = [...new Set(prompts.flatMap((p) => promptObjectiveId(p) ?? []))];
      const objectives: Map<string, Objective> = ids.length === 0 ? new Map() : await ports.objectiveStore.getMany(ids);
      const kept: Prompt[] = [];
      for (const p of prompts) {
        const id = promptObjectiveId(p);
        if (id === null) kept.push(p);
        else {
          const objective = objectives.get(id) ?? copies.get(id);
          if (objective !== undefined && (await maySee(p.recipient, objective))) kept.push(p);
        }
      }
      return kept;
    },
  };
}
