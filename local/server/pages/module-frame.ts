/**
 * One app module on a page: its Custom UI in an iframe served from the resource folder, or, when
 * the folder has no build yet, a plain message naming the command that builds it.
 */
import { join } from 'node:path';
import type { ServerHost, UiModule } from '../host-port';
import type { Extension } from '../bridge/extension';
import { frameLocalId } from '../bridge/forge-context';
import { buildCommandOf, hasBuild, resourceUrl } from '../resources';
import { html, jsonForHtml, type SafeHtml } from './html';
import { messageBox } from './layout';

export interface FrameOptions {
  /** `page` fills the main area (project and admin pages); `panel` sizes to its content. */
  size: 'page' | 'panel';
}

export async function moduleFrame(
  host: ServerHost,
  module: UiModule,
  extension: Extension,
  options: FrameOptions,
): Promise<SafeHtml> {
  const resource = host.resources().find((r) => r.key === module.resource);
  if (!resource) {
    return messageBox(
      'error',
      html`The module <code>${module.key}</code> shows the resource <code>${module.resource}</code>, which manifest.yml does not declare.`,
    );
  }
  if (!(await hasBuild(resource))) {
    return messageBox(
      'warning',
      html`<strong>${module.title}</strong> has no build yet: <code>${join(resource.path, 'index.html')}</code> does not exist.`,
      html`Build it with <code data-testid="build-command">${buildCommandOf(resource)}</code>, then reload this page.`,
    );
  }
  const context = { moduleKey: module.key, localId: frameLocalId(host, module.key), extension };
  const minHeight = options.size === 'page' ? 480 : 120;
  return html`<iframe class="app-frame app-frame--${options.size}" title="${module.title}" src="${resourceUrl(resource.key)}" data-tether-frame="${jsonForHtml(context)}" data-module-key="${module.key}" data-min-height="${minHeight}" style="height: ${minHeight}px"></iframe>`;
}

/** The modules of a type, in manifest order. */
export function modulesOfType(host: ServerHost, type: string): UiModule[] {
  return host.modules().filter((m) => m.type === type);
}
