import { ApiResponse, type OpenAPIObject } from '@nestjs/swagger';

type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** SPEC §10: the error answers, each with the codes it carries and an example a client can match on. */
const ERRORS: Record<string, { description: string; codes: string[]; example: Json }> = {
  '400': {
    description: 'VALIDATION_FAILED — body or query fails validation; `details` names each field',
    codes: ['VALIDATION_FAILED'],
    example: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'validation failed', details: [{ field: 'unitId', message: 'unitId must match /^U-[A-Z0-9-]{1,30}$/' }] },
  },
  '401': { description: 'UNAUTHENTICATED — missing, invalid or expired token', codes: ['UNAUTHENTICATED'], example: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'token expired' } },
  '403': { description: 'FORBIDDEN — the role or unit does not allow it', codes: ['FORBIDDEN'], example: { statusCode: 403, code: 'FORBIDDEN', message: 'role unit_handler may not do this' } },
  '404': { description: 'NOT_FOUND — no such case, unit or campaign', codes: ['NOT_FOUND'], example: { statusCode: 404, code: 'NOT_FOUND', message: 'no such case' } },
  '409': {
    description: 'DUPLICATE (same id, other body) or CONCURRENCY_CONFLICT (the stream changed underneath; `If-Match`)',
    codes: ['DUPLICATE', 'CONCURRENCY_CONFLICT'],
    example: { statusCode: 409, code: 'CONCURRENCY_CONFLICT', message: 'expected version 3, found 4' },
  },
  '413': { description: 'PAYLOAD_TOO_LARGE — body over 256 KiB', codes: ['PAYLOAD_TOO_LARGE'], example: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'request body over 262144 bytes' } },
  '415': { description: 'UNSUPPORTED_MEDIA_TYPE — a body that is not UTF-8 JSON', codes: ['UNSUPPORTED_MEDIA_TYPE'], example: { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'only UTF-8 JSON is accepted' } },
  '422': {
    description: 'INVALID_TRANSITION (not allowed in the current status) or RULE_VIOLATION (a domain rule, or an Idempotency-Key reused with another request)',
    codes: ['INVALID_TRANSITION', 'RULE_VIOLATION'],
    example: { statusCode: 422, code: 'INVALID_TRANSITION', message: 'SignOrder is not allowed in status signed' },
  },
};

