import request from 'supertest';
import { loadConfig, openEventStore, openReadModels } from '@qf/platform';
import { ProjectionRunner } from '@qf/projections';
import { auditProjection, cluesProjection } from '@qf/clue';
import { TestApp, startApp } from './support/app';

/** Issue 3: problem clues (SPEC §3.3, §5, §8) over HTTP on the manual clock. */
describe('problem clues over HTTP', () => {
  let t: TestApp;
  let inspector: string;
  let manager: string;
  const post = (path: string, token: string, body: object = {}) => request(t.http).post(path).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => request(t.http).get(path).set('Authorization', `Bearer ${token}`);
  const subject = { name: '赵某某', unitId: 'U-BM-ZJ', rank: 'section', partyMember: true };
  const clue = (extra: object = {}) => ({
    source: 'inspection_tour',
    reporter: { name: '钱多多', phone: '13700001111', idNumber: '110101198001011234', realName: true },
    subjects: [subject, { name: '孙某', unitId: 'U-JD-01', rank: 'general', partyMember: false }],
    allegations: '违规收受管理服务对象礼品礼金，涉嫌违反廉洁纪律。',
    category: 'integrity',
    ...extra,
  });
  const stage = (body: { deadlines: Array<{ stage: string; dueAt: string; state: string }> }, name: string) => body.deadlines.find((d) => d.stage === name);

  beforeAll(async () => {
    t = await startApp({ CLOCK_START: '2026-03-16T09:00:00+08:00' });
    inspector = t.token(['inspector'], 'U-JW', 'inspector-1');
    manager = t.token(['case_manager'], 'U-JW', 'manager-1');
  });
  afterAll(() => t.close());

  it('registers with an XS id, the disposition limit of one month and the real-name notice limit of 15 working days', async () => {
    const res = await post('/api/clues', inspector, clue()).expect(201);
    expect(res.body).toMatchObject({ kind: 'clue', id: 'XS20260316-0001', status: 'registered', source: 'inspection_tour', handled: false });
    // Its handler is the discipline unit (SPEC §3 unitId), whoever it names; the subjects keep their own units.
    expect(res.body.unitId).toBe('U-JW');
    expect(res.body.subjects.map((s: { unitId: string }) => s.unitId)).toEqual(['U-BM-ZJ', 'U-JD-01']);
    expect((await get(`/api/cases/clue/${res.body.id}`, inspector).expect(200)).body.unitId).toBe('U-JW');
    expect(stage(res.body, 'disposition')!.dueAt).toBe('2026-04-16T23:59:59.999+08:00');
    expect(stage(res.body, 'reporter_notice')!.dueAt).toBe('2026-04-07T23:59:59.999+08:00'); // Qingming 04-04..06
    const anonymous = await post('/api/clues', inspector, clue({ reporter: undefined })).expect(201);
    expect(stage(anonymous.body, 'reporter_notice')).toBeUndefined();
    await post('/api/clues', inspector, clue({ subjects: [] })).expect(400);
    await post('/api/clues', inspector, clue({ allegations: '太短' })).expect(400);
    // A bad element of a list is named by its index (SPEC §10: details name the field).
    const badSubject = await post('/api/clues', inspector, clue({ subjects: [subject, { ...subject, rank: 'boss', age: 40 }] })).expect(400);
    expect(badSubject.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['subjects.1.age', 'subjects.1.rank']);
    await post('/api/clues', inspector, clue({ subjects: [{ ...subject, unitId: 'U-NOPE' }] })).expect(422);
  });

  it('refuses every other role on every clue endpoint and on the audit log', async () => {
    const { body } = await post('/api/clues', inspector, clue()).expect(201);
    const others = ['hotline_operator', 'petition_officer', 'unit_handler', 'unit_head', 'supervisor', 'leader', 'admin'] as const;
    for (const role of others) {
      const token = t.token([role], 'U-BM-ZJ');
      await get('/api/clues', token).expect(403);
      await get(`/api/clues/${body.id}`, token).expect(403);
      await get(`/api/cases/clue/${body.id}`, token).expect(403);
      await get(`/api/cases/clue/${body.id}/events`, token).expect(403);
      await post('/api/clues', token, clue()).expect(403);
      for (const action of ['disposition', 'inquiry-reply', 'verification', 'file-case', 'sanctions', 'clear-name', 'fault-tolerance', 'conclude', 'reporter-notice', 'forget-reporter']) {
        await post(`/api/clues/${body.id}/${action}`, token, {}).expect(403);
      }
    }
    await get('/api/audit', inspector).expect(403);
    await get('/api/audit', t.token(['admin'])).expect(200);
  });

  it('talk_inquiry → inquiry reply → form-1 measure, clear name → concluded', async () => {
    const { body } = await post('/api/clues', inspector, clue()).expect(201);
    const disposed = await post(`/api/clues/${body.id}/disposition`, inspector, { method: 'talk_inquiry', rationale: '问题较轻，予以函询', approvedBy: '周书记' }).expect(200);
    expect(disposed.body.status).toBe('inquiry');
    expect(stage(disposed.body, 'disposition')!.state).toBe('met');
    expect(stage(disposed.body, 'inquiry_reply')!.dueAt).toBe('2026-04-07T23:59:59.999+08:00'); // 15 working days, Qingming 04-04..06 off
    const sanction = { subjectIndex: 0, form: 1, measure: 'inquiry_closure', decidedAt: '2026-03-16T08:30:00+08:00', basis: '函询说明属实' };
    expect((await post(`/api/clues/${body.id}/sanctions`, inspector, sanction).expect(422)).body.code).toBe('RULE_VIOLATION'); // no reply yet
    await post(`/api/clues/${body.id}/inquiry-reply`, inspector, { explanation: '已退还礼品并作出说明。' }).expect(200);
    await post(`/api/clues/${body.id}/sanctions`, inspector, { ...sanction, form: 2, measure: 'party_warning' }).expect(422); // needs a case
    await post(`/api/clues/${body.id}/sanctions`, inspector, { ...sanction, measure: 'party_warning' }).expect(422); // wrong pair
    await post(`/api/clues/${body.id}/sanctions`, inspector, { ...sanction, measure: 'not_a_measure' }).expect(400);
    const recorded = await post(`/api/clues/${body.id}/sanctions`, inspector, sanction).expect(200);
    expect(recorded.body.sanctions).toEqual([expect.objectContaining({ form: 1, measure: 'inquiry_closure', subjectUnitId: 'U-BM-ZJ' })]);
    await post(`/api/clues/${body.id}/clear-name`, inspector, { subjectIndex: 1, scope: '在所在单位澄清' }).expect(200);
    await post(`/api/clues/${body.id}/clear-name`, inspector, { subjectIndex: 5, scope: '越界' }).expect(422);
    const concluded = await post(`/api/clues/${body.id}/conclude`, inspector, { outcome: '函询了结', summary: '说明属实，予以了结。' }).expect(200);
    expect(concluded.body).toMatchObject({ status: 'concluded', handled: true });
  });

  it('preliminary_verification → substantiated → case filed → form-3 measure; unsubstantiated cannot be filed', async () => {
    const { body } = await post('/api/clues', inspector, clue()).expect(201);
    const verifying = await post(`/api/clues/${body.id}/disposition`, inspector, { method: 'preliminary_verification', rationale: '线索具体', approvedBy: '周书记' }).expect(200);
    expect(stage(verifying.body, 'verification')!.dueAt).toBe('2026-06-16T23:59:59.999+08:00');
    await post(`/api/clues/${body.id}/file-case`, inspector, {}).expect(422);
    await post(`/api/clues/${body.id}/verification`, inspector, { finding: 'substantiated', report: '经初核，问题属实。' }).expect(200);
    const filed = await post(`/api/clues/${body.id}/file-case`, inspector, { summary: '立案审查' }).expect(200);
    expect(filed.body).toMatchObject({ status: 'case_filed', handled: true });
    await post(`/api/clues/${body.id}/sanctions`, inspector, { subjectIndex: 0, form: 3, measure: 'probation_within_party', decidedAt: '2026-03-16T08:30:00+08:00', basis: '严重违反廉洁纪律' }).expect(200);
    await post(`/api/clues/${body.id}/sanctions`, inspector, { subjectIndex: 0, form: 3, measure: 'probation_within_party', decidedAt: '2026-03-17T08:30:00+08:00', basis: '未来的决定' }).expect(422);
    await post(`/api/clues/${body.id}/sanctions`, inspector, { subjectIndex: 0, form: 4, measure: 'gov_dismissal_from_post', decidedAt: '2026-03-16T08:30:00+08:00', basis: '错配' }).expect(422);

    const other = (await post('/api/clues', inspector, clue()).expect(201)).body.id;
    await post(`/api/clues/${other}/disposition`, inspector, { method: 'preliminary_verification', rationale: '线索具体', approvedBy: '周书记' }).expect(200);
    await post(`/api/clues/${other}/verification`, inspector, { finding: 'unsubstantiated', report: '经初核，问题不属实。' }).expect(200);
    await post(`/api/clues/${other}/file-case`, inspector, {}).expect(422);
    await post(`/api/clues/${other}/clear-name`, inspector, { subjectIndex: 0, scope: '在全局通报澄清' }).expect(200);
    await post(`/api/clues/${other}/fault-tolerance`, inspector, { subjectIndex: 1, reason: '改革探索中的失误' }).expect(200);
    expect((await post(`/api/clues/${other}/conclude`, inspector, { outcome: '不属实了结', summary: '予以了结' }).expect(200)).body.status).toBe('concluded');
  });

  it('hold → held → disposed again; close → concluded at once; reporter notice only for real names', async () => {
    const { body } = await post('/api/clues', inspector, clue()).expect(201);
    expect((await post(`/api/clues/${body.id}/disposition`, inspector, { method: 'hold', rationale: '暂不具备核查条件', approvedBy: '周书记' }).expect(200)).body.status).toBe('held');
    expect((await post(`/api/clues/${body.id}/disposition`, inspector, { method: 'talk_inquiry', rationale: '条件具备', approvedBy: '周书记' }).expect(200)).body.status).toBe('inquiry');
    const notified = await post(`/api/clues/${body.id}/reporter-notice`, inspector, { channel: 'phone', note: '已电话告知受理' }).expect(200);
    expect(stage(notified.body, 'reporter_notice')!.state).toBe('met');
    await post(`/api/clues/${body.id}/reporter-notice`, inspector, { channel: 'phone', note: '再次告知' }).expect(422);
    const closed = await post('/api/clues', inspector, clue({ reporter: { name: '匿名', realName: false } })).expect(201);
    await post(`/api/clues/${closed.body.id}/reporter-notice`, inspector, { channel: 'phone', note: '告知' }).expect(422);
    expect((await post(`/api/clues/${closed.body.id}/disposition`, inspector, { method: 'close', rationale: '反映不实', approvedBy: '周书记' }).expect(200)).body.status).toBe('concluded');
  });

  it('masks the reporter for inspectors; unmasks for case managers and audits each such read', async () => {
    const { body } = await post('/api/clues', inspector, clue()).expect(201);
    expect(body.reporter).toEqual({ name: '钱*多', phone: '137****1111', idNumber: '1101**********1234', realName: true });
    expect((await get(`/api/clues/${body.id}`, inspector).expect(200)).body.reporter.name).toBe('钱*多');
    expect((await get(`/api/clues/${body.id}`, manager).expect(200)).body.reporter).toEqual({ name: '钱多多', phone: '13700001111', idNumber: '110101198001011234', realName: true });
    const list = await get('/api/clues?source=inspection_tour&unitId=U-BM-ZJ', manager).expect(200);
    expect(list.body.items.find((c: { id: string }) => c.id === body.id).reporter.name).toBe('钱*多');
    const audit = await get(`/api/audit?clueId=${body.id}`, t.token(['admin'])).expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ clueId: body.id, reader: 'manager-1', action: 'reporter_identity_read' })]);
  });

  it('forget-reporter shreds the identity: "[erased]" everywhere, also after a projection rebuild', async () => {
    const { body } = await post('/api/clues', inspector, clue()).expect(201);
    await post(`/api/clues/${body.id}/forget-reporter`, inspector).expect(403);
    const forgotten = await post(`/api/clues/${body.id}/forget-reporter`, manager).expect(200);
    expect(forgotten.body.reporter).toBe('[erased]');
    expect((await get(`/api/clues/${body.id}`, manager).expect(200)).body.reporter).toBe('[erased]');
    expect((await get(`/api/cases/clue/${body.id}/events`, manager).expect(200)).body.items[0].data.reporter).toBe('[erased]');

    const dataDir = t.dataDir;
    await t.app.close();
    const config = loadConfig({ ...process.env, DATA_DIR: dataDir } as NodeJS.ProcessEnv);
    const store = await openEventStore(config);
    const readModels = await openReadModels(config);
    await new ProjectionRunner(store, readModels, [cluesProjection, auditProjection]).rebuild();
    await store.close();
    await readModels.close();
    t = await startApp({}, dataDir);
    manager = t.token(['case_manager'], 'U-JW', 'manager-1');
    expect((await get(`/api/clues/${body.id}`, manager).expect(200)).body.reporter).toBe('[erased]');
    const list = await get('/api/clues?pageSize=200', manager).expect(200);
    expect(list.body.items.find((c: { id: string }) => c.id === body.id).reporter).toBe('[erased]');
  });

  it('a referred work order registers a clue that points back, linked by correlation and causation', async () => {
    inspector = t.token(['inspector'], 'U-JW', 'inspector-1');
    const operator = t.token(['hotline_operator'], 'U-RX');
    await post('/api/hotline/orders', operator, { orderNo: 'RX-REFER-1', channel: 'phone', category: '吃拿卡要', urgency: 'normal', content: '窗口工作人员索要好处费', unitId: 'U-BM-SJ' }).expect(201);
    const referral = { reason: '群众反映窗口工作人员索要好处费，涉嫌违纪。', subjects: [{ name: '吴某', unitId: 'U-BM-SJ', rank: 'general', partyMember: true }] };
    await post('/api/hotline/orders/RX-REFER-1/refer', t.token(['unit_handler'], 'U-BM-SJ'), referral).expect(403);
    const referred = await post('/api/hotline/orders/RX-REFER-1/refer', operator, referral).set('x-correlation-id', 'corr-refer-1').expect(200);
    const clueId = referred.body.clueId;
    expect(referred.body.referredClues).toEqual([clueId]);
    await get(`/api/clues/${clueId}`, operator).expect(403);
    const registered = await get(`/api/clues/${clueId}`, inspector).expect(200);
    expect(registered.body).toMatchObject({ source: 'hotline', sourceRef: 'hotline/RX-REFER-1', status: 'registered' });
    const orderEvents = (await get('/api/cases/hotline/RX-REFER-1/events', operator).expect(200)).body.items;
    const referredEvent = orderEvents.find((e: { type: string }) => e.type === 'OrderReferred');
    const clueEvent = (await get(`/api/cases/clue/${clueId}/events`, inspector).expect(200)).body.items[0];
    // The allegation and the officials named are the clue's contents (SPEC §8): the order's timeline shows only the clue id,
    // to the hotline centre and to the unit that handles the order (whose staff may be the subjects).
    expect(referredEvent.data).toEqual({ orderNo: 'RX-REFER-1', clueId });
    const handlerEvents = (await get('/api/cases/hotline/RX-REFER-1/events', t.token(['unit_handler'], 'U-BM-SJ')).expect(200)).body.items;
    expect(JSON.stringify(handlerEvents)).not.toMatch(/吴某|索要好处费，涉嫌违纪/);
    // Nor does the events topic (SPEC §9: every domain event, §8).
    const published = [];
    for (let after = 0; ; ) {
      const page = (await get(`/api/outbox?topic=qingfeng.events.v1&after=${after}&limit=500`, operator).expect(200)).body;
      published.push(...page.items);
      if (page.items.length < 500) break;
      after = page.next;
    }
    const referredMessage = published.find((m: { value: { type: string; streamId: string } }) => m.value.type === 'OrderReferred' && m.value.streamId === 'hotline-RX-REFER-1');
    expect(referredMessage.value.data).toEqual({ orderNo: 'RX-REFER-1', clueId });
    expect(referredEvent.correlationId).toBe('corr-refer-1');
    expect(clueEvent.correlationId).toBe('corr-refer-1');
    expect(clueEvent.causationId).toBe(referredEvent.id);

    const officer = t.token(['petition_officer'], 'U-XF');
    const petition = await post('/api/petitions', officer, { channel: 'letter', petitioner: { name: '郑某' }, subject: '反映干部作风', content: '某干部工作日饮酒', category: '作风' }).expect(201);
    const fromPetition = await post(`/api/petitions/${petition.body.id}/refer`, officer, referral).expect(200);
    expect((await get(`/api/clues/${fromPetition.body.clueId}`, inspector).expect(200)).body).toMatchObject({ source: 'petition', sourceRef: `petition/${petition.body.id}` });
    const petitionEvents = (await get(`/api/cases/petition/${petition.body.id}/events`, officer).expect(200)).body.items;
    expect(petitionEvents.find((e: { type: string }) => e.type === 'PetitionReferred').data).toEqual({ id: petition.body.id, clueId: fromPetition.body.clueId });
  });

  it('reports the four forms in person-times with shares, counts only, and only to inspectors, case managers and leaders', async () => {
    inspector = t.token(['inspector'], 'U-JW', 'inspector-1');
    const q = '/api/reports/four-forms?from=2026-03-01T00:00:00%2B08:00&to=2026-03-31T23:59:59%2B08:00';
    const report = await get(q, inspector).expect(200);
    // Recorded above: one form-1 (函询了结) and one form-3 (留党察看), both for subjects of U-BM-ZJ.
    expect(report.body).toMatchObject({ total: 2, forms: { '1': { count: 1, share: 0.5 }, '2': { count: 0, share: 0 }, '3': { count: 1, share: 0.5 }, '4': { count: 0, share: 0 } } });
    expect(report.body.byMeasure).toEqual({ inquiry_closure: 1, probation_within_party: 1 });
    expect(report.body.byUnit).toEqual([expect.objectContaining({ unitId: 'U-BM-ZJ', unitName: '区住房和城乡建设局', total: 2 })]);
    expect((await get(`${q}&unitId=U-JD-01`, inspector).expect(200)).body.total).toBe(0);
    expect((await get(`${q}&unitId=U-QU`, manager).expect(200)).body.total).toBe(2);
    expect((await get('/api/reports/four-forms?from=2026-04-01T00:00:00%2B08:00&to=2026-04-30T00:00:00%2B08:00', inspector).expect(200)).body.total).toBe(0);
    // A bare date is the whole Shanghai day (SPEC §4), a month the whole month: both sanctions fall at 08:30 on the 16th.
    const day = (await get('/api/reports/four-forms?from=2026-03-16&to=2026-03-16', inspector).expect(200)).body;
    expect(day).toMatchObject({ from: '2026-03-16T00:00:00.000+08:00', to: '2026-03-16T23:59:59.999+08:00', total: 2 });
    expect((await get('/api/reports/four-forms?from=2026-03&to=2026-03', inspector).expect(200)).body.total).toBe(2);
    expect((await get('/api/reports/four-forms?from=2026-03-17&to=2026-03-31', inspector).expect(200)).body.total).toBe(0);
    await get('/api/reports/four-forms?from=2026-03-17&to=2026-03-16', inspector).expect(400);
    const leader = await get(q, t.token(['leader'], 'U-QU')).expect(200);
    expect(JSON.stringify(leader.body)).not.toMatch(/赵某某|礼品|allegations|reporter/);
    for (const role of ['hotline_operator', 'petition_officer', 'unit_handler', 'unit_head', 'supervisor', 'admin'] as const) {
      await get(q, t.token([role], 'U-QU')).expect(403);
    }
  });
});
