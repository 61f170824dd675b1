/**
 * `npm run demo` — a realistic district in one command. Starts the whole system on the embedded default with the
 * manual clock, then drives about three months of work through the real HTTP commands: a few thousand 12345 work
 * orders (most handled in time, some units slow, some orders returned and redispatched, some reopened), dozens of
 * petitions and problem clues with four-forms dispositions, a clearance campaign — while the escalation ladder runs.
 * Prints the clearance, four-forms and ranking tables and writes the workbooks to ./out (DEMO_OUT).
 *
 * DEMO_SCALE (default 1) scales the daily volumes; the tests run it small.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { DateTime } from 'luxon';
import { Role, configureApp, isWorkingDay, signToken } from '@qf/platform';

const OUT = resolve(process.env.DEMO_OUT ?? 'out');
const SCALE = Number(process.env.DEMO_SCALE ?? 1);
const SECRET = 'demo-secret-not-for-production-0001';
const ZONE = 'Asia/Shanghai';
const FIRST_DAY = '2026-01-05';
const LAST_DAY = '2026-04-03';

/** A seeded generator, so every run builds the same district. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const random = rng(20260105);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
const chance = (p: number) => random() < p;

const HANDLERS = ['U-JD-01', 'U-JD-02', 'U-JD-03', 'U-JD-04', 'U-ZH-01', 'U-ZH-02', 'U-BM-ZJ', 'U-BM-CG', 'U-BM-SJ', 'U-BM-RS', 'U-BM-HB', 'U-BM-JY', 'U-BM-JT'];
/** How reliably each unit works: the chance to sign the same day, to reply in time, to satisfy the caller. */
const PROFILE: Record<string, { sign: number; reply: number; satisfy: number }> = Object.fromEntries(
  HANDLERS.map((u, i) => [u, { sign: 0.97 - (i % 5) * 0.05, reply: 0.95 - (i % 4) * 0.07, satisfy: 0.92 - (i % 3) * 0.08 }]),
);
const TOPICS: Array<[string, string]> = [
  ['城市管理', '夜间占道经营噪音扰民，影响居民休息'],
  ['市政设施', '小区门口路灯损坏多日未修'],
  ['物业管理', '小区电梯频繁故障，物业推诿'],
  ['环境保护', '餐馆油烟直排，周边居民反映强烈'],
  ['劳动保障', '工地拖欠农民工工资'],
  ['市场监管', '超市销售过期食品'],
  ['交通运输', '公交站台破损，雨天无法候车'],
  ['教育', '校外培训机构收费后停业'],
  ['住房建设', '老旧小区改造施工扬尘'],
];

interface Api {
  post(path: string, token: string, body?: object): Promise<{ status: number; body: any }>;
  get(path: string, token: string): Promise<{ status: number; body: any }>;
  download(path: string, token: string): Promise<Buffer>;
}

