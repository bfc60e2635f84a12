/**
 * Ports: what the use cases (src/app) need from the outside world, and nothing else.
 *
 * The convention (docs/architecture.md "Ports and adapters"):
 * - Every port — an interface the app calls and an adapter implements — lives here, one file per
 *   area (platform, jira, objectives, rollup, prompts, …). Use cases import them from `src/ports`.
 * - Adapters live in src/forge/<technology>/ (store: Forge KVS, jira: Jira REST, queue: async
 *   events) and are named for what they store or do; an adapter file names the port it implements.
 * - What one use case receives is a bundle declared beside it, `<UseCase>Ports`
 *   (e.g. IssueEventPorts), made of these ports and built per invocation by
 *   src/resolvers/invocation-ports.ts or the trigger.
 */
export * from './platform';
export * from './jira';
export * from './grants';
export * from './settings';
export * from './workgroups';
export * from './objectives';
export * from './contributions';
export * from './check-ins';
export * from './rollup';
export * from './prompts';
export * from './import-jobs';
export * from './objectives-uploads';
export * from './jobs';
export * from './change-marks';
export * from './notifications';