const SCHEMAS: Json = {
  Error: {
    type: 'object',
    description: 'SPEC §10 error body',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer' },
      code: { type: 'string', enum: Object.values(ERRORS).flatMap((e) => e.codes) },
      message: { type: 'string' },
      details: { type: 'array', items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    },
  },
  Deadline: {
    type: 'object',
    description: '时限 — one deadline of a case with its state at the time of reading',
    required: ['stage', 'dueAt', 'state'],
    properties: {
      stage: { type: 'string', example: 'sign' },
      round: { type: 'integer' },
      startedAt: { type: 'string', format: 'date-time' },
      dueAt: { type: 'string', format: 'date-time' },
      warnAt: { type: 'string', format: 'date-time' },
      closedAt: { type: 'string', format: 'date-time', nullable: true },
      state: { type: 'string', enum: ['pending', 'warned', 'overdue', 'met', 'cancelled'] },
    },
    additionalProperties: true,
  },
  CaseDetail: {
    type: 'object',
    description:
      'The case detail of SPEC §3 — common fields of every kind; each kind adds its own (a work order its caller, reply and visits; ' +
      'a petition its petitioner and review; a clue its subjects, dispositions and sanctions). Persons are masked unless the reader may see them.',
    required: ['kind', 'id', 'status', 'deadlines', 'version'],
    properties: {
      kind: { type: 'string', enum: ['hotline', 'petition', 'clue', 'supervision'] },
      id: { type: 'string' },
      status: { type: 'string' },
      unitId: { type: 'string', nullable: true },
      deadlines: { type: 'array', items: { $ref: '#/components/schemas/Deadline' } },
      version: { type: 'integer', description: 'the stream version; send it as `If-Match` to guard the next command' },
    },
    additionalProperties: true,
    example: {
      kind: 'hotline',
      id: 'RX20260316-0001',
      orderNo: 'RX20260316-0001',
      status: 'signed',
      unitId: 'U-JD-01',
      channel: 'phone',
      category: '市容环境',
      urgency: 'normal',
      content: '垃圾清运不及时',
      caller: { name: '张*', phone: '138****5678' },
      deadlines: [{ stage: 'reply', round: 1, startedAt: '2026-03-16T09:00:00.000+08:00', dueAt: '2026-03-30T23:59:59.999+08:00', warnAt: '2026-03-27T23:59:59.999+08:00', closedAt: null, state: 'pending' }],
      version: 2,
    },
  },
  Page: {
    type: 'object',
    description: 'One page of a list, newest first unless the operation says otherwise',
    required: ['items', 'total', 'page', 'pageSize'],
    properties: {
      items: { type: 'array', items: { type: 'object', additionalProperties: true } },
      total: { type: 'integer', description: 'rows matching the filter, on every page' },
      page: { type: 'integer', minimum: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: 200 },
    },
    example: { items: [{ kind: 'hotline', id: 'RX20260316-0001', status: 'signed', unitId: 'U-JD-01', version: 2 }], total: 1, page: 1, pageSize: 50 },
  },
  Report: { type: 'object', description: 'A report or view object; its fields are described by the operation', additionalProperties: true },
  Rate: { type: 'object', required: ['numerator', 'denominator'], properties: { numerator: { type: 'integer' }, denominator: { type: 'integer' } } },
  RankingReport: {
    type: 'object',
    description:
      '每月一排名 (SPEC §7): each unit\'s counts and rates (as fractions, null without a denominator), score = 100 × Σwᵢrᵢ ÷ Σwᵢ over ' +
      'the rates it has, rank, and the change against the previous published month; top and bottom are the 红榜 and 黑榜.',
    required: ['kind', 'month', 'published', 'generatedAt', 'weights', 'rows', 'top', 'bottom'],
    properties: {
      kind: { type: 'string', enum: ['hotline', 'petition', 'supervision'] },
      month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      published: { type: 'boolean' },
      generatedAt: { type: 'string', format: 'date-time' },
      knownAt: { type: 'string', format: 'date-time' },
      weights: { type: 'object', additionalProperties: { type: 'number' } },
      rows: {
        type: 'array',
        items: {
          type: 'object',
          required: ['unitId', 'unitName', 'score', 'rank', 'previousRank', 'rankChange'],
          properties: {
            unitId: { type: 'string' },
            unitName: { type: 'string' },
            score: { type: 'number', nullable: true },
            rank: { type: 'integer', nullable: true },
            previousRank: { type: 'integer', nullable: true },
            rankChange: { type: 'integer', nullable: true },
          },
          additionalProperties: true,
        },
      },
      top: { type: 'array', items: { $ref: '#/components/schemas/RankedUnit' } },
      bottom: { type: 'array', items: { $ref: '#/components/schemas/RankedUnit' } },
    },
    example: {
      kind: 'hotline',
      month: '2026-03',
      published: true,
      generatedAt: '2026-04-01T09:00:00.000+08:00',
      weights: { responseRate: 0.3, resolutionRate: 0.35, satisfactionRate: 0.35, onTimeRate: 0 },
      rows: [
        {
          unitId: 'U-JD-01',
          unitName: '东城街道',
          received: 182,
          responseRate: 0.9725,
          resolutionRate: 0.8933,
          satisfactionRate: 0.9067,
          onTimeRate: 0.9451,
          score: 92.1,
          rank: 1,
          previousRank: 3,
          rankChange: 2,
        },
      ],
      top: [{ unitId: 'U-JD-01', unitName: '东城街道', rank: 1, score: 92.1 }],
      bottom: [{ unitId: 'U-BM-CG', unitName: '区城市管理局', rank: 15, score: 71.35 }],
    },
  },
  RankedUnit: {
    type: 'object',
    required: ['unitId', 'unitName', 'rank', 'score'],
    properties: { unitId: { type: 'string' }, unitName: { type: 'string' }, rank: { type: 'integer', nullable: true }, score: { type: 'number', nullable: true } },
  },
  ClearanceFigures: {
    type: 'object',
    required: ['stock', 'increment', 'achieved'],
    properties: {
      stock: {
        type: 'object',
        description: '存量: cases open at the baseline',
        required: ['total', 'cleared', 'remaining', 'rate'],
        properties: { total: { type: 'integer' }, cleared: { type: 'integer' }, remaining: { type: 'integer' }, rate: { type: 'number', minimum: 0, maximum: 1 } },
      },
      increment: {
        type: 'object',
        description: '增量: cases received after the baseline',
        required: ['received', 'cleared', 'clearedOnTime', 'open', 'overdue'],
        properties: { received: { type: 'integer' }, cleared: { type: 'integer' }, clearedOnTime: { type: 'integer' }, open: { type: 'integer' }, overdue: { type: 'integer' } },
      },
      achieved: { type: 'object', required: ['stockCleared', 'incrementCleared'], properties: { stockCleared: { type: 'boolean' }, incrementCleared: { type: 'boolean' } } },
    },
  },
  ClearanceReport: {
    type: 'object',
    description: '存量清零、增量随清 (SPEC §6) as of `asOf` (as known at `knownAt` when given), per unit and in total',
    required: ['campaignId', 'asOf', 'totals', 'units'],
    properties: {
      campaignId: { type: 'string' },
      asOf: { type: 'string', format: 'date-time' },
      knownAt: { type: 'string', format: 'date-time' },
      totals: { $ref: '#/components/schemas/ClearanceFigures' },
      units: {
        type: 'array',
        items: { allOf: [{ type: 'object', required: ['unitId', 'unitName'], properties: { unitId: { type: 'string' }, unitName: { type: 'string' } } }, { $ref: '#/components/schemas/ClearanceFigures' }] },
      },
    },
    example: {
      campaignId: 'QC-2026Q1',
      asOf: '2026-03-31T23:59:59.999+08:00',
      totals: { stock: { total: 120, cleared: 117, remaining: 3, rate: 0.975 }, increment: { received: 640, cleared: 600, clearedOnTime: 590, open: 40, overdue: 2 }, achieved: { stockCleared: false, incrementCleared: false } },
      units: [
        {
          unitId: 'U-JD-01',
          unitName: '东城街道',
          stock: { total: 12, cleared: 12, remaining: 0, rate: 1 },
          increment: { received: 58, cleared: 55, clearedOnTime: 55, open: 3, overdue: 0 },
          achieved: { stockCleared: true, incrementCleared: true },
        },
      ],
    },
  },
};

