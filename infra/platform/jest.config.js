// The end-to-end test runs the four services against the suite's shared broker and database,
// which the testkit's global setup provides (or reuses from KAFKA_BROKERS / MONGO_URL).
module.exports = require('../../jest.preset.js')(__dirname);
