// The static checks need no broker or database, so this workspace drops the testkit's global
// setup (it would start Kafka and a database for nothing). The end-to-end metrics test, when
// it exists, starts what it needs itself.
const config = require('../../jest.preset.js')(__dirname);
delete config.globalSetup;
delete config.globalTeardown;
module.exports = config;
