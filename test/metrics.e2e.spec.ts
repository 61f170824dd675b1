import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { TestApp, startApp } from './support/app';

/** Prometheus' own checker when the machine has it (Debian's `prometheus` package; CI installs it). */
const promtool = spawnSync('promtool', ['--version']).status === 0;

/**
 * Issue 14: /metrics as Prometheus reads it — accepted by `promtool check metrics`, every appended event counted by
 * type (also those of the schedulers and reactions), projection lag per projection, escalations by level, inbound and
 * outbound messages, HTTP routes by their templates.
 */
describe('metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ CLOCK_START: '2026-03-16T09:00:00+08:00' });
  });
  afterAll(() => t.close());

  it('counts what happened, by route template, event type, level, projection and topic, in a format promtool accepts', async () => {
    const operator = t.token(['hotline_operator'], 'U-RX');
    await request(t.http).post('/api/hotline/orders').set('Authorization', `Bearer ${operator}`).send({ orderNo: 'M-1', channel: 'phone', category: '城市管理', urgency: 'normal', content: '占道经营', unitId: 'U-JD-01' }).expect(201);
    await request(t.http).get('/api/hotline/orders/M-1').set('Authorization', `Bearer ${operator}`).expect(200);
    await request(t.http).get('/docs/').expect(200);
    await request(t.http).post('/api/inbound/hotline.orders.v1').set('Authorization', `Bearer ${operator}`).send({ key: 'M-2', value: { type: 'order.visited', orderNo: 'M-2', occurredAt: '2026-03-16T09:00:00+08:00', payload: {} } }).expect(200);
    // The ladder fires (scheduler-appended events must be counted too).
    await t.setClock('2026-03-18T09:00:00+08:00');
    let text = '';
    for (let i = 0; i < 50; i++) {
      text = (await request(t.http).get('/metrics').expect(200)).text;
      if (/qingfeng_events_appended_total\{type="DeadlineEscalated"\} [1-9]/.test(text) && /qingfeng_outbound_messages_total\{topic="qingfeng.escalations.v1"\} [1-9]/.test(text)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(text).toMatch(/qingfeng_http_request_duration_seconds_count\{method="GET",route="\/api\/hotline\/orders\/:orderNo",status="200"\} 1/);
    expect(text).not.toContain('docsunmatched');
    expect(text).toMatch(/qingfeng_events_appended_total\{type="OrderDispatched"\} 1/);
    expect(text).toMatch(/qingfeng_events_appended_total\{type="DeadlineEscalated"\} [1-9]/);
    expect(text).toMatch(/qingfeng_escalations_total\{kind="hotline",level="0"\} 1/);
    expect(text).toMatch(/qingfeng_inbound_messages_total\{topic="hotline.orders.v1",outcome="dead-lettered"\} 1/);
    expect(text).toMatch(/qingfeng_outbound_messages_total\{topic="qingfeng.events.v1"\} [1-9]/);
    expect(text).toMatch(/qingfeng_projection_lag_events\{projection="hotline-orders"\} \d+/);
    if (promtool) {
      const checked = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect({ status: checked.status, problems: `${checked.stdout}${checked.stderr}`.trim() }).toEqual({ status: 0, problems: '' });
    } else {
      // Without promtool: every sample line is `name{labels} value` of a declared metric.
      const declared = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
      for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
        const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
        expect({ line, ok: !!m && [...declared].some((d) => m[1] === d || m[1].startsWith(`${d}_`)) && !Number.isNaN(Number(m[3])) }).toEqual({ line, ok: true });
      }
    }
  });
});