const str = { type: 'string' };
const time = { type: 'string', format: 'date-time' };
const nullableStr = { type: 'string', nullable: true };
const list = (ref: string) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: `#/components/schemas/${ref}` } } } });
const FORM_COUNTS = {
  type: 'object',
  description: '第一种形态 to 第四种形态: count and share of the total',
  required: ['1', '2', '3', '4'],
  properties: Object.fromEntries(['1', '2', '3', '4'].map((f) => [f, { type: 'object', required: ['count', 'share'], properties: { count: { type: 'integer' }, share: { type: 'number' } } }])),
};

Object.assign(SCHEMAS, {
  Liveness: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  Readiness: {
    type: 'object',
    required: ['status', 'checks', 'projections'],
    properties: {
      status: { type: 'string', enum: ['ready', 'not_ready'] },
      checks: { type: 'object', additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] }, detail: {} } } },
      projections: { type: 'array', items: { type: 'object', required: ['name', 'position', 'lag'], properties: { name: str, position: nullableStr, lag: { type: 'integer', nullable: true } } } },
      now: time,
    },
  },
  Clock: { type: 'object', required: ['now', 'mode'], properties: { now: time, mode: { type: 'string', enum: ['system', 'manual'] } }, example: { now: '2026-03-16T09:00:00.000+08:00', mode: 'manual' } },
  TimelineEntry: {
    type: 'object',
    description: 'One event of a case: persons masked, never the sealed form',
    required: ['id', 'revision', 'type', 'occurredAt', 'recordedAt', 'actor', 'data'],
    properties: {
      id: str,
      revision: { type: 'integer' },
      type: { type: 'string', example: 'OrderSigned' },
      occurredAt: time,
      recordedAt: time,
      actor: { type: 'object', properties: { sub: str, unitId: nullableStr, roles: { type: 'array', items: str } } },
      correlationId: nullableStr,
      causationId: nullableStr,
      data: { type: 'object', additionalProperties: true },
    },
  },
  Timeline: list('TimelineEntry'),
  Unit: {
    type: 'object',
    required: ['id', 'name', 'kind', 'parentId', 'active'],
    properties: { id: str, name: str, kind: str, parentId: nullableStr, active: { type: 'boolean' } },
    example: { id: 'U-JD-01', name: '东城街道', kind: 'street', parentId: 'U-QU', active: true },
  },
  UnitList: list('Unit'),
  InboundOutcome: {
    type: 'object',
    description: 'applied; duplicate (the message id was seen: nothing appended); dead-lettered with the code and reason',
    required: ['outcome'],
    properties: { outcome: { type: 'string', enum: ['applied', 'duplicate', 'dead-lettered'] }, code: str, message: str },
    example: { outcome: 'applied' },
  },
  AuditEntry: {
    type: 'object',
    description: 'One unmasked read of a reporter (SPEC §8)',
    required: ['eventId', 'action', 'clueId', 'reader', 'readerName', 'at'],
    properties: { eventId: str, action: { type: 'string', enum: ['reporter_identity_read'] }, clueId: str, reader: str, readerName: str, at: time },
  },
  AuditLog: list('AuditEntry'),
  FourFormsReport: {
    type: 'object',
    description: '四种形态 (SPEC §5): counts only, never who',
    required: ['from', 'to', 'total', 'forms', 'byMeasure', 'byUnit'],
    properties: {
      from: time,
      to: time,
      total: { type: 'integer' },
      forms: FORM_COUNTS,
      byMeasure: { type: 'object', additionalProperties: { type: 'integer' } },
      byUnit: { type: 'array', items: { type: 'object', required: ['unitId', 'unitName', 'total', 'forms'], properties: { unitId: str, unitName: str, total: { type: 'integer' }, forms: FORM_COUNTS } } },
    },
  },
  RankingSettings: {
    type: 'object',
    required: ['weights', 'listSize'],
    properties: { weights: { type: 'object', additionalProperties: { type: 'number', minimum: 0 } }, listSize: { type: 'integer', minimum: 1 } },
    example: { weights: { responseRate: 0.3, resolutionRate: 0.35, satisfactionRate: 0.35, onTimeRate: 0 }, listSize: 3 },
  },
  RankingSettingsByKind: {
    type: 'object',
    required: ['hotline', 'petition', 'supervision'],
    properties: Object.fromEntries(['hotline', 'petition', 'supervision'].map((k) => [k, { $ref: '#/components/schemas/RankingSettings' }])),
  },
  Campaign: {
    type: 'object',
    required: ['id', 'name', 'kinds', 'baselineAt', 'targetAt', 'unitIds', 'createdAt'],
    properties: {
      id: str,
      name: str,
      kinds: { type: 'array', items: { type: 'string', enum: ['hotline', 'petition', 'clue'] } },
      baselineAt: time,
      targetAt: time,
      unitIds: { type: 'array', items: str, nullable: true },
      createdAt: time,
    },
    example: { id: 'QC-2026Q1', name: '2026年一季度工单积案清仓见底专项行动', kinds: ['hotline', 'petition', 'clue'], baselineAt: '2026-01-01T00:00:00+08:00', targetAt: '2026-03-31T23:59:59+08:00', unitIds: null, createdAt: '2026-01-05T09:00:00.000+08:00' },
  },
  CampaignList: list('Campaign'),
  Escalation: {
    type: 'object',
    description: '督办: one rung of the ladder fired for one deadline',
    required: ['id', 'caseKind', 'caseId', 'stage', 'level', 'unitId', 'dueAt', 'escalatedAt', 'state'],
    properties: {
      id: str,
      caseKind: str,
      caseId: str,
      stage: str,
      level: { type: 'integer', minimum: 0, maximum: 3 },
      unitId: nullableStr,
      targetUnitId: nullableStr,
      targetRole: nullableStr,
      dueAt: time,
      escalatedAt: time,
      state: str,
      acknowledgedAt: { ...time, nullable: true },
      acknowledgedBy: nullableStr,
      comment: nullableStr,
      accountabilityClueId: nullableStr,
    },
  },
  OutboxPage: {
    type: 'object',
    description:
      'Messages in the order they were published; pass `next` as `after` for the following page. `next` is the position of the page’s last message, or the `after` given when the page is empty (nothing newer yet: poll again with it).',
    required: ['items', 'next'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          required: ['position', 'topic', 'key', 'value', 'headers'],
          properties: {
            position: { type: 'integer' },
            topic: str,
            key: nullableStr,
            // Any JSON: a dead-lettered message carries the value it came with, whatever it was (SPEC §9).
            value: { description: 'the message (an object on every topic but the DLQ, which keeps whatever value was rejected)', nullable: true },
            headers: { type: 'object', additionalProperties: str },
            publishedAt: time,
          },
        },
      },
      next: { type: 'integer' },
    },
  },
});

