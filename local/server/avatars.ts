/**
 * `GET /rest/api/{2,3}/universal_avatar/view/type/{user|project}/avatar/{id}?size=…`: the pictures
 * behind the local Jira's `avatarUrls` (local/jira/render.ts), drawn here as SVG so the Custom UI
 * shows real images instead of broken ones. A user is their initials in a circle, a project the
 * first two letters of its key in a rounded square, each on a colour derived from the id (the same
 * id always gets the same colour); an id the local Jira does not know gets a grey silhouette.
 * Jira answers the same path with the site's stored images (PNG or SVG).
 */
import type { ServerHost } from './host-port';
import { jsonResponse, textResponse, type HttpResponse } from './http/exchange';

export const AVATAR_PATH = /^\/rest\/api\/[23]\/universal_avatar\/view\/type\/(?<type>[^/]+)\/avatar\/(?<id>[^/]+)$/;

/** Jira's sizes (the spec's `size` enum) in pixels; `AvatarUrls` uses the first four. */
export const AVATAR_SIZES = { xsmall: 16, small: 24, medium: 32, large: 48, xlarge: 128 } as const;
export type AvatarSize = keyof typeof AVATAR_SIZES;
/** Without `size`, Jira serves its default; ours is `large` (48 px), the largest of `avatarUrls`. */
export const DEFAULT_AVATAR_SIZE: AvatarSize = 'large';

export type AvatarKind = 'user' | 'project';

function isAvatarSize(size: string): size is AvatarSize {
  return Object.hasOwn(AVATAR_SIZES, size);
}

/**
 * Background colours with white text at a contrast of at least 4.5:1 (Atlassian's 800 shades of
 * blue, purple, red, green, orange, teal, magenta and a slate).
 */
export const AVATAR_COLOURS = [
  '#0055CC',
  '#5E4DB2',
  '#AE2E24',
  '#216E4E',
  '#A54800',
  '#206A83',
  '#943D73',
  '#44546F',
] as const;
export const SILHOUETTE_COLOUR = '#8590A2';

/** Known pictures may be cached for an hour; a silhouette only a minute (the id may appear). */
export const AVATAR_CACHE = 'public, max-age=3600';
export const SILHOUETTE_CACHE = 'public, max-age=60';

/** FNV-1a: a stable 32-bit hash of the id, so its colour does not change between runs. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function avatarColour(id: string): string {
  return AVATAR_COLOURS[hash(id) % AVATAR_COLOURS.length] ?? AVATAR_COLOURS[0];
}

/** First letters of the first and the last word ("Mia Member" → "MM", "Tether" → "T"). */
export function personInitials(displayName: string): string {
  const words = displayName
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const first = words[0];
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return [first, last]
    .map((w) => (w === undefined ? '' : (Array.from(w)[0] ?? '')))
    .join('')
    .toUpperCase();
}

