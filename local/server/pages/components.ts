/** Small pieces shared by the pages: issue type icons, status lozenges, project avatars. */
import type { StatusJson } from '../jira-client';
import { html, type SafeHtml } from './html';
import { initials } from './layout';

const TYPE_LOOK: Record<string, { css: string; glyph: string }> = {
  epic: { css: 'epic', glyph: 'E' },
  story: { css: 'story', glyph: 'S' },
  task: { css: 'task', glyph: '✓' },
  bug: { css: 'bug', glyph: '●' },
  'sub-task': { css: 'subtask', glyph: '↳' },
  subtask: { css: 'subtask', glyph: '↳' },
};

export function typeIcon(typeName: string): SafeHtml {
  const look = TYPE_LOOK[typeName.toLowerCase()] ?? { css: 'other', glyph: typeName[0] ?? '?' };
  return html`<span class="type-icon type-icon--${look.css}" title="${typeName}" aria-label="${typeName}">${look.glyph}</span>`;
}

export function statusLozenge(status: StatusJson): SafeHtml {
  const category = ['new', 'indeterminate', 'done'].includes(status.statusCategory.key)
    ? status.statusCategory.key
    : 'new';
  return html`<span class="lozenge lozenge--${category}" data-testid="status">${status.name}</span>`;
}

export function projectAvatar(name: string, small = false): SafeHtml {
  return html`<span class="project-avatar${small ? ' project-avatar--small' : ''}" aria-hidden="true">${initials(name)}</span>`;
}

/** `2026-10-15T12:00:00.000+0000` → `15 Oct 2026, 12:00` (UTC). */
export function jiraDate(value: string | undefined): string {
  if (value === undefined) return '';
  const time = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(time)) return value;
  return new Date(time).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
}