const EXAMPLE_ESCALATION = {
  id: '2c2e7c29-2a94-5b1e-b3dc-a7d94365aa3e',
  caseKind: 'hotline',
  caseId: 'RX20260316-0001',
  stage: 'sign',
  level: 1,
  unitId: 'U-JD-01',
  targetUnitId: 'U-JD-01',
  targetRole: 'unit_head',
  dueAt: '2026-03-17T23:59:59.999+08:00',
  escalatedAt: '2026-03-17T23:59:59.999+08:00',
  state: 'acknowledged',
  acknowledgedAt: '2026-03-18T09:10:00.000+08:00',
  acknowledgedBy: 'head@U-JD-01',
  comment: '已知悉，立即办理',
};

/** An example for every answer that has a schema of its own (checked against the schema by the tests). */
const EXAMPLES: Record<string, unknown> = {
  Liveness: { status: 'ok' },
  Readiness: {
    status: 'ready',
    checks: { eventStore: { status: 'up', detail: { kind: 'sqlite', head: '2718' } }, readModels: { status: 'up', detail: { dialect: 'sqlite' } } },
    projections: [{ name: 'hotline-orders', position: '2718', lag: 0 }],
    now: '2026-03-16T09:00:00.000+08:00',
  },
  Timeline: {
    items: [
      {
        id: '0f9d6a3e-6c61-4b8e-9a51-3e2b8f0c1d2a',
        revision: 0,
        type: 'OrderDispatched',
        occurredAt: '2026-03-16T09:00:00.000+08:00',
        recordedAt: '2026-03-16T09:00:00.000+08:00',
        actor: { sub: 'op-01', unitId: 'U-RX', roles: ['hotline_operator'] },
        correlationId: '5052d29f-526d-4f69-8cee-1499f7bd6626',
        causationId: null,
        data: { orderNo: 'RX20260316-0001', unitId: 'U-JD-01', caller: { name: '张*', phone: '138****5678' } },
      },
    ],
  },
  UnitList: { items: [{ id: 'U-JD-01', name: '东城街道', kind: 'street', parentId: 'U-QU', active: true }] },
  AuditLog: { items: [{ eventId: '7b1e2c9a-0d4f-4f6e-8a3b-2c1d0e9f8a7b', action: 'reporter_identity_read', clueId: 'XS20260316-0001', reader: 'cm-01', readerName: '李主任', at: '2026-03-16T10:00:00.000+08:00' }] },
  FourFormsReport: {
    from: '2026-01-01T00:00:00.000+08:00',
    to: '2026-03-31T23:59:59.999+08:00',
    total: 20,
    forms: { '1': { count: 14, share: 0.7 }, '2': { count: 4, share: 0.2 }, '3': { count: 1, share: 0.05 }, '4': { count: 1, share: 0.05 } },
    byMeasure: { talk_reminder: 9, criticism_education: 5, warning: 4, dismissal: 1, case_transfer: 1 },
    byUnit: [{ unitId: 'U-BM-CG', unitName: '区城市管理局', total: 6, forms: { '1': { count: 5, share: 0.8333 }, '2': { count: 1, share: 0.1667 }, '3': { count: 0, share: 0 }, '4': { count: 0, share: 0 } } }],
  },
  RankingSettingsByKind: {
    hotline: { weights: { responseRate: 0.3, resolutionRate: 0.35, satisfactionRate: 0.35, onTimeRate: 0 }, listSize: 3 },
    petition: { weights: { acceptOnTimeRate: 0.3, handleOnTimeRate: 0.4, closeRate: 0.3 }, listSize: 3 },
    supervision: { weights: { onTimeRate: 0.6, lowEscalationRate: 0.4 }, listSize: 3 },
  },
  CampaignList: { items: [{ id: 'QC-2026Q1', name: '2026年一季度工单积案清仓见底专项行动', kinds: ['hotline'], baselineAt: '2026-01-01T00:00:00+08:00', targetAt: '2026-03-31T23:59:59+08:00', unitIds: null, createdAt: '2026-01-05T09:00:00.000+08:00' }] },
  Escalation: EXAMPLE_ESCALATION,
  OutboxPage: {
    items: [
      {
        position: 41,
        topic: 'hotline.replies.v1',
        key: 'RX20260316-0001',
        value: { orderNo: 'RX20260316-0001', unitId: 'U-JD-01', outcome: 'resolved', reply: '已协调城管中队清理占道摊点。', repliedAt: '2026-03-18T15:00:00.000+08:00' },
        headers: { 'x-message-id': '0f9d6a3e-6c61-4b8e-9a51-3e2b8f0c1d2a/hotline.replies.v1' },
        publishedAt: '2026-03-18T15:00:00.000+08:00',
      },
    ],
    next: 41,
  },
};
for (const [name, example] of Object.entries(EXAMPLES)) SCHEMAS[name].example = example;

