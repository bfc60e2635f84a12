/**
 * Workgroups: every workgroup with its kind, leads, members and projects; create, change and
 * delete (a workgroup that still has objectives is refused by the server, which names them).
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { WorkgroupRecord } from '@contract/api';
import { useHost } from '@shared/app-context';
import { useAction, useResource } from '@shared/use-resource';
import { nameOf, useUsers } from '@shared/use-users';
import { ErrorNotice } from '@shared/components/error-notice';
import { Empty } from '@shared/components/empty';
import { Loading } from '@shared/components/loading';
import { Actions, cellStyle, Hidden, SectionTitle, TableHead } from './form-bits';
import { KIND_NAMES, WorkgroupForm } from './workgroup-form';

function DeleteWorkgroup({ workgroup, onDone }: { workgroup: WorkgroupRecord; onDone: (deleted: boolean) => void }) {
  const { flag } = useHost();
  const remove = useAction('workgroups/delete');
  const submit = async () => {
    const done = await remove.run({ id: workgroup.id, version: workgroup.version });
    if (done) {
      flag({ type: 'success', title: `Workgroup ${workgroup.name} deleted` });
      onDone(true);
    }
  };
  return (
    <div
      role="group"
      aria-label={`Delete workgroup ${workgroup.name}`}
      style={{
        padding: token('space.150'),
        background: token('color.background.danger'),
        borderRadius: token('radius.small', '3px'),
      }}
    >
      <strong>Delete {workgroup.name}?</strong>
      <p style={{ margin: `${token('space.050')} 0 0` }}>
        Its projects stop showing it. A workgroup that still has objectives cannot be deleted: move them first.
      </p>
      <Actions>
        <Button appearance="danger" onClick={() => void submit()} isLoading={remove.pending}>
          Delete workgroup
        </Button>
        <Button appearance="subtle" onClick={() => onDone(false)}>
          Cancel
        </Button>
      </Actions>
      {remove.error ? (
        <div style={{ marginTop: token('space.200') }}>
          <ErrorNotice alert error={remove.error} onReload={() => onDone(true)} onRetry={() => void submit()} />
        </div>
      ) : null}
    </div>
  );
}

type Mode = { kind: 'idle' } | { kind: 'create' } | { kind: 'edit'; id: string } | { kind: 'delete'; id: string };

export function WorkgroupsTab() {
  const list = useResource('workgroups/list', {});
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const workgroups = list.data?.workgroups ?? [];
  const people = useUsers(workgroups.flatMap((w) => w.leads));
  const finish = (changed: boolean) => {
    setMode({ kind: 'idle' });
    if (changed) list.reload();
  };

  return (
    <section aria-labelledby="workgroups-title">
      <SectionTitle description="People working together toward shared objectives: a team, a squad, a group formed for one outcome. Each project page shows the workgroups attached to it.">
        <span id="workgroups-title">Workgroups</span>
      </SectionTitle>
      {list.state === 'loading' ? <Loading label="Loading workgroups" /> : null}
      {list.state === 'error' ? <ErrorNotice error={list.error} onRetry={list.reload} onReload={list.reload} /> : null}
      {list.state === 'ready' && workgroups.length === 0 && mode.kind !== 'create' ? (
        <Empty
          title="No workgroups yet"
          action={
            <Button appearance="primary" onClick={() => setMode({ kind: 'create' })}>
              Create workgroup
            </Button>
          }
        >
          Create a workgroup for each team or squad, with its leads and its Jira projects, so its leads can set its
          objectives.
        </Empty>
      ) : null}
      {workgroups.length > 0 ? (
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <TableHead columns={['Name', 'Kind', 'Leads', 'Members', 'Projects']} actions />
          <tbody>
            {workgroups.map((w) =>
              mode.kind === 'edit' && mode.id === w.id ? (
                <tr key={w.id}>
                  <td colSpan={6} style={cellStyle}>
                    <WorkgroupForm workgroup={w} onDone={(saved) => finish(saved !== null)} />
                  </td>
                </tr>
              ) : (
                <tr key={w.id}>
                  <td style={cellStyle}>{w.name}</td>
                  <td style={cellStyle}>{KIND_NAMES[w.kind]}</td>
                  <td style={cellStyle}>{w.leads.map((id) => nameOf(people, id)).join(', ')}</td>
                  <td style={cellStyle}>{w.members.length}</td>
                  <td style={cellStyle}>{w.projects.join(', ') || '—'}</td>
                  <td style={{ ...cellStyle, textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {mode.kind === 'delete' && mode.id === w.id ? (
                      <DeleteWorkgroup workgroup={w} onDone={finish} />
                    ) : (
                      <>
                        <Button appearance="subtle" onClick={() => setMode({ kind: 'edit', id: w.id })}>
                          Edit <Hidden>{w.name}</Hidden>
                        </Button>
                        <Button appearance="subtle" onClick={() => setMode({ kind: 'delete', id: w.id })}>
                          Delete… <Hidden>{w.name}</Hidden>
                        </Button>
                      </>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      ) : null}
      <div style={{ marginTop: token('space.200') }}>
        {mode.kind === 'create' ? (
          <WorkgroupForm workgroup={null} onDone={(saved) => finish(saved !== null)} />
        ) : list.state === 'ready' && workgroups.length > 0 ? (
          <Button appearance="primary" onClick={() => setMode({ kind: 'create' })}>
            Create workgroup
          </Button>
        ) : null}
      </div>
    </section>
  );
}
