import request from 'supertest';
import { IdempotencyStore } from '@qf/platform';
import { TestApp, startApp } from './support/app';
import { dropSchema, readModelTargets } from './support/targets';

const REPORTER = { name: '欧阳明珠', phone: '13912344321', idNumber: '110101199003071234', realName: true };
/** Every form of the reporter's identity a replay could leak: in full and masked. */
const IDENTITY = ['欧阳明珠', '13912344321', '110101199003071234', '欧**珠', '139****4321', '1101**********1234'];

/**
 * Issue 9, SPEC §8 "forgotten means forgotten": remembered idempotent answers hold no identity of their own — each
 * person in them is sealed under that person's key — so forget-reporter reaches them, and replaying an unmasked read
 * is audited like the first read.
 */
describe.each(readModelTargets('replay'))('idempotent replays and forgotten reporters on %s', (_label, env) => {
  let t: TestApp;
  let manager: string;
  let inspector: string;
  const post = (path: string, token: string, key: string, body: object = {}) =>
    request(t.http).post(path).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body);
  const auditCount = async (clueId: string) =>
    (await request(t.http).get(`/api/audit?clueId=${clueId}`).set('Authorization', `Bearer ${manager}`).expect(200)).body.items.length as number;

  beforeAll(async () => {
    t = await startApp({ ...env, CLOCK_START: '2026-03-16T09:00:00+08:00' });
    manager = t.token(['case_manager'], 'U-JW', 'cm-1', '案管员甲');
    inspector = t.token(['inspector'], 'U-JW', 'jw-1', '检查员乙');
  });
  afterAll(async () => {
    await t?.close();
    await dropSchema(env);
  });

  it('a replay shows the identity as the first answer did, audits an unmasked replay, and shows "[erased]" once forgotten', async () => {
    const clue = { source: 'other', reporter: REPORTER, subjects: [{ name: '某干部', unitId: 'U-BM-ZJ', rank: 'section', partyMember: true }], allegations: '利用职务便利为亲属承揽工程。', category: 'integrity' };
    // Commands whose answers showed the reporter: unmasked to the case manager, masked to the inspector.
    const registered = await post('/api/clues', manager, 'reg-1', clue).expect(201);
    const id = registered.body.id as string;
    expect(registered.body.reporter).toEqual(REPORTER);
    const disposed = await post(`/api/clues/${id}/disposition`, manager, 'disp-1', { method: 'preliminary_verification', rationale: '线索具体，可查性强', approvedBy: '张书记' }).expect(200);
    expect(disposed.body.reporter).toEqual(REPORTER);
    const noticed = await post(`/api/clues/${id}/reporter-notice`, inspector, 'notice-1', { channel: 'phone', note: '已电话告知受理' }).expect(200);
    expect(noticed.body.reporter).toEqual({ name: '欧**珠', phone: '139****4321', idNumber: '1101**********1234', realName: true });
    expect(await auditCount(id)).toBe(2);

    // What is remembered for those answers holds none of the identity, not even masked.
    const remembered = JSON.stringify(await t.app.get(IdempotencyStore).dump());
    for (const text of IDENTITY) expect({ text, remembered: remembered.includes(text) }).toEqual({ text, remembered: false });

    // Replayed before the reporter is forgotten: the same answers, and each unmasked replay is audited again.
    const again = await post('/api/clues', manager, 'reg-1', clue).expect(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.body).toEqual(registered.body);
    expect((await post(`/api/clues/${id}/disposition`, manager, 'disp-1', { method: 'preliminary_verification', rationale: '线索具体，可查性强', approvedBy: '张书记' }).expect(200)).body).toEqual(disposed.body);
    expect((await post(`/api/clues/${id}/reporter-notice`, inspector, 'notice-1', { channel: 'phone', note: '已电话告知受理' }).expect(200)).body).toEqual(noticed.body);
    expect(await auditCount(id)).toBe(4);
    const audit = (await request(t.http).get(`/api/audit?clueId=${id}`).set('Authorization', `Bearer ${manager}`).expect(200)).body.items;
    expect(audit.every((a: { reader: string }) => a.reader === 'cm-1')).toBe(true);

    // Forgotten: every remembered command that showed the person now shows "[erased]", and nothing is audited.
    await post(`/api/clues/${id}/forget-reporter`, manager, 'forget-1').expect(200);
    const replays = [
      await post('/api/clues', manager, 'reg-1', clue).expect(201),
      await post(`/api/clues/${id}/disposition`, manager, 'disp-1', { method: 'preliminary_verification', rationale: '线索具体，可查性强', approvedBy: '张书记' }).expect(200),
      await post(`/api/clues/${id}/reporter-notice`, inspector, 'notice-1', { channel: 'phone', note: '已电话告知受理' }).expect(200),
    ];
    for (const replay of replays) {
      expect(replay.headers['idempotent-replay']).toBe('true');
      expect(replay.body.reporter).toBe('[erased]');
      expect(replay.body.id).toBe(id);
      for (const text of IDENTITY) expect({ text, shown: JSON.stringify(replay.body).includes(text) }).toEqual({ text, shown: false });
    }
    expect(await auditCount(id)).toBe(4);

    // Across a restart the remembered answers stay forgotten.
    if (!env.READMODEL_URL) {
      const dataDir = t.dataDir;
      await t.app.close();
      t = await startApp({ ...env }, dataDir);
      const afterRestart = await post('/api/clues', manager, 'reg-1', clue).expect(201);
      expect(afterRestart.headers['idempotent-replay']).toBe('true');
      expect(afterRestart.body.reporter).toBe('[erased]');
    }
  });

  it('a replayed work order and petition still show their people to the registering office', async () => {
    const operator = t.token(['hotline_operator'], 'U-RX');
    const order = { orderNo: 'RP-1', channel: 'phone', category: '噪音扰民', urgency: 'normal', content: '夜间施工噪音', caller: { name: '林晓', phone: '13700001111' }, unitId: 'U-JD-01' };
    const first = await post('/api/hotline/orders', operator, 'order-1', order).expect(201);
    expect(first.body.caller).toEqual({ name: '林晓', phone: '13700001111' });
    const replay = await post('/api/hotline/orders', operator, 'order-1', order).expect(201);
    expect(replay.headers['idempotent-replay']).toBe('true');
    expect(replay.body).toEqual(first.body);

    const officer = t.token(['petition_officer'], 'U-XF');
    const petition = { channel: 'visit', petitioner: { name: '林某某', idNumber: '110101198001011234', phone: '13600002222' }, subject: '拖欠工资', content: '用人单位拖欠工资三个月', category: '劳动保障' };
    const registered = await post('/api/petitions', officer, 'pet-1', petition).expect(201);
    const again = await post('/api/petitions', officer, 'pet-1', petition).expect(201);
    expect(again.body).toEqual(registered.body);
    expect(again.body.petitioner.idNumber).toBe('110101198001011234');
    const remembered = JSON.stringify(await t.app.get(IdempotencyStore).dump());
    for (const text of ['林晓', '13700001111', '110101198001011234', '13600002222']) expect({ text, remembered: remembered.includes(text) }).toEqual({ text, remembered: false });
  });
});
