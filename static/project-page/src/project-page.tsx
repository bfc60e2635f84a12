import { useHost } from '../../shared/src/app-context';
import { useResource } from '../../shared/src/use-resource';
import { Loading } from '../../shared/src/components/loading';
import { ErrorBanner } from '../../shared/src/components/error-banner';
import { StatusLozenge } from '../../shared/src/components/status-lozenge';
import { ProgressMeter } from '../../shared/src/components/progress-meter';

export function ProjectPage() {
  const { context } = useHost();
  const view = useResource('project-page/view', { projectKey: context.projectKey ?? '' });
  if (view.state === 'loading') return <Loading label="Loading objectives" />;
  if (view.state === 'error') return <ErrorBanner error={view.error} onRetry={view.reload} onReload={view.reload} />;
  return (
    <main>
      <h1>Objectives</h1>
      {view.data.workgroups.map((w) => (
        <section key={w.id}>
          <h2>{w.name}</h2>
          <ul>
            {w.objectives.map(({ objective, rollup }) => (
              <li key={objective.id}>
                {objective.key} {objective.title} {rollup ? <StatusLozenge status={rollup.status} /> : null}
                <ProgressMeter progress={rollup?.progress ?? null} label={objective.title} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
