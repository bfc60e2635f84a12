/**
 * Tether's admin page (Jira settings → Apps): levels, periods, workgroups, the organisation's
 * objectives, policies, and the objectives file — one tab each, on the settings read once.
 */
import { useState } from 'react';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { ErrorNotice } from '../../shared/src/components/error-notice';
import { Loading } from '../../shared/src/components/loading';
import { ImportExportTab } from './import-export-tab';
import { LevelsTab } from './levels-tab';
import { ObjectivesTab } from './objectives-tab';
import { PeriodsTab } from './periods-tab';
import { PoliciesTab } from './policies-tab';
import { useSettings } from './use-settings';
import { WorkgroupsTab } from './workgroups-tab';

const TABS = ['Levels', 'Periods', 'Workgroups', 'Objectives', 'Policies', 'Import and export'] as const;

export function AdminPage() {
  const load = useSettings();
  const [selected, setSelected] = useState(0);
  return (
    <main style={{ padding: `${token('space.300')} ${token('space.400')}`, color: token('color.text'), font: token('font.body'), background: token('elevation.surface') }}>
      <h1 style={{ font: token('font.heading.large'), margin: `0 0 ${token('space.200')}` }}>Tether</h1>
      {load.state === 'loading' ? <Loading label="Loading Tether's settings" height={320} /> : null}
      {load.state === 'error' ? <ErrorNotice error={load.error} onRetry={load.reload} onReload={load.reload} /> : null}
      {load.state === 'ready' ? (
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
              <PoliciesTab {...load} />
            </div>
          </TabPanel>
          <TabPanel>
            <div style={{ width: '100%' }}>
              <ImportExportTab onApplied={load.reload} />
            </div>
          </TabPanel>
        </Tabs>
      ) : null}
    </main>
  );
}