/** The SLA policy in force by default (SPEC §4), for the schema Nest generates from the policy view classes. */
const EXAMPLE_SLA_POLICY = {"hotline": {"sign": {"urgent": {"value": 2, "unit": "hours"}, "normal": {"value": 1, "unit": "working_days"}}, "reply": {"urgent": {"value": 1, "unit": "working_days"}, "normal": {"value": 5, "unit": "working_days"}}}, "petition": {"assign": {"value": 15, "unit": "calendar_days"}, "accept": {"value": 15, "unit": "calendar_days"}, "handle": {"value": 60, "unit": "calendar_days"}, "review": {"value": 30, "unit": "calendar_days"}, "recheck": {"value": 30, "unit": "calendar_days"}}, "clue": {"disposition": {"value": 1, "unit": "calendar_months"}, "reporter_notice": {"value": 15, "unit": "working_days"}, "inquiry_reply": {"value": 15, "unit": "working_days"}, "verification": {"value": 3, "unit": "calendar_months"}}, "supervision": {"13710.study": {"value": 0, "unit": "calendar_days"}, "13710.feedback": {"value": 3, "unit": "calendar_days"}, "13710.effect": {"value": 7, "unit": "calendar_days"}, "13710.resolve": {"value": 10, "unit": "calendar_days"}, "standard.feedback": {"value": 7, "unit": "working_days"}, "standard.resolve": {"value": 15, "unit": "working_days"}}};

