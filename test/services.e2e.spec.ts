import request from 'supertest';
import { HotlineServiceModule } from '../apps/hotline/src/app.module';
import { PetitionsServiceModule } from '../apps/petitions/src/app.module';
import { CluesServiceModule } from '../apps/clues/src/app.module';
import { SupervisionServiceModule } from '../apps/supervision/src/app.module';
import { ReportingServiceModule } from '../apps/reporting/src/app.module';
import { startApp } from './support/app';

/** The route prefixes each context owns (SPEC §11: each service serves only its own context's routes). */
const OWN: Record<string, RegExp> = {
  hotline: /^\/api\/(hotline|inbound|outbox)\b/,
  petitions: /^\/api\/petitions\b/,
  clues: /^\/api\/(clues|audit)\b/,
  supervision: /^\/api\/(escalations|deadlines|supervision-orders)\b/,
  reporting: /^\/api\/(campaigns|reports)\b/,
};
/** What every service serves besides its own context: the directory it scopes by, case reads, the platform's routes. */
const SHARED = /^\/api\/(units|cases|admin)\b/;

/**
 * Issue 10: the services of the production topology stand alone — each mounts only its own context's routes (the
 * hotline service serves no clue route), read from each service's own OpenAPI description, and answers 404 for
 * another context's route.
 */
describe.each([
  ['hotline', HotlineServiceModule],
  ['petitions', PetitionsServiceModule],
  ['clues', CluesServiceModule],
  ['supervision', SupervisionServiceModule],
  ['reporting', ReportingServiceModule],
] as const)('the %s service on its own', (name, module) => {
  it('mounts its own routes and none of another context', async () => {
    const t = await startApp({}, undefined, module);
    try {
      const paths = Object.keys((await request(t.http).get('/docs/openapi.json').expect(200)).body.paths as object);
      const own = paths.filter((p) => OWN[name].test(p));
      expect(own.length).toBeGreaterThan(0);
      const foreign = paths.filter((p) => p.startsWith('/api/') && !OWN[name].test(p) && !SHARED.test(p));
      expect(foreign).toEqual([]);
      for (const [other, prefix] of Object.entries(OWN)) {
        if (other === name) continue;
        const sample = { hotline: '/api/hotline/orders', petitions: '/api/petitions', clues: '/api/clues', supervision: '/api/escalations', reporting: '/api/campaigns' }[other]!;
        expect(prefix.test(sample)).toBe(true);
        const res = await request(t.http).get(sample).set('Authorization', `Bearer ${t.token(['admin', 'inspector', 'hotline_operator', 'petition_officer', 'leader'], 'U-QU')}`);
        expect({ service: name, route: sample, status: res.status }).toEqual({ service: name, route: sample, status: 404 });
      }
    } finally {
      await t.close();
    }
  });
});
