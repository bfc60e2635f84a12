/**
 * Tether's admin page (Jira settings → Apps): levels, periods, workgroups, the organisation's
 * objectives, their period reviews, policies, and the objectives file — one tab each, on the settings read once.
 * Jira shows the page to its administrators only; anyone else who reaches it (a direct link, the
 * local host's personas) is told so instead of meeting a refusal on every tab.
 */
import { lazy, Suspense, useState } from 'react';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { ErrorNotice } from '@shared/components/error-notice';
import { Loading } from '@shared/components/loading';
import { Notice } from '@shared/components/notice';
import { useResource } from '@shared/use-resource';
import { ImportExportTab } from './import-export-tab';
import { LevelsTab } from './levels-tab';
import { ObjectivesTab } from './objectives-tab';
import { PeriodsTab } from './periods-tab';
import { PoliciesTab } from './policies-tab';
import { useSettings } from './use-settings';
import { WorkgroupsTab } from './workgroups-tab';

/** Period reviews arrive in a chunk of their own, when the tab is first opened. */
const PeriodReviewsTab = lazy(() => import('./period-reviews-tab'));
const JobsTab = lazy(() => import('./jobs-tab'));

const TABS = [
  'Levels',
  'Periods',
  'Workgroups',
  'Objectives',
  'Period reviews',
  'Policies',
  'Import and export',
  'Background jobs',
] as const;

export function AdminPage() {
  const load = useSettings();
  const me = useResource('me/get', {});
  const [selected, setSelected] = useState(0);
  const notAdmin = me.data !== null && !me.data.isSiteAdmin;
  return (
    <main
      style={{
        padding: `${token('space.300')} ${token('space.400')}`,
        color: token('color.text'),
        font: token('font.body'),
        background: token('elevation.surface'),
      }}
    >
      <h1 style={{ font: token('font.heading.large'), margin: `0 0 ${token('space.200')}` }}>Tether</h1>
      {notAdmin ? (
        <Notice appearance="warning" title="Only Jira administrators can configure Tether">
          <p style={{ margin: 0 }}>
            Levels, periods, workgroups, the organisation's objectives and the objectives file are set here by Jira
            administrators. Your workgroups' objectives are on their projects' Tether page; ask a Jira administrator for
            changes here.
          </p>
        </Notice>
      ) : null}
      {!notAdmin && (load.state === 'loading' || me.state === 'loading') ? (
        <Loading label="Loading Tether's settings" height={320} />
      ) : null}
      {!notAdmin && load.state === 'error' ? (
        <ErrorNotice error={load.error} onRetry={load.reload} onReload={load.reload} />
      ) : null}
      {!notAdmin && me.state === 'error' ? <ErrorNotice error={me.error} onRetry={me.reload} /> : null}
      {!notAdmin && load.state === 'ready' && me.state === 'ready' ? (
        <Tabs id="tether-admin" selected={selected} onChange={setSelected}>
          <TabList>
            {TABS.map((t) => (
              <Tab key={t}>{t}</Tab>
            ))}
          </TabList>
          <TabPanel>
            <div style={{ width: '100%' }}>
              <LevelsTab {...load} />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ width: '100%' }}>
              <PeriodsTab {...load} />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ width: '100%' }}>
              <WorkgroupsTab />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ width: '100%' }}>
              <ObjectivesTab {...load} />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ width: '100%' }}>
              <Suspense fallback={<Loading label="Loading period reviews" />}>
                <PeriodReviewsTab settings={load.settings} />
              </Suspense>
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ width: '100%' }}>
              <PoliciesTab {...load} />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ width: '100%' }}>
              <ImportExportTab onApplied={load.reload} />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ width: '100%' }}>
              <Suspense fallback={<Loading label="Loading the background jobs" />}>
                <JobsTab />
              </Suspense>
            </div>
          </TabPanel>
        </Tabs>
      ) : null}
    </main>
  );
}
