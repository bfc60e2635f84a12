/**
 * The issue view's controls (`POST /browse/{KEY}/{action}` from HTML forms): each one is a call to
 * the local Jira's REST API as the persona, exactly what Jira's own UI would send, so permissions
 * apply and the app's triggers fire. The answer is a redirect with a one-time message (PRG).
 */
import { z } from 'zod';
import { setFlash, type Flash } from './flash';
import { redirect, textResponse, withCookies, type HttpResponse } from './http/exchange';
import { JiraFailure, STORY_POINTS_FIELD, type PersonaJira } from './jira-client';

export const ISSUE_ACTIONS = ['transition', 'story-points', 'parent', 'delete'] as const;
export type IssueAction = (typeof ISSUE_ACTIONS)[number];

const TransitionForm = z.object({ transition: z.string().regex(/^\d+$/, 'pick a status') });
const PointsForm = z.object({
  points: z
    .string()
    .trim()
    .refine((v) => v === '' || Number.isFinite(Number(v)), 'story points are a number (or empty to clear them)')
    .transform((v) => (v === '' ? null : Number(v))),
});
const ParentForm = z.object({
  parent: z
    .string()
    .trim()
    .max(255)
    .transform((v) => v.toUpperCase()),
});
const DeleteForm = z.object({ deleteSubtasks: z.literal('true').optional() });

function formFields(rawBody: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(rawBody));
}

function parseForm<T extends z.ZodType>(schema: T, rawBody: string): z.infer<T> {
  const parsed = schema.safeParse(formFields(rawBody));
  if (parsed.success) return parsed.data;
  throw new JiraFailure(400, parsed.error.issues.map((i) => i.message).join(' '));
}

async function perform(
  jira: PersonaJira,
  key: string,
  action: IssueAction,
  rawBody: string,
): Promise<{ message: string; next: string }> {
  const path = `/rest/api/3/issue/${encodeURIComponent(key)}`;
  const back = `/browse/${encodeURIComponent(key)}`;
  switch (action) {
    case 'transition': {
      const form = parseForm(TransitionForm, rawBody);
      await jira.send('POST', `${path}/transitions`, { transition: { id: form.transition } });
      const after = await jira.issue(key);
      return { message: `${key} is now ${after?.fields.status.name ?? 'moved'}.`, next: back };
    }
    case 'story-points': {
      const form = parseForm(PointsForm, rawBody);
      await jira.send('PUT', path, { fields: { [STORY_POINTS_FIELD]: form.points } });
      return {
        message:
          form.points === null ? `Story points of ${key} cleared.` : `Story points of ${key} set to ${form.points}.`,
        next: back,
      };
    }
    case 'parent': {
      const form = parseForm(ParentForm, rawBody);
      await jira.send('PUT', path, { fields: { parent: form.parent === '' ? null : { key: form.parent } } });
      return {
        message: form.parent === '' ? `${key} has no parent now.` : `${key} now belongs to ${form.parent}.`,
        next: back,
      };
    }
    case 'delete': {
      const form = parseForm(DeleteForm, rawBody);
      await jira.send('DELETE', `${path}?deleteSubtasks=${form.deleteSubtasks === 'true' ? 'true' : 'false'}`);
      const projectKey = key.replace(/-\d+$/, '');
      return { message: `${key} was deleted.`, next: `/#issues-${encodeURIComponent(projectKey)}` };
    }
  }
}

export async function issueAction(
  jira: PersonaJira,
  key: string,
  actionName: string,
  rawBody: string,
): Promise<HttpResponse> {
  const action = ISSUE_ACTIONS.find((a) => a === actionName);
  if (action === undefined) return textResponse(404, `The issue view has no action '${actionName}'.`);
  let flash: Flash;
  let next = `/browse/${encodeURIComponent(key)}`;
  try {
    const done = await perform(jira, key, action, rawBody);
    flash = { kind: 'success', message: done.message };
    next = done.next;
  } catch (e) {
    if (!(e instanceof JiraFailure)) throw e;
    flash = { kind: 'error', message: `Jira refused: ${e.message}` };
  }
  return withCookies(redirect(next), [setFlash(flash)]);
}
