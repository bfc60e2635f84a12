/**
 * "Email me about prompts": the caller's own choice whether outcome reviews (and escalations)
 * tied to an issue also reach them as a Jira notification email (me/notifications; docs/prompts.md,
 * "Outside Tether"). A checkbox that saves on change, shown in the prompt areas (the project page's
 * inbox, the issue panel's questions). It shows nothing until the choice is read, and says so when
 * saving fails, keeping what is stored.
 */
import { useId, useState } from 'react';
import { token } from '@atlaskit/tokens';
import type { AppError } from '@contract/errors';
import { useHost } from '../app-context';
import { useResource } from '../use-resource';
import { ErrorNotice } from './error-notice';

export function EmailPromptsToggle() {
  const { client } = useHost();
  const choice = useResource('me/notifications', {});
  const [saving, setSaving] = useState(false);
  const [chosen, setChosen] = useState<boolean | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const id = useId();
  if (choice.data === null) return null;
  const emails = chosen ?? choice.data.emails;
  const change = async (next: boolean) => {
    setSaving(true);
    setError(null);
    setChosen(next);
    const reply = await client.call('me/notifications', { emails: next });
    setSaving(false);
    if (reply.ok) setChosen(reply.data.emails);
    else {
      setChosen(null);
      setError(reply.error);
    }
  };
  return (
    <div style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>
      <label htmlFor={id} style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.075') }}>
        <input
          id={id}
          type="checkbox"
          checked={emails}
          disabled={saving}
          onChange={(e) => void change(e.currentTarget.checked)}
        />
        Email me about prompts on issues
      </label>
      {error === null ? null : <ErrorNotice error={error} />}
    </div>
  );
}
