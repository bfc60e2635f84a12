/** What `tether help` prints: every command and option of local/cli/tether.ts (docs are checked against it). */
export const USAGE = `Usage: tether <command> [options]

Commands:
  jira <METHOD> <path>   one REST call to the local Jira, e.g. tether jira GET /rest/api/3/myself --as lead
      --as <who>         admin (default), lead, member, outsider, an account id, or app (the app itself)
      --data <json>      the request body
  trigger <key>          run a scheduled trigger of manifest.yml now
  reset --yes            delete the data folder (KVS data and the local Jira)
  start [--port n]       serve the app in Jira-like pages (PORT or 8080) until Ctrl-C
      --no-demo          on a new data folder, start without the demo organisation
  import-jira <file>...  load Jira exports into the local Jira (see tether import-jira --help)
  apply <file> [--dry-run]
                         check an objectives file and apply it, all or nothing (as --as, default admin)
  export                 print the whole hierarchy as an objectives file (YAML)
  rollup [--project KEY] [--json]
                         the rollup the project page shows, from the app's data
  help                   this text

Options for every command:
  --manifest <file>      the app's manifest (default ./manifest.yml, or TETHER_MANIFEST)
  --app <file>           the app's entry (default src/index beside the manifest, or TETHER_APP)

Data lives in TETHER_DATA (default ./.tether). TETHER_NOW=2026-11-20T10:00:00Z (or a day,
2027-03-29) sets the clock that the host, the app and its pages read; it moves on from there.`;
