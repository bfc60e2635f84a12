/** The HTTP side of the local Forge host: Jira-like pages, the Custom UI bridge, the REST API. */
export { startServer, type RunningServer, type StartServerOptions } from './start-server';
export type {
  JiraHttpRequest,
  JiraHttpResponse,
  PersonaAccount,
  ResolverCall,
  ServerHost,
  UiModule,
  UiResource,
} from './host-port';
