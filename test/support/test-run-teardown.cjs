module.exports = require('./test-run.cjs').teardown;
