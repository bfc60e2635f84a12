module.exports = require('./test-run.cjs').setup;