/** A schema of the description by name. */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** One page of `name`s, with an example built from `name`'s. */
export function pageOf(name: keyof typeof EXAMPLES): Json {
  return {
    allOf: [ref('Page'), { type: 'object', properties: { items: { type: 'array', items: ref(name) } } }],
    example: { items: [EXAMPLES[name]], total: 1, page: 1, pageSize: 50 },
  };
}

/**
 * What a route answers, declared on the route: a schema of the description by name (or a schema object) and the
 * status it comes with (`@ApiAnswer('Unit')`, `@ApiAnswer('Unit', 201, 'the unit, registered now')`).
 */
export function ApiAnswer(schema: string | Json, status = 200, description = 'OK'): MethodDecorator {
  return ApiResponse({ status, description, schema: typeof schema === 'string' ? ref(schema) : schema });
}

const CASE_COMMAND = /^\/api\/(hotline\/orders|petitions|clues|supervision-orders)(\/\{[^}]+\}(\/[a-z/-]+)?)?$/;
const CASE_READ = /^\/api\/cases\/\{kind\}\/\{id\}$/;

/**
 * Completes what Nest's generator leaves out of the description (issue 14): `servers`, the §10 error answers each
 * operation can give, the media types of downloads, the case detail commands answer with, pages, and the
 * `Idempotency-Key`/`If-Match` headers of commands. Rules, not per-route text, so a new route is described too; a
 * route whose answer has a schema of its own says so itself with `@ApiAnswer`.
 */
