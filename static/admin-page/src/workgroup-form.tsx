/**
 * Creating or changing a workgroup: name, kind, leads and members picked from Jira's people, and
 * the Jira projects where its work lives. A change sends only what changed, with the version read.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { WorkgroupRecord } from '@contract/api';
import { WORKGROUP_LIMITS } from '@contract/api/workgroups';
import type { WorkgroupKind } from '@contract/workgroups';
import { useHost } from '@shared/app-context';
import { useAction } from '@shared/use-resource';
import { ErrorNotice } from '@shared/components/error-notice';
import { UserPicker } from '@shared/components/user-picker';
import { Actions, FieldRow, Input, messageAt } from './form-bits';
import { NativeSelect } from '@shared/components/field';
import { useFocusOnError } from '@shared/use-first-invalid';

export const KIND_NAMES: Record<WorkgroupKind, string> = {
  'permanent-team': 'Permanent team',
  'cross-functional-team': 'Cross-functional team',
  squad: 'Squad',
  'delivery-group': 'Delivery group',
};
const KINDS = Object.keys(KIND_NAMES).filter((k): k is WorkgroupKind => k in KIND_NAMES);

interface Draft {
  name: string;
  kind: WorkgroupKind;
  leads: string[];
  members: string[];
  projects: string;
}

const projectList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((p) => p.trim().toUpperCase())
    .filter((p) => p !== '');
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function WorkgroupForm({
  workgroup,
  onDone,
}: {
  workgroup: WorkgroupRecord | null;
  onDone: (saved: WorkgroupRecord | null) => void;
}) {
  const { flag } = useHost();
  const create = useAction('workgroups/create');
  const update = useAction('workgroups/update');
  const action = workgroup === null ? create : update;
  const [draft, setDraft] = useState<Draft>(() =>
    workgroup === null
      ? { name: '', kind: 'squad', leads: [], members: [], projects: '' }
      : {
          name: workgroup.name,
          kind: workgroup.kind,
          leads: workgroup.leads,
          members: workgroup.members,
          projects: workgroup.projects.join(', '),
        },
  );
  const prefix = workgroup === null ? 'new-workgroup' : `workgroup-${workgroup.id}`;
  const error = action.error;
  // a refused save puts the focus on the first field to fix (else the banner)
  const formRef = useFocusOnError(error);

  const submit = async () => {
    const projects = projectList(draft.projects);
    let saved: WorkgroupRecord | null;
    if (workgroup === null) {
      saved = await create.run({
        name: draft.name,
        kind: draft.kind,
        leads: draft.leads,
        members: draft.members,
        projects,
      });
    } else {
      const changes = {
        ...(draft.name !== workgroup.name ? { name: draft.name } : {}),
        ...(draft.kind !== workgroup.kind ? { kind: draft.kind } : {}),
        ...(!sameList(draft.leads, workgroup.leads) ? { leads: draft.leads } : {}),
        ...(!sameList(draft.members, workgroup.members) ? { members: draft.members } : {}),
        ...(!sameList(projects, workgroup.projects) ? { projects } : {}),
      };
      if (Object.keys(changes).length === 0) return onDone(null);
      saved = await update.run({ id: workgroup.id, version: workgroup.version, ...changes });
    }
    if (saved) {
      flag({
        type: 'success',
        title: workgroup === null ? `Workgroup ${saved.name} created` : `Workgroup ${saved.name} saved`,
      });
      onDone(saved);
    }
  };

  return (
    <form
      ref={formRef}
      aria-label={workgroup === null ? 'New workgroup' : `Edit workgroup ${workgroup.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.150'),
        padding: token('space.200'),
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.small', '3px'),
        maxWidth: 640,
      }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.200') }}>
        <FieldRow id={`${prefix}-name`} label="Name" error={messageAt(error, 'name')}>
          {(control) => (
            <Input
              {...control}
              value={draft.name}
              maxLength={120}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            />
          )}
        </FieldRow>
        <FieldRow id={`${prefix}-kind`} label="Kind" error={messageAt(error, 'kind')}>
          {(control) => (
            <NativeSelect
              {...control}
              value={draft.kind}
              onChange={(e) =>
                setDraft({ ...draft, kind: KINDS.find((k) => k === e.currentTarget.value) ?? draft.kind })
              }
            >
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_NAMES[k]}
                </option>
              ))}
            </NativeSelect>
          )}
        </FieldRow>
      </div>
      <UserPicker
        id={`${prefix}-leads`}
        label="Leads"
        selected={draft.leads}
        onChange={(leads) => setDraft({ ...draft, leads })}
        error={messageAt(error, 'leads')}
        max={WORKGROUP_LIMITS.leads}
      />
      <UserPicker
        id={`${prefix}-members`}
        label="Members"
        selected={draft.members}
        onChange={(members) => setDraft({ ...draft, members })}
        error={messageAt(error, 'members')}
        max={WORKGROUP_LIMITS.members}
      />
      <FieldRow
        id={`${prefix}-projects`}
        label="Jira projects"
        error={messageAt(error, 'projects')}
        hint={`Project keys, separated by commas (at most ${WORKGROUP_LIMITS.projects}), e.g. WEB, MOB`}
      >
        {(control) => (
          <Input
            {...control}
            value={draft.projects}
            onChange={(e) => setDraft({ ...draft, projects: e.currentTarget.value })}
          />
        )}
      </FieldRow>
      <Actions>
        <Button
          type="submit"
          appearance="primary"
          isLoading={action.pending}
          isDisabled={draft.name.trim() === '' || draft.leads.length === 0}
        >
          {workgroup === null ? 'Create workgroup' : 'Save workgroup'}
        </Button>
        <Button appearance="subtle" onClick={() => onDone(null)}>
          Cancel
        </Button>
        {draft.leads.length === 0 ? (
          <span style={{ color: token('color.text.subtlest') }}>A workgroup needs at least one lead.</span>
        ) : null}
      </Actions>
      {error ? (
        <ErrorNotice
          alert
          error={error}
          onReload={() => (action.clearError(), onDone(null))}
          onRetry={() => void submit()}
        />
      ) : null}
    </form>
  );
}
