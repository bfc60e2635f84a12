/**
 * The layer rule of docs/architecture.md, checked on every `npm run lint`:
 *   src/     -> every file reachable from src/index.ts (nothing lives only for tests)
 *   domain   -> contract only
 *   app      -> domain, contract, ports
 *   ports    -> contract, domain, app's stored-record types (interfaces only, no adapters, no SDKs)
 *   @forge/* -> only forge/, triggers/, resolvers/, index.ts
 *   static/  -> contract, never other src/ internals; every import resolves (the @contract/* and
 *              @shared/* aliases through tsconfig.json's paths)
 *   local/   -> anything; nothing imports local/
 *   local/{kvs,jira,runtime,host,server} (the emulator) -> never src/, static/ or the
 *            Tether-specific parts of local/ (demo, cli, import, app-calls)
 */
module.exports = {
  forbidden: [
    {
      name: 'src-reachable-from-index',
      comment:
        'Every file under src/ is reachable from src/index.ts (the handlers manifest.yml names), so no production-looking code lives only for tests or benchmarks. Type-only files count: they are imported too.',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: '^src/', pathNot: '\\.d\\.ts$', reachable: false },
    },
    {
      name: 'domain-is-pure',
      comment: 'src/domain may import only src/contract (and itself). No SDKs, no I/O, no node built-ins.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/(domain|contract)/' },
    },
    {
      name: 'contract-is-leaf',
      comment: 'src/contract is shared with the frontend: it may import only zod and itself.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { pathNot: ['^src/contract/', 'node_modules/zod/'] },
    },
    {
      name: 'app-uses-ports',
      comment: 'Use cases import domain, contract and ports only (plus plain libraries); adapters are passed in.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/', pathNot: ['^src/(domain|contract|app|ports)/'] },
    },
    {
      name: 'ports-are-interfaces',
      comment:
        'src/ports holds the interfaces use cases call and adapters implement: it names contract, domain and the stored-record types of app/, never an adapter or an SDK.',
      severity: 'error',
      from: { path: '^src/ports/' },
      to: { pathNot: ['^src/(domain|contract|app|ports)/'] },
    },
    {
      name: 'forge-sdk-only-in-adapters',
      comment: 'Only forge/, triggers/, resolvers/ and index.ts may import @forge/* on the backend.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(forge|triggers|resolvers)/', '^src/index\\.ts$'] },
      to: { path: 'node_modules/@forge/' },
    },
    {
      name: 'static-only-contract',
      comment: 'The frontend shares types through src/contract only.',
      severity: 'error',
      from: { path: '^static/' },
      to: { path: '^src/', pathNot: '^src/contract/' },
    },
    {
      name: 'static-imports-resolve',
      comment:
        "Every import in static/ resolves (through tsconfig.json's paths, so @contract/* and @shared/* too): an alias this check " +
        'could not follow would hide the import from static-only-contract.',
      severity: 'error',
      from: { path: '^static/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'nothing-imports-local',
      comment: 'The local host is a consumer of the app, never a dependency of it.',
      severity: 'error',
      from: { pathNot: '^(local|test|bench|scripts)/' },
      to: { path: '^local/' },
    },
    {
      name: 'emulator-stands-alone',
      comment:
        'The Forge emulator (local/kvs, jira, runtime, host, server) knows nothing of Tether: it imports neither src/ nor static/ ' +
        'nor the Tether-specific parts of local/ (demo, cli, import, app-calls), which may import src/. What it needs from the app ' +
        'comes in through options (manifest, app module, seed), never by import.',
      severity: 'error',
      from: { path: '^local/(kvs|jira|runtime|host|server)/' },
      to: { path: ['^src/', '^static/', '^local/(demo|cli|import|app-calls)/'] },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles that exist at run time. A cycle made only of type imports (src/ports names the stored-record types of app/, whose use cases import the ports) is erased by compilation and allowed.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)build/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
