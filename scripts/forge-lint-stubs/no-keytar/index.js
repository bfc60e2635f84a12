// Loading this module fails on purpose: @forge/cli-shared (auth/personal/credential-store.js)
// requires keytar inside try/catch and treats a failure as "no keychain". See package.json.
throw new Error(
  'keytar is not available: Tether installs a stand-in (scripts/forge-lint-stubs/no-keytar); forge-lint runs without credentials',
);
