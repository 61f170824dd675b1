/**
 * In CI the integration suites must really run: a CI run without the servers' URLs would pass while testing
 * nothing against PostgreSQL or Redis, so it fails here instead.
 */
const inCi = process.env.CI === 'true' || process.env.CI === '1';

(inCi ? describe : describe.skip)('CI environment', () => {
  it.each(['READMODEL_URL', 'REDIS_URL'])('%s is set so its integration suites run', (name) => {
    expect(process.env[name]).toBeTruthy();
  });
});
