/**
 * showFlag/closeFlag in the page around the frames: flags stack at the bottom left as in Jira,
 * with an icon per type, title, description, actions and a close button. Built with DOM calls
 * (no markup from the app is ever parsed).
 */
import type { FlagPayload } from './messages';

const ICONS: Record<FlagPayload['type'], string> = { info: 'i', success: '✓', warning: '!', error: '!' };
const AUTO_DISMISS_MS = 8000;

function container(): HTMLElement {
  const existing = document.getElementById('tether-flags');
  if (existing) return existing;
  const group = document.createElement('div');
  group.id = 'tether-flags';
  group.className = 'flag-group';
  document.body.appendChild(group);
  return group;
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

export function closeFlag(id: string): boolean {
  const flag = container().querySelector(`[data-flag-id="${CSS.escape(id)}"]`);
  if (!flag) return false;
  flag.remove();
  return true;
}

/** Every flag's close button (also the server's flag after a form post) removes its flag. */
export function closeFlagsOnClick(): void {
  document.addEventListener('click', (e: MouseEvent) => {
    const target = e.target;
    if (target instanceof Element && target.closest('.flag__close')) target.closest('.flag')?.remove();
  });
}

/** Shows (or replaces) a flag; `onAction(index)` runs when an action is clicked. */
export function showFlag(flag: FlagPayload, onAction: (index: number) => void): void {
  const id = String(flag.id);
  closeFlag(id);
  const type = flag.appearance ?? flag.type;
  const box = element('div', `flag flag--${type}${flag.appearance !== undefined ? ' flag--bold' : ''}`);
  box.setAttribute('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
  box.dataset.flagId = id;
  const icon = element('span', 'flag__icon', ICONS[type]);
  icon.setAttribute('aria-hidden', 'true');
  const body = element('div', 'flag__body');
  if (flag.title !== undefined) body.appendChild(element('div', 'flag__title', flag.title));
  if (flag.description !== undefined) body.appendChild(element('div', 'flag__description', flag.description));
  if (flag.actions.length > 0) {
    const actions = element('div', 'flag__actions');
    flag.actions.forEach((action, index) => {
      const button = element('button', 'flag__action', action.text);
      button.setAttribute('type', 'button');
      button.addEventListener('click', () => onAction(index));
      actions.appendChild(button);
    });
    body.appendChild(actions);
  }
  const close = element('button', 'flag__close', '×');
  close.setAttribute('type', 'button');
  close.setAttribute('aria-label', 'Dismiss');
  box.append(icon, body, close);
  container().prepend(box);
  if (flag.isAutoDismiss === true) setTimeout(() => box.remove(), AUTO_DISMISS_MS);
}
