/**
 * "Link the issues of a JQL search": every issue a JQL query finds, linked to one objective, with
 * the count shown before anything is linked. The JQL is checked by Jira as the user (`jql/validate`,
 * as a query key result's), which also counts what they can see; above JQL_LINK_MAX issues the
 * page refuses and asks for a narrower search. The keys come from Jira's search as the user, and
 * each is linked through `contributions/link-many` (the server checks EDIT_ISSUES on every one).
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { token } from '@atlaskit/tokens';
import type { ProjectPageView } from '@contract/api';
import type { AppError } from '@contract/errors';
import { useHost } from '@shared/app-context';
import { ErrorNotice } from '@shared/components/error-notice';
import { Field, NativeSelect } from '@shared/components/field';
import { TextArea } from '@shared/components/text-input';
import { searchIssues } from '@shared/jira-issues';
import { count } from '@shared/plural';
import { linkMany, type LinkManyOutcome } from './link-many';
import { LinkTargetOptions, targetName, targetOf } from './link-targets';

/** The most issues one JQL link takes (one page of Jira's search). */
export const JQL_LINK_MAX = 100;

type Preview =
  | { state: 'none' }
  | { state: 'counting' }
  | { state: 'invalid'; message: string }
  | { state: 'too-many'; count: number; more: boolean }
  | { state: 'ready'; keys: string[] }
  | { state: 'failed'; error: AppError };

export function JqlLink({
  view,
  defaultTarget,
  onDone,
}: {
  view: ProjectPageView;
  defaultTarget: string;
  onDone: (outcome: LinkManyOutcome, targetText: string) => void;
}) {
  const { client, jira } = useHost();
  const [jql, setJql] = useState('');
  const [target, setTarget] = useState(defaultTarget);
  const [preview, setPreview] = useState<Preview>({ state: 'none' });
  const [linking, setLinking] = useState(false);
  const chosen = targetOf(target);

  const countIssues = async () => {
    if (jira === undefined) return;
    setPreview({ state: 'counting' });
    const checked = await client.call('jql/validate', { jql });
    if (!checked.ok) return setPreview({ state: 'failed', error: checked.error });
    if (!checked.data.valid)
      return setPreview({
        state: 'invalid',
        message: checked.data.errors.join(' ') || 'Jira does not accept this JQL.',
      });
    const n = checked.data.count ?? 0;
    if (n > JQL_LINK_MAX || checked.data.more)
      return setPreview({ state: 'too-many', count: n, more: checked.data.more });
    const found = await searchIssues(jira, jql, JQL_LINK_MAX);
    if (!found.ok) return setPreview({ state: 'failed', error: { code: 'UNAVAILABLE', message: found.message } });
    if (found.more) return setPreview({ state: 'too-many', count: JQL_LINK_MAX, more: true });
    setPreview({ state: 'ready', keys: found.issues.map((i) => i.key) });
  };

  const link = async () => {
    if (preview.state !== 'ready' || chosen === null) return;
    setLinking(true);
    const outcome = await linkMany(client, preview.keys, chosen);
    setLinking(false);
    setPreview({ state: 'none' });
    onDone(outcome, targetName(view, chosen));
  };

  const ready = preview.state === 'ready' ? preview : null;
  return (
    <form
      aria-label="Link the issues of a JQL search"
      onSubmit={(e) => {
        e.preventDefault();
        void countIssues();
      }}
      style={{
        padding: token('space.150'),
        margin: `${token('space.100')} 0`,
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.medium', '6px'),
      }}
    >
      <Field
        id="jql-link-query"
        label="JQL"
        hint={`Tether links at most ${JQL_LINK_MAX} issues at once; you see how many match before anything is linked.`}
        error={preview.state === 'invalid' ? preview.message : undefined}
      >
        {(control) => (
          <TextArea
            {...control}
            value={jql}
            placeholder='project = WEB AND fixVersion = "2.4"'
            onChange={(e) => {
              setJql(e.currentTarget.value);
              setPreview({ state: 'none' });
            }}
          />
        )}
      </Field>
      <Field id="jql-link-target" label="Link them to">
        {(control) => (
          <NativeSelect
            {...control}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            style={{ maxWidth: 360 }}
          >
            <LinkTargetOptions view={view} />
          </NativeSelect>
        )}
      </Field>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          alignItems: 'center',
          gap: token('space.100'),
          marginTop: token('space.150'),
        }}
      >
        <Button type="submit" isDisabled={jql.trim() === '' || preview.state === 'counting' || linking}>
          Count issues
        </Button>
        {ready !== null ? (
          <Button
            appearance="primary"
            isDisabled={chosen === null || linking || ready.keys.length === 0}
            onClick={() => void link()}
          >
            {chosen === null
              ? `Link ${ready.keys.length} to…`
              : `Link ${ready.keys.length} to ${targetName(view, chosen)}`}
          </Button>
        ) : null}
      </div>
      <div role="status" aria-live="polite" style={{ marginTop: token('space.100'), font: token('font.body') }}>
        {preview.state === 'counting'
          ? 'Counting…'
          : ready !== null
            ? ready.keys.length === 0
              ? 'No issue you can see matches this search.'
              : `${count(ready.keys.length, 'issue')} match${ready.keys.length === 1 ? 'es' : ''}. Nothing is linked until you confirm.`
            : linking
              ? 'Linking…'
              : ''}
      </div>
      {preview.state === 'too-many' ? (
        <p role="alert" style={{ margin: `${token('space.100')} 0 0`, color: token('color.text.danger') }}>
          This search finds{' '}
          {preview.more ? `more than ${preview.count.toLocaleString('en-US')}` : preview.count.toLocaleString('en-US')}{' '}
          issues; Tether links at most {JQL_LINK_MAX} at once. Narrow the search (a fix version, an epic, a label) and
          count again.
        </p>
      ) : null}
      {preview.state === 'failed' ? (
        <ErrorNotice error={preview.error} alert onRetry={() => void countIssues()} />
      ) : null}
    </form>
  );
}
