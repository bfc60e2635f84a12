/** Search and filters over the loaded view (nothing is asked of the server). */
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import { RollupStatus } from '@contract/rollup';
import { EnumOptions, NativeSelect, SMALL_LABEL_STYLE } from '@shared/components/field';
import { STATUS_TEXT } from '@shared/components/status-lozenge';
import { narrows, type TreeFilter, type WorkgroupView } from './objective-tree';
import { TextInput } from '@shared/components/text-input';

export function FilterBar({
  filter,
  onChange,
  workgroups,
  owners,
}: {
  filter: TreeFilter;
  onChange: (next: TreeFilter) => void;
  workgroups: readonly WorkgroupView[];
  owners: readonly { accountId: string; name: string }[];
}) {
  const active = narrows(filter) || filter.workgroupId !== null;
  return (
    <div
      role="search"
      aria-label="Filter objectives"
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'flex-end',
        gap: token('space.150'),
        marginBottom: token('space.200'),
      }}
    >
      <label style={{ ...SMALL_LABEL_STYLE, flex: '1 1 220px', maxWidth: 320 }}>
        Search
        <TextInput
          aria-label="Search objectives"
          placeholder="Key, title or owner"
          value={filter.text}
          onChange={(e) => onChange({ ...filter, text: e.currentTarget.value })}
        />
      </label>
      <label style={SMALL_LABEL_STYLE}>
        Workgroup
        <NativeSelect
          value={filter.workgroupId ?? ''}
          onChange={(e) =>
            onChange({ ...filter, workgroupId: e.currentTarget.value === '' ? null : e.currentTarget.value })
          }
        >
          <option value="">All workgroups</option>
          {workgroups.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </NativeSelect>
      </label>
      <label style={SMALL_LABEL_STYLE}>
        Status
        <NativeSelect
          value={filter.status ?? ''}
          onChange={(e) => {
            const status = RollupStatus.safeParse(e.currentTarget.value);
            onChange({ ...filter, status: status.success ? status.data : null });
          }}
        >
          <option value="">Any status</option>
          <EnumOptions values={RollupStatus.options} text={STATUS_TEXT} />
        </NativeSelect>
      </label>
      <label style={SMALL_LABEL_STYLE}>
        Owner
        <NativeSelect
          value={filter.owner ?? ''}
          onChange={(e) => onChange({ ...filter, owner: e.currentTarget.value === '' ? null : e.currentTarget.value })}
        >
          <option value="">Anyone</option>
          {owners.map((o) => (
            <option key={o.accountId} value={o.accountId}>
              {o.name}
            </option>
          ))}
        </NativeSelect>
      </label>
      {active ? (
        <Button
          appearance="subtle"
          onClick={() => onChange({ workgroupId: null, status: null, owner: null, text: '' })}
        >
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
