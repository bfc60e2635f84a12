import Lozenge from '@atlaskit/lozenge';
import type { RollupStatus } from '@contract/rollup';
import { STATUS_TEXT } from '../status-text';

export { STATUS_TEXT };

type Appearance = 'success' | 'moved' | 'removed' | 'default' | 'inprogress' | 'new';

const APPEARANCE: Record<RollupStatus, Appearance> = {
  'on-track': 'success',
  'at-risk': 'moved',
  'off-track': 'removed',
  stale: 'default',
  done: 'success',
  cancelled: 'default',
  'no-measure': 'new',
  'not-started': 'default',
};

/** A rollup status as Jira shows statuses: a lozenge, bold for the ones that need attention. */
export function StatusLozenge({ status }: { status: RollupStatus }) {
  return (
    <Lozenge appearance={APPEARANCE[status]} isBold={status === 'off-track' || status === 'done'}>
      {STATUS_TEXT[status]}
    </Lozenge>
  );
}
