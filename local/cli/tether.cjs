#!/usr/bin/env node
// The `tether` command (package.json "bin"): runs local/cli/tether.ts through tsx, so it works
// after `npm install` with no build step. tsx is registered for require() and for import() (the
// host imports the app's TypeScript handlers).
'use strict';

async function run() {
  const { register } = await import('tsx/esm/api');
  register();
  require('tsx/cjs/api').register();
  const { main } = require('./tether.ts');
  return main(process.argv.slice(2));
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