export function completeDescription(document: OpenAPIObject, port: number): OpenAPIObject {
  const doc = document as Json;
  doc.servers = [{ url: `http://localhost:${port}`, description: 'this service (PORT); behind a proxy use its address' }];
  doc.components = doc.components ?? {};
  doc.components.schemas = { ...SCHEMAS, ...(doc.components.schemas ?? {}) };
  if (doc.components.schemas.SlaPolicyView) doc.components.schemas.SlaPolicyView.example = EXAMPLE_SLA_POLICY;
  doc.components.responses = Object.fromEntries(
    Object.entries(ERRORS).map(([status, e]) => [`Error${status}`, { description: e.description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: e.example } } }]),
  );
  doc.components.parameters = {
    IdempotencyKey: { name: 'Idempotency-Key', in: 'header', required: false, description: 'SPEC §10: the same key with the same request within 24 h replays the first answer', schema: { type: 'string', maxLength: 200 } },
    IfMatch: { name: 'If-Match', in: 'header', required: false, description: 'the case version the command expects (409 CONCURRENCY_CONFLICT otherwise)', schema: { type: 'string', example: '3' } },
  };

  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      describeSuccess(path, method, op);
      const secured = Array.isArray(op.security) && op.security.length > 0;
      const params = (op.parameters ?? []) as Json[];
      const errors: string[] = [];
      if (op.requestBody || params.some((p) => p.in === 'query' || p.in === 'path')) errors.push('400');
      if (secured) errors.push('401', '403');
      // A path id, a unit filter naming no unit, a publication not made yet: 404.
      if (params.some((p) => p.in === 'path' || (p.in === 'query' && (p.name === 'unitId' || p.name === 'published')))) errors.push('404');
      if (secured && method !== 'get') errors.push('409', '422');
      if (op.requestBody) errors.push('413', '415');
      for (const status of errors) op.responses[status] = op.responses[status] ?? { $ref: `#/components/responses/Error${status}` };
      if (secured && method === 'post') op.parameters = [...params, { $ref: '#/components/parameters/IdempotencyKey' }];
      if (secured && method === 'post' && CASE_COMMAND.test(path) && path.includes('}/')) op.parameters = [...op.parameters, { $ref: '#/components/parameters/IfMatch' }];
    }
  }
  return document;
}

function describeSuccess(path: string, method: string, op: Json): void {
  const code = Object.keys(op.responses ?? {}).find((c) => c.startsWith('2'));
  if (!code) return;
  const res = op.responses[code] as Json;
  if (res.content && Object.keys(res.content).length > 0) {
    if (!res.description) res.description = 'OK';
    return;
  }
  if (path.endsWith('.xlsx')) {
    op.responses[code] = { description: 'the workbook (Excel 2007+), to download', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } };
  } else if (path.endsWith('.csv')) {
    op.responses[code] = { description: 'the table as UTF-8 CSV with a byte-order mark', content: { 'text/csv': { schema: { type: 'string' }, example: '\ufeff名次,单位,综合得分\r\n1,东城街道,92.10\r\n' } } };
  } else if (path === '/metrics') {
    op.responses[code] = { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' }, example: '# HELP qingfeng_events_appended_total Events appended, by type\n# TYPE qingfeng_events_appended_total counter\nqingfeng_events_appended_total{type="OrderDispatched"} 12\n' } } };
  } else if (CASE_READ.test(path) || (CASE_COMMAND.test(path) && (method === 'post' || /\{[^}]+\}$/.test(path)))) {
    op.responses[code] = { description: method === 'get' ? 'the case' : 'the case after the command', content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseDetail' } } } };
  } else if (((op.parameters ?? []) as Json[]).some((p) => p.name === 'pageSize')) {
    op.responses[code] = { description: 'one page', content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } };
  } else {
    op.responses[code] = { description: res.description || 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } } };
  }
}
