import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { signToken } from '@qf/platform';
import { ServerProcess, kill9, startServerProcess } from './support/process';

const SECRET = 'pii-test-secret-0123456789abcdef';
const NAME = '欧阳明珠';
const PHONE = '13987654321';
const ADDRESS = '滨江路88号3栋1201室';
const PETITIONER_ADDRESS = '西城街道幸福里7号';
const PETITIONER_ID = '350102198807071357';
const PETITIONER_PHONE = '13611112222';
const REPORTER_NAME = '慕容秋水';
const REPORTER_ID = '440106197012123456';
const REPORTER_PHONE = '13533334444';
const SECRETS = [NAME, PHONE, ADDRESS, PETITIONER_ADDRESS, PETITIONER_ID, PETITIONER_PHONE, REPORTER_NAME, REPORTER_ID, REPORTER_PHONE];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * SPEC §8: no plaintext personal data in the event store, the read models, or the logs. A known caller goes through
 * every work-order path, then every byte under DATA_DIR and everything the server logged is searched for it.
 */
describe('personal data at rest: callers, petitioners, reporters', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qf-pii-'));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server) await kill9(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('never stores or logs the plaintext, while the entitled readers still see it', async () => {
    server = await startServerProcess({ DATA_DIR: dataDir, JWT_SECRET: SECRET, CLOCK: 'manual', CLOCK_START: '2026-03-16T09:00:00+08:00', READMODEL_URL: '', EVENTSTORE_URL: '', LOG_LEVEL: 'trace' });
    const operator = signToken({ sub: 'op', roles: ['hotline_operator'], unitId: 'U-RX' }, SECRET);
    const street = signToken({ sub: 'h', roles: ['unit_handler'], unitId: 'U-JD-01' }, SECRET);
    const supervisor = signToken({ sub: 's', roles: ['supervisor'], unitId: 'U-QU' }, SECRET);
    const call = async (method: string, path: string, token: string, body?: object) => {
      const res = await fetch(`${server!.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const order = { orderNo: 'PII-1', channel: 'phone', category: '噪音', urgency: 'normal', content: '楼下商铺噪音', caller: { name: NAME, phone: PHONE }, address: ADDRESS, unitId: 'U-JD-01' };

    // With an Idempotency-Key, so the remembered answer (which shows the caller in full) is stored too.
    const first = await fetch(`${server!.baseUrl}/api/hotline/orders`, { method: 'POST', headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': 'pii-key-1' }, body: JSON.stringify(order) });
    expect(first.status).toBe(201);
    expect(((await first.json()) as { caller: unknown }).caller).toEqual({ name: NAME, phone: PHONE });
    expect((await call('POST', '/api/hotline/orders', operator, order)).status).toBe(200); // same body, recognised by digest
    expect((await call('POST', '/api/hotline/orders', operator, { ...order, address: '滨江路88号3栋1202室' })).status).toBe(409);
    // The remembered answer is replayed as it was, the address with it.
    const replay = await fetch(`${server!.baseUrl}/api/hotline/orders`, { method: 'POST', headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'idempotency-key': 'pii-key-1' }, body: JSON.stringify(order) });
    expect(((await replay.json()) as { address: unknown }).address).toBe(ADDRESS);
    expect((await call('POST', '/api/hotline/orders', operator, { ...order, caller: { name: NAME, phone: '13900000000' } })).status).toBe(409);
    // A rejected body carrying the phone must not echo it in the error.
    const bad = await call('POST', '/api/hotline/orders', operator, { ...order, orderNo: 'PII-2', urgency: 'x' });
    expect(JSON.stringify(bad.body)).not.toContain(PHONE);
    await call('POST', '/api/hotline/orders/PII-1/sign', street);
    await call('POST', '/api/hotline/orders/PII-1/reply', street, { outcome: 'resolved', reply: '已协调商铺降低音量。' });

    // The address is the caller's (§8): in full where the caller is, masked wherever the caller is masked.
    const contact = (body: Record<string, any>) => ({ caller: body.caller, address: body.address });
    expect(contact((await call('GET', '/api/hotline/orders/PII-1', operator)).body)).toEqual({ caller: { name: NAME, phone: PHONE }, address: ADDRESS });
    expect(contact((await call('GET', '/api/hotline/orders/PII-1', street)).body)).toEqual({ caller: { name: NAME, phone: PHONE }, address: ADDRESS });
    const masked = { caller: { name: '欧**珠', phone: '139****4321' }, address: '滨江路88号****' };
    expect(contact((await call('GET', '/api/hotline/orders/PII-1', supervisor)).body)).toEqual(masked);
    expect(contact((await call('GET', '/api/hotline/orders', operator)).body.items[0])).toEqual(masked);
    const events = await call('GET', '/api/cases/hotline/PII-1/events', operator);
    expect(contact(events.body.items[0].data)).toEqual(masked);
    expect(JSON.stringify(events.body)).not.toContain('digest');

    // Petitions: registered, assigned, read in full by the bureau and the unit, masked elsewhere, repeated.
    const officer = signToken({ sub: 'xf', roles: ['petition_officer'], unitId: 'U-XF' }, SECRET);
    const petition = { channel: 'visit', petitioner: { name: '林某某', idNumber: PETITIONER_ID, phone: PETITIONER_PHONE, address: PETITIONER_ADDRESS }, subject: '拖欠工资', content: '用人单位拖欠工资三个月', category: '劳动保障' };
    const p1 = await call('POST', '/api/petitions', officer, petition);
    expect(p1.body.petitioner.idNumber).toBe(PETITIONER_ID);
    await call('POST', `/api/petitions/${p1.body.id}/assign`, officer, { unitId: 'U-JD-01', mode: 'assign' });
    expect((await call('GET', `/api/petitions/${p1.body.id}`, street)).body.petitioner.phone).toBe(PETITIONER_PHONE);
    expect((await call('POST', '/api/petitions', officer, petition)).body.repeatOf).toBe(p1.body.id);
    await call('GET', '/api/petitions', officer);
    await call('GET', `/api/cases/petition/${p1.body.id}/events`, officer);

    // Clues: a real-name reporter, read unmasked by a case manager (audited), then a second one forgotten.
    const inspector = signToken({ sub: 'jw', roles: ['inspector'], unitId: 'U-JW' }, SECRET);
    const manager = signToken({ sub: 'cm', roles: ['case_manager'], unitId: 'U-JW' }, SECRET);
    const clue = { source: 'other', reporter: { name: REPORTER_NAME, idNumber: REPORTER_ID, phone: REPORTER_PHONE, realName: true }, subjects: [{ name: '某干部', unitId: 'U-BM-ZJ', rank: 'section', partyMember: true }], allegations: '利用职务便利为亲属承揽工程。', category: 'integrity' };
    const c1 = await call('POST', '/api/clues', inspector, clue);
    expect((await call('GET', `/api/clues/${c1.body.id}`, manager)).body.reporter.idNumber).toBe(REPORTER_ID);
    await call('GET', '/api/clues', manager);
    await call('GET', `/api/cases/clue/${c1.body.id}/events`, manager);
    await call('GET', '/api/audit', manager);
    const c2 = await call('POST', '/api/clues', inspector, clue);
    await call('POST', `/api/clues/${c2.body.id}/forget-reporter`, manager);

    // Reports, exports, inboxes and deadline lists carry no personal data either (issues 4 and 5).
    const admin = signToken({ sub: 'ad', roles: ['admin'], unitId: null }, SECRET);
    const leader = signToken({ sub: 'ld', roles: ['leader'], unitId: 'U-QU' }, SECRET);
    await call('POST', '/api/campaigns', admin, { id: 'PII-C', name: '个人信息检查', kinds: ['hotline', 'petition', 'clue'], baselineAt: '2026-03-01T00:00:00+08:00', targetAt: '2026-06-30T00:00:00+08:00' });
    await call('POST', '/api/admin/clock', admin, { now: '2026-04-20T09:00:00+08:00' });
    const texts: string[] = [];
    for (const path of ['/api/reports/monthly-ranking?month=2026-03', '/api/reports/monthly-ranking?month=2026-03&kind=petition', '/api/campaigns/PII-C/clearance', '/api/deadlines?pageSize=200', '/api/escalations?pageSize=200']) {
      texts.push(JSON.stringify((await call('GET', path, path.startsWith('/api/escalations') ? signToken({ sub: 'h', roles: ['unit_head'], unitId: 'U-JD-01' }, SECRET) : leader)).body));
    }
    for (const path of ['/api/reports/monthly-ranking.csv?month=2026-03', '/api/campaigns/PII-C/clearance.csv']) {
      texts.push(await (await fetch(`${server!.baseUrl}${path}`, { headers: { authorization: `Bearer ${leader}` } })).text());
    }
    for (const path of ['/api/reports/monthly-ranking.xlsx?month=2026-03', '/api/campaigns/PII-C/clearance.xlsx']) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await (await fetch(`${server!.baseUrl}${path}`, { headers: { authorization: `Bearer ${leader}` } })).arrayBuffer());
      wb.eachSheet((sheet) => sheet.eachRow((row) => texts.push(JSON.stringify(row.values))));
    }
    // Integration (issue 10): a pushed order with a caller, and a rejected one whose people must not reach the DLQ.
    const pushed = { type: 'order.dispatched', orderNo: 'PII-IN', occurredAt: '2026-04-20T08:00:00+08:00', payload: { channel: 'phone', category: '其他', urgency: 'normal', content: '路灯不亮', unitId: 'U-JD-01', caller: { name: NAME, phone: PHONE } } };
    expect((await call('POST', '/api/inbound/hotline.orders.v1', operator, { key: 'PII-IN', value: pushed })).body).toEqual({ outcome: 'applied' });
    const rejected = await call('POST', '/api/inbound/hotline.orders.v1', operator, { key: 'PII-BAD', value: { ...pushed, orderNo: 'PII-BAD', payload: { ...pushed.payload, channel: 'fax', content: `请回电${PHONE}` } }, headers: { 'x-note': `回拨${PHONE}` } });
    expect(rejected.body).toMatchObject({ outcome: 'dead-lettered', code: 'VALIDATION_FAILED' });
    // Every topic of the outbox, the DLQ included, as the hotline centre pulls it.
    let after = 0;
    for (;;) {
      const page = (await call('GET', `/api/outbox?limit=1000&after=${after}`, admin)).body as { items: Array<{ topic: string }>; next: number };
      if (page.items.length === 0) break;
      texts.push(JSON.stringify(page.items));
      after = page.next;
    }
    expect(texts.join('\n')).toContain('hotline.orders.v1.dlq');
    expect(texts.join('\n')).toContain('PII-1'); // the ledger lists the case…
    for (const secret of SECRETS) expect({ secret, inReports: texts.join('\n').includes(secret) }).toEqual({ secret, inReports: false }); // …not its people

    // Everything the server logged (at trace level) holds no personal data.
    const logs = server.output();
    expect(logs).toContain('request completed');
    for (const secret of SECRETS) expect({ secret, inLogs: logs.includes(secret) }).toEqual({ secret, inLogs: false });

    await kill9(server);
    server = undefined;
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('events.sqlite'))).toBe(true);
    expect(files.some((f) => f.endsWith('readmodels.sqlite'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of SECRETS) expect({ file, secret, found: bytes.includes(Buffer.from(secret)) }).toEqual({ file, secret, found: false });
    }
  }, 120_000);

});
