// `npm start`: the local Forge host. It is built under issue 3 ("Local Forge host"); until it
// lands this says so plainly instead of pretending to run something.
console.error(
  [
    'Tether: the local Forge host (local/) is not built yet.',
    'What works today: the domain core and its tests (`npm test`) and the benchmark (`npm run bench`).',
    'See README.md for the state of each part.',
  ].join('\n'),
);
process.exit(1);
