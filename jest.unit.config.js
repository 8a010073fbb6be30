/** Pure tests only (no PostgreSQL, no Temporal): `npx jest -c jest.unit.config.js test/unit`. */
const base = require('./jest.config');
module.exports = { ...base, globalSetup: undefined, globalTeardown: undefined };