/** The first two characters of a project key ("WEB" → "WE"). */
export function projectInitials(key: string): string {
  return Array.from(key.trim()).slice(0, 2).join('').toUpperCase();
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The shape of the picture: a circle for people, a rounded square for projects (as in Jira). */
function backdrop(kind: AvatarKind, fill: string): string {
  return kind === 'user'
    ? `<circle cx="50" cy="50" r="50" fill="${fill}"/>`
    : `<rect width="100" height="100" rx="14" fill="${fill}"/>`;
}

const PERSON_SILHOUETTE =
  '<circle cx="50" cy="38" r="17" fill="#FFFFFF"/><path d="M18 86c4-17 17-27 32-27s28 10 32 27a50 50 0 0 1-64 0z" fill="#FFFFFF"/>';
const PROJECT_SILHOUETTE =
  '<rect x="24" y="32" width="52" height="40" rx="5" fill="#FFFFFF"/><rect x="24" y="26" width="22" height="10" rx="3" fill="#FFFFFF"/>';

/**
 * The SVG of one avatar, `px` wide and high. `subject` null draws the silhouette of the kind;
 * otherwise its initials on the colour of its id.
 */
export function avatarSvg(
  kind: AvatarKind,
  subject: { id: string; name: string; initials: string } | null,
  px: number,
): string {
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" viewBox="0 0 100 100" role="img">`;
  if (subject === null || subject.initials === '') {
    const title = kind === 'user' ? 'Unknown user' : 'Unknown project';
    return `${open}<title>${title}</title>${backdrop(kind, SILHOUETTE_COLOUR)}${kind === 'user' ? PERSON_SILHOUETTE : PROJECT_SILHOUETTE}</svg>`;
  }
  const fontSize = subject.initials.length > 1 ? 40 : 48;
  return (
    `${open}<title>${escapeXml(subject.name)}</title>${backdrop(kind, avatarColour(subject.id))}` +
    `<text x="50" y="50" dy="0.35em" text-anchor="middle" fill="#FFFFFF" font-family="-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" font-size="${fontSize}" font-weight="600">${escapeXml(subject.initials)}</text></svg>`
  );
}

function jiraError(status: number, message: string): HttpResponse {
  return jsonResponse(status, { errorMessages: [message], errors: {} });
}

function member(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

/** Reads one record from the local Jira as the app (it may see every user and project). */
async function lookUp(host: ServerHost, path: string): Promise<unknown> {
  const res = await host.jira.request({
    method: 'GET',
    path,
    headers: { accept: 'application/json' },
    body: '',
    asUser: null,
  });
  if (res.status !== 200) return null;
  try {
    const parsed: unknown = JSON.parse(res.body);
    return parsed;
  } catch {
    return null;
  }
}

async function subjectOf(
  host: ServerHost,
  kind: AvatarKind,
  id: string,
): Promise<{ id: string; name: string; initials: string } | null> {
  if (kind === 'user') {
    const user = await lookUp(host, `/rest/api/3/user?accountId=${encodeURIComponent(id)}`);
    const name = member(user, 'displayName');
    return typeof name === 'string' ? { id, name, initials: personInitials(name) } : null;
  }
  const project = await lookUp(host, `/rest/api/3/project/${encodeURIComponent(id)}`);
  const key = member(project, 'key');
  const name = member(project, 'name');
  return typeof key === 'string'
    ? { id, name: typeof name === 'string' ? name : key, initials: projectInitials(key) }
    : null;
}

/** Answers the avatar path (matched by `AVATAR_PATH`), or null when `url` is not one. */
export async function serveAvatar(host: ServerHost, method: string, url: URL): Promise<HttpResponse | null> {
  const m = AVATAR_PATH.exec(url.pathname);
  if (!m) return null;
  if (method !== 'GET' && method !== 'HEAD')
    return jiraError(405, `The method ${method} is not allowed for ${url.pathname}.`);
  const type = m.groups?.type ?? '';
  if (type !== 'user' && type !== 'project') {
    return jiraError(404, `The local Jira draws user and project avatars only, not '${type}'.`);
  }
  let id: string;
  try {
    id = decodeURIComponent(m.groups?.id ?? '');
  } catch {
    return textResponse(400, 'The avatar id is not valid URL encoding.');
  }
  const size = url.searchParams.get('size') ?? DEFAULT_AVATAR_SIZE;
  if (!isAvatarSize(size))
    return jiraError(400, `The size '${size}' is not one of ${Object.keys(AVATAR_SIZES).join(', ')}.`);
  const px = AVATAR_SIZES[size];
  const subject = await subjectOf(host, type, id);
  return {
    status: 200,
    headers: {
      'content-type': 'image/svg+xml',
      'cache-control': subject === null ? SILHOUETTE_CACHE : AVATAR_CACHE,
      // opened on its own, the picture may load nothing and run nothing
      'content-security-policy': "default-src 'none'",
    },
    body: avatarSvg(type, subject, px),
  };
}