function api(base: string): Api {
  const call = async (method: string, path: string, token: string, body?: object) => {
    const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    post: (path, token, body = {}) => call('POST', path, token, body),
    get: (path, token) => call('GET', path, token),
    download: async (path, token) => Buffer.from(await (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer()),
  };
}

const token = (roles: Role[], unitId: string | null, sub: string, name?: string) => signToken({ sub, roles, unitId, name }, SECRET);
const must = async (p: Promise<{ status: number; body: any }>, what: string) => {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** Where an order is in the demo's plan: the next step and the day it is due (null: the unit never does it). */
interface OpenOrder {
  orderNo: string;
  unitId: string;
  next: 'sign' | 'return' | 'reply' | 'visit';
  on: string | null;
  reopened: boolean;
}

async function main() {
  const started = Date.now();
  const dataDir = join(OUT, 'demo-data');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  Object.assign(process.env, {
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    JWT_SECRET: SECRET,
    CLOCK: 'manual',
    CLOCK_START: `${FIRST_DAY}T08:00:00+08:00`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    READMODEL_URL: '',
    EVENTSTORE_URL: '',
    REDIS_URL: '',
    PORT: '0',
  });
  const { StandaloneModule } = await import('../apps/standalone/src/app.module');
  const app = await NestFactory.create(StandaloneModule, { bodyParser: false, logger: ['error'] });
  configureApp(app, 'Qingfeng demo');
  await app.listen(0);
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const http = api(base);

  const admin = token(['admin'], null, 'admin');
  const operator = token(['hotline_operator'], 'U-RX', 'op-zhang', '张接线员');
  const officer = token(['petition_officer'], 'U-XF', 'xf-li', '李信访员');
  const inspector = token(['inspector'], 'U-JW', 'jw-wang', '王检查员');
  const leader = token(['leader'], 'U-QU', 'leader', '区领导');
  const handler = (u: string) => token(['unit_handler'], u, `h-${u}`, `${u}经办人`);
  const head = (u: string) => token(['unit_head'], u, `head-${u}`, `${u}负责人`);
  const at = async (iso: string) => must(http.post('/api/admin/clock', admin, { now: iso }), `clock ${iso}`);

  await must(
    http.post('/api/campaigns', admin, { id: 'QC-2026Q1', name: '2026年一季度工单积案清仓见底专项行动', kinds: ['hotline', 'petition', 'clue'], baselineAt: '2026-02-01T00:00:00+08:00', targetAt: '2026-03-31T23:59:59+08:00' }),
    'campaign',
  );

  const open: OpenOrder[] = [];
  const petitions: Array<{ id: string; unitId: string; stage: 'assigned' | 'accepted' | 'replied'; due: string }> = [];
  const clues: Array<{ id: string; stage: 'registered' | 'verifying' | 'filed' | 'inquiry'; due: string; nobody?: boolean }> = [];
  let orderSeq = 0;
  let orders = 0;
  let commands = 0;
  const addDays = (day: string, n: number) => DateTime.fromISO(day, { zone: ZONE }).plus({ days: n }).toISODate()!;

  // A month's hotline ranking is published at 02:00 on the 1st: the clock stops there first, so it is published then.
  const published = async (month: string) => {
    for (let i = 0; i < 50; i++) {
      if ((await http.get(`/api/reports/monthly-ranking?month=${month}&published=true`, leader)).status === 200) return;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  let lastMonth = FIRST_DAY.slice(0, 7);
  for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
    if (!isWorkingDay(day)) continue;
    if (day.slice(0, 7) !== lastMonth) {
      await at(`${day.slice(0, 7)}-01T02:00:00+08:00`);
      await published(lastMonth);
      lastMonth = day.slice(0, 7);
    }
    // Morning: the hotline centre dispatches the night's and the morning's calls.
    await at(`${day}T09:00:00+08:00`);
    const fresh = Math.round((30 + random() * 20) * SCALE);
    for (let i = 0; i < fresh; i++) {
      const [category, content] = pick(TOPICS);
      const unitId = pick(HANDLERS);
      const orderNo = `RX${day.replace(/-/g, '')}-${String(++orderSeq).padStart(5, '0')}`;
      await must(
        http.post('/api/hotline/orders', operator, {
          orderNo,
          channel: pick(['phone', 'phone', 'phone', 'web', 'app', 'wechat'] as const),
          category,
          urgency: chance(0.08) ? 'urgent' : 'normal',
          content,
          caller: { name: pick(['王', '李', '张', '刘', '陈']) + pick(['建国', '秀英', '伟', '芳', '敏']), phone: `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}` },
          unitId,
        }),
        `create ${orderNo}`,
      );
      orders++;
      commands++;
      const p = PROFILE[unitId];
      const signs = chance(p.sign) ? day : chance(0.7) ? addDays(day, 2) : null;
      open.push({ orderNo, unitId, next: chance(0.03) ? 'return' : 'sign', on: signs, reopened: false });
    }
    // Afternoon: units sign, return, reply; the centre visits, redispatches and reopens.
    await at(`${day}T15:00:00+08:00`);
    for (const o of [...open]) {
      if (o.on === null || o.on > day) continue;
      const p = PROFILE[o.unitId];
      if (o.next === 'return') {
        await must(http.post(`/api/hotline/orders/${o.orderNo}/return`, handler(o.unitId), { reason: '该事项不属于本单位职责范围' }), 'return');
        const next = pick(HANDLERS.filter((u) => u !== o.unitId));
        await must(http.post(`/api/hotline/orders/${o.orderNo}/dispatch`, operator, { unitId: next }), 'redispatch');
        Object.assign(o, { unitId: next, next: 'sign', on: day });
        commands += 2;
      } else if (o.next === 'sign') {
        await must(http.post(`/api/hotline/orders/${o.orderNo}/sign`, handler(o.unitId)), 'sign');
        Object.assign(o, { next: 'reply', on: addDays(day, chance(p.reply) ? 1 + Math.floor(random() * 4) : 7 + Math.floor(random() * 10)) });
        commands++;
      } else if (o.next === 'reply') {
        await must(http.post(`/api/hotline/orders/${o.orderNo}/reply`, handler(o.unitId), { outcome: 'resolved', reply: '已现场核实并处理完毕，已电话告知来电人' }), 'reply');
        Object.assign(o, { next: 'visit', on: addDays(day, 1) });
        commands++;
      } else {
        const satisfied = chance(p.satisfy) || o.reopened;
        const visit = await must(
          http.post(`/api/hotline/orders/${o.orderNo}/visit`, operator, { satisfaction: satisfied ? pick(['satisfied', 'satisfied', 'basically_satisfied'] as const) : 'unsatisfied', resolved: satisfied || chance(0.3) }),
          'visit',
        );
        commands++;
        if (visit.status === 'closed') open.splice(open.indexOf(o), 1);
        else {
          await must(http.post(`/api/hotline/orders/${o.orderNo}/reopen`, operator, { reason: '群众对办理结果不满意，要求重新办理' }), 'reopen');
          Object.assign(o, { reopened: true, next: 'sign', on: addDays(day, 1) });
          commands++;
        }
      }
    }
    // Never-signed orders stay open: the ladder takes them up to level 3.

    // Petitions: about one a day, assigned at once, accepted, answered within the 60 days for most.
    if (chance(0.8 * Math.min(1, SCALE * 2))) {
      const p = await must(
        http.post('/api/petitions', officer, { channel: pick(['letter', 'visit', 'online'] as const), petitioner: { name: '周' + pick(['明', '红', '军']), idNumber: '110101198001011234' }, subject: '反映' + pick(TOPICS)[0] + '问题', content: pick(TOPICS)[1], category: pick(TOPICS)[0] }),
        'petition',
      );
      const unitId = pick(HANDLERS);
      await must(http.post(`/api/petitions/${p.id}/assign`, officer, { unitId, mode: pick(['forward', 'assign'] as const) }), 'assign');
      petitions.push({ id: p.id, unitId, stage: 'assigned', due: addDays(day, chance(0.8) ? 2 : 20) });
      commands += 2;
    }
    for (const p of petitions) {
      if (p.due > day) continue;
      if (p.stage === 'assigned') {
        await must(http.post(`/api/petitions/${p.id}/accept`, handler(p.unitId)), 'accept');
        Object.assign(p, { stage: 'accepted', due: addDays(day, chance(0.85) ? 20 : 70) });
      } else if (p.stage === 'accepted') {
        await must(http.post(`/api/petitions/${p.id}/reply`, handler(p.unitId), { result: pick(['supported', 'explained'] as const), opinion: '经调查核实，已依法依规作出处理意见并书面答复信访人' }), 'reply');
        Object.assign(p, { stage: 'replied', due: addDays(day, 3) });
      } else if (p.stage === 'replied') {
        const r = await http.post(`/api/petitions/${p.id}/close`, officer);
        if (r.status < 300) p.due = '9999-12-31';
      }
      commands++;
    }

    // Problem clues: a few a week, most disposed within the month, some leading to the four forms.
    if (chance(0.35 * Math.min(1, SCALE * 2))) {
      const c = await must(
        http.post('/api/clues', inspector, {
          source: pick(['petition', 'hotline', 'inspection_tour', 'audit'] as const),
          subjects: [{ name: pick(['赵', '钱', '孙', '吴']) + pick(['某', '某某']), unitId: pick(HANDLERS), rank: pick(['general', 'section', 'division'] as const), partyMember: chance(0.8) }],
          allegations: pick(['违规收受管理服务对象礼品礼金', '工作中推诿扯皮、敷衍塞责', '违规发放津贴补贴', '利用职权为亲属谋利']) + '，群众反映强烈。',
          category: pick(['integrity', 'work', 'mass'] as const),
        }),
        'clue',
      );
      clues.push({ id: c.id, stage: 'registered', due: addDays(day, chance(0.85) ? 10 : 40) });
      commands++;
    }
    // The discipline commission also handles the clues it did not register itself — the accountability clues of
    // level 3 and the referrals — so 区纪委监委 does not pile up in the clearance and supervision tables.
    if (day.endsWith('5') || day.endsWith('0')) {
      const known = new Set(clues.map((c) => c.id));
      const pending = await http.get('/api/clues?status=registered&pageSize=200', inspector);
      for (const c of ((pending.body as { items?: Array<{ id: string; subjects: unknown[] }> })?.items ?? [])) {
        if (!known.has(c.id)) clues.push({ id: c.id, stage: 'registered', due: addDays(day, 3), nobody: c.subjects.length === 0 });
      }
    }
    for (const c of clues) {
      if (c.due > day) continue;
      const path = `/api/clues/${c.id}`;
      if (c.stage === 'registered' && c.nobody) {
        // An accountability clue whose head nobody named: noted and closed (予以了结) after collective study.
        await must(http.post(`${path}/disposition`, inspector, { method: 'close', rationale: '经集体研究，责任已在督办中明确，予以了结', approvedBy: '纪委书记' }), 'disposition');
        c.due = '9999-12-31';
      } else if (c.stage === 'registered') {
        const method = chance(0.5) ? 'talk_inquiry' : 'preliminary_verification';
        await must(http.post(`${path}/disposition`, inspector, { method, rationale: '经集体研究，按程序处置', approvedBy: '纪委书记' }), 'disposition');
        Object.assign(c, { stage: method === 'talk_inquiry' ? 'inquiry' : 'verifying', due: addDays(day, 10) });
      } else if (c.stage === 'inquiry') {
        await must(http.post(`${path}/inquiry-reply`, inspector, { explanation: '被函询人作出书面说明，承认存在工作作风问题' }), 'inquiry');
        await must(http.post(`${path}/sanctions`, inspector, { subjectIndex: 0, form: 1, measure: pick(['talk_reminder', 'criticism_education', 'inquiry_closure']), decidedAt: `${day}T15:00:00+08:00`, basis: '依据《中国共产党纪律处分条例》' }), 'sanction');
        c.due = '9999-12-31';
      } else if (c.stage === 'verifying') {
        const substantiated = chance(0.6);
        await must(http.post(`${path}/verification`, inspector, { finding: substantiated ? 'substantiated' : 'unsubstantiated', report: '初核报告：经调取账目、谈话核实' }), 'verification');
        if (substantiated) {
          await must(http.post(`${path}/file-case`, inspector, { summary: '予以立案审查' }), 'file-case');
          const form = pick([2, 2, 2, 3, 4] as const);
          const measure = { 2: pick(['party_warning', 'gov_demerit', 'party_serious_warning']), 3: pick(['removal_from_party_post', 'gov_dismissal_from_post']), 4: 'transfer_to_prosecution' }[form];
          await must(http.post(`${path}/sanctions`, inspector, { subjectIndex: 0, form, measure, decidedAt: `${day}T15:00:00+08:00`, basis: '依据《中国共产党纪律处分条例》' }), 'sanction');
        }
        c.due = '9999-12-31';
      }
      commands++;
    }
  }
  // April 3rd is past 02:00 on the 1st: March is published. Give the schedulers a moment to finish.
  await at(`${LAST_DAY}T18:00:00+08:00`);
  await new Promise((r) => setTimeout(r, 3000));

  const clearance = await must(http.get('/api/campaigns/QC-2026Q1/clearance?asOf=2026-03-31T23:59:59%2B08:00', leader), 'clearance');
  const fourForms = await must(http.get('/api/reports/four-forms?from=2026-01-01T00:00:00%2B08:00&to=2026-03-31T23:59:59%2B08:00', leader), 'four forms');
  let ranking = await http.get('/api/reports/monthly-ranking?month=2026-03&published=true', leader);
  for (let i = 0; i < 50 && ranking.status === 404; i++) {
    await new Promise((r) => setTimeout(r, 200));
    ranking = await http.get('/api/reports/monthly-ranking?month=2026-03&published=true', leader);
  }
  if (ranking.status !== 200) throw new Error(`March ranking not published: ${ranking.status}`);
  const escalations = await must(http.get('/api/deadlines?state=overdue&pageSize=1', leader), 'deadlines');

  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  console.log(`\n清风 Qingfeng demo — ${orders} work orders, ${petitions.length} petitions, ${clues.length} clues, ${commands} commands through HTTP\n`);
  console.log('存量清零、增量随清 — campaign QC-2026Q1 (baseline 2026-02-01) at 2026-03-31 24:00');
  console.table(
    [...clearance.units, { unitId: '合计', unitName: '', ...clearance.totals }].map((u: any) => ({
      单位: u.unitName || u.unitId,
      存量: u.stock.total,
      存量已清: u.stock.cleared,
      清零率: pct(u.stock.rate),
      增量: u.increment.received,
      增量已清: u.increment.cleared,
      按时: u.increment.clearedOnTime,
      超期: u.increment.overdue,
      存量清零: u.stock.remaining === 0 ? '✓' : '✗',
      增量随清: u.achieved.incrementCleared ? '✓' : '✗',
    })),
  );
  console.log('四种形态 — 2026 Q1, person-times');
  console.table(Object.entries(fourForms.forms).map(([form, f]: [string, any]) => ({ 形态: `第${'一二三四'[Number(form) - 1]}种形态`, 人次: f.count, 占比: pct(f.share) })));
  console.log(`每月一排名 — 12345 work orders, March 2026 (published ${String(ranking.body.generatedAt).slice(0, 16).replace('T', ' ')})`);
  console.table(
    ranking.body.rows.map((r: any) => ({
      排名: r.rank,
      单位: r.unitName,
      得分: r.score,
      响应率: pct(r.responseRate),
      解决率: pct(r.resolutionRate),
      满意率: pct(r.satisfactionRate),
      按时办结率: pct(r.onTimeRate),
      超期: r.overdue,
      上月: r.previousRank ?? '—',
      变化: r.rankChange ?? '—',
    })),
  );
  console.log(`红榜: ${ranking.body.top.map((u: any) => u.unitName).join('、')}    黑榜: ${ranking.body.bottom.map((u: any) => u.unitName).join('、')}`);
  console.log(`open deadlines overdue now: ${escalations.total}`);

  const files: Array<[string, string]> = [
    ['ranking-hotline-2026-03.xlsx', '/api/reports/monthly-ranking.xlsx?month=2026-03&published=true'],
    ['ranking-hotline-2026-03.csv', '/api/reports/monthly-ranking.csv?month=2026-03&published=true'],
    ['ranking-petition-2026-03.xlsx', '/api/reports/monthly-ranking.xlsx?month=2026-03&kind=petition'],
    ['ranking-supervision-2026-03.xlsx', '/api/reports/monthly-ranking.xlsx?month=2026-03&kind=supervision'],
    ['clearance-QC-2026Q1.xlsx', '/api/campaigns/QC-2026Q1/clearance.xlsx?asOf=2026-03-31T23:59:59%2B08:00'],
    ['clearance-QC-2026Q1.csv', '/api/campaigns/QC-2026Q1/clearance.csv?asOf=2026-03-31T23:59:59%2B08:00'],
  ];
  for (const [name, path] of files) writeFileSync(join(OUT, name), await http.download(path, leader));
  console.log(`\nworkbooks written to ${OUT}: ${files.map(([n]) => n).join(', ')}`);
  console.log(`the demo's data is in ${dataDir}; start it again with DATA_DIR=${dataDir} JWT_SECRET=${SECRET} CLOCK=manual npm start`);
  console.log(`and sign tokens for it with the same two: DATA_DIR=${dataDir} JWT_SECRET=${SECRET} npm run -s cli -- token --sub leader --roles leader --unit U-QU`);
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await app.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
