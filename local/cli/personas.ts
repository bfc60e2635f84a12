/** `--as`: a persona of the persona switcher, an account id, or `app` for the app itself (asApp). */
import type { LocalJira } from '../jira';
import { Persona } from '../jira/model';

export function accountFor(jira: LocalJira, as: string): string | null {
  if (as === 'app') return null;
  const persona = Persona.safeParse(as);
  if (persona.success) {
    const user = jira.store.users().find((u) => u.persona === persona.data);
    if (user === undefined) throw new Error(`No user of this site has the persona ${as}`);
    return user.accountId;
  }
  if (jira.store.user(as) !== undefined) return as;
  const personas = jira.store
    .users()
    .filter((u) => u.persona !== null)
    .map((u) => `${u.persona ?? ''} (${u.accountId})`);
  throw new Error(`--as ${as}: not a persona nor an account of this site; use app, or one of ${personas.join(', ')}`);
}
