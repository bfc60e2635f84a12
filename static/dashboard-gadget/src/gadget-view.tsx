/**
 * The gadget on the dashboard: the configured tree (workgroups or a subtree, of a period) with
 * progress and status, or one objective's trend. Only what the viewer may see: the server decides
 * (`organisation/view`, `objectives/history`), so a restricted objective the viewer may not see is
 * not there, and a trend of one is "not found" for them.
 */
import { token } from '@atlaskit/tokens';
import { Empty } from '@shared/components/empty';
import { ErrorNotice } from '@shared/components/error-notice';
import { Loading } from '@shared/components/loading';
import { ObjectiveOutline, type OutlineNames } from '@shared/components/objective-outline';
import { ProgressMeter } from '@shared/components/progress-meter';
import { StatusLozenge } from '@shared/components/status-lozenge';
import { organisationTree } from '@shared/organisation-tree';
import { shownStatus } from '@shared/status-text';
import { count } from '@shared/plural';
import { useResource } from '@shared/use-resource';
import { useMemo } from 'react';
import { treePayload, type GadgetConfig } from './gadget-config';
import { TrendLine } from './trend-line';

function TreeGadget({ config }: { config: GadgetConfig }) {
  const view = useResource('organisation/view', treePayload(config));
  const data = view.data;
  const names = useMemo<OutlineNames>(() => {
    const levels = new Map((data?.levels ?? []).map((l) => [l.id, l.name]));
    const workgroups = new Map((data?.workgroups ?? []).map((w) => [w.id, w.name]));
    return {
      level: (id) => levels.get(id) ?? id,
      workgroup: (id) => (id === null ? '' : (workgroups.get(id) ?? id)),
      person: () => '',
    };
  }, [data]);
  if (view.state === 'loading') return <Loading label="Loading the objectives" height={96} />;
  if (data === null) return view.error === null ? null : <ErrorNotice error={view.error} onRetry={view.reload} />;
  const period = data.periods.find((p) => p.id === data.periodId)?.name ?? 'Every period';
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.100') }}>
      <div style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>
        {period} · {count(data.total, 'objective')}
        {data.next !== null ? `, the first ${data.entries.length} shown` : ''}
      </div>
      {data.total === 0 ? (
        <Empty title="No objectives you can see here" />
      ) : (
        <ObjectiveOutline
          roots={organisationTree(data.entries, data.context, data.levels)}
          names={names}
          label="Objectives"
          compact
        />
      )}
    </div>
  );
}

function TrendGadget({ config, objectiveKey }: { config: GadgetConfig; objectiveKey: string }) {
  const history = useResource('objectives/history', { objectiveKey, days: 90 });
  const view = useResource('organisation/view', {
    ...(config.periodId === null ? {} : { periodId: config.periodId }),
    under: objectiveKey,
    limit: 500,
  });
  if (history.state === 'loading' || view.state === 'loading')
    return <Loading label={`Loading the trend of ${objectiveKey}`} height={96} />;
  if (history.error !== null) return <ErrorNotice error={history.error} onRetry={history.reload} />;
  if (view.error !== null) return <ErrorNotice error={view.error} onRetry={view.reload} />;
  const entry = view.data.entries.find((e) => e.objective.key === objectiveKey);
  const label = entry === undefined ? objectiveKey : `${objectiveKey} ${entry.objective.title}`;
  return (
    <section
      aria-label={`Trend of ${label}`}
      style={{ display: 'flex', flexDirection: 'column', gap: token('space.100') }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100'), flexWrap: 'wrap' }}>
        <strong>{label}</strong>
        {entry !== undefined ? <StatusLozenge status={shownStatus(entry)} /> : null}
        {entry !== undefined ? <ProgressMeter progress={entry.rollup?.progress ?? null} label={label} /> : null}
      </div>
      <TrendLine snapshots={history.data.snapshots} label={`Progress of ${objectiveKey}`} />
    </section>
  );
}

export function GadgetView({ config }: { config: GadgetConfig }) {
  return config.show === 'trend' && config.objectiveKey !== null ? (
    <TrendGadget config={config} objectiveKey={config.objectiveKey} />
  ) : (
    <TreeGadget config={config} />
  );
}
