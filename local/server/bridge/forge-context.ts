/** The reply to `getContext` (view/getContext.js:9): Forge's FullContext for one frame and persona. */
import type { PersonaAccount, ServerHost } from '../host-port';
import { PersonaJira } from '../jira-client';
import type { ColorMode } from '../theme-choice';
import { localIdOf, type Extension } from './extension';

export const DEFAULT_APP_ID = 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000';
export const DEFAULT_ENVIRONMENT_ID = 'local';
export const DEFAULT_CLOUD_ID = 'tether-local-cloud';

export interface ForgeContext {
  accountId: string;
  cloudId: string;
  siteUrl: string;
  localId: string;
  moduleKey: string;
  environmentId: string;
  environmentType: 'DEVELOPMENT';
  locale: string;
  timezone: string;
  theme: { colorMode: ColorMode; light: 'light'; dark: 'dark'; spacing: 'spacing' };
  surfaceColor: null;
  extension: Extension;
}

export function environmentOf(host: ServerHost): { appId: string; environmentId: string } {
  return { appId: host.app?.id ?? DEFAULT_APP_ID, environmentId: host.app?.environmentId ?? DEFAULT_ENVIRONMENT_ID };
}

export function frameLocalId(host: ServerHost, moduleKey: string): string {
  const { appId, environmentId } = environmentOf(host);
  return localIdOf(appId, environmentId, moduleKey);
}

export async function forgeContext(
  host: ServerHost,
  account: PersonaAccount,
  frame: { moduleKey: string; localId: string; extension: Extension; colorMode: ColorMode },
  serverUrl: string,
): Promise<ForgeContext> {
  const me = await new PersonaJira(host, account.accountId).myself();
  return {
    accountId: account.accountId,
    cloudId: host.site?.cloudId ?? DEFAULT_CLOUD_ID,
    siteUrl: host.site?.siteUrl ?? serverUrl,
    localId: frame.localId,
    moduleKey: frame.moduleKey,
    environmentId: environmentOf(host).environmentId,
    environmentType: 'DEVELOPMENT',
    // Jira says en_US; Forge's context says en-US
    locale: me.locale.replace('_', '-'),
    timezone: me.timeZone,
    // the page's theme (?theme= or its cookie), as Jira reports the user's
    theme: { colorMode: frame.colorMode, light: 'light', dark: 'dark', spacing: 'spacing' },
    surfaceColor: null,
    extension: frame.extension,
  };
}
