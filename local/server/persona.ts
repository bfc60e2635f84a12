/**
 * Who the page acts as. `?as=<persona>` wins and is remembered in a cookie; otherwise the cookie;
 * otherwise admin. The REST API takes `?as=` only (scripts have no cookie jar), default admin.
 */
import { z } from 'zod';
import { PERSONAS, type PersonaAccount, type PersonaName, type ServerHost } from './host-port';
import { parseCookies } from './http/exchange';

export const PERSONA_COOKIE = 'tether-persona';
export const DEFAULT_PERSONA: PersonaName = 'admin';

export const PersonaParam = z.enum(PERSONAS);

export type PersonaChoice =
  | { ok: true; persona: PersonaName; account: PersonaAccount; setCookie: string | null }
  | { ok: false; message: string };

function unknownPersona(value: string): string {
  return `Unknown persona '${value}': use one of ${PERSONAS.join(', ')} (?as=member).`;
}

function accountOf(host: ServerHost, persona: PersonaName): PersonaAccount | undefined {
  return host.personas().find((p) => p.persona === persona);
}

function choose(host: ServerHost, persona: PersonaName, setCookie: string | null): PersonaChoice {
  const account = accountOf(host, persona);
  if (!account) return { ok: false, message: `The local Jira has no user for the persona '${persona}'.` };
  return { ok: true, persona, account, setCookie };
}

/** For pages: `?as=` (remembered), then the cookie, then admin. */
export function personaForPage(
  host: ServerHost,
  query: URLSearchParams,
  cookieHeader: string | undefined,
): PersonaChoice {
  const asked = query.get('as');
  if (asked !== null) {
    const parsed = PersonaParam.safeParse(asked);
    if (!parsed.success) return { ok: false, message: unknownPersona(asked) };
    return choose(host, parsed.data, `${PERSONA_COOKIE}=${parsed.data}; Path=/; SameSite=Lax; Max-Age=31536000`);
  }
  const remembered = PersonaParam.safeParse(parseCookies(cookieHeader).get(PERSONA_COOKIE));
  return choose(host, remembered.success ? remembered.data : DEFAULT_PERSONA, null);
}

/** For the REST API: `?as=` or admin. */
export function personaForRest(host: ServerHost, query: URLSearchParams): PersonaChoice {
  const asked = query.get('as');
  if (asked === null) return choose(host, DEFAULT_PERSONA, null);
  const parsed = PersonaParam.safeParse(asked);
  if (!parsed.success) return { ok: false, message: unknownPersona(asked) };
  return choose(host, parsed.data, null);
}

/** For the bridge: the persona the page was rendered for. */
export function personaAccount(host: ServerHost, persona: PersonaName): PersonaChoice {
  return choose(host, persona, null);
}
