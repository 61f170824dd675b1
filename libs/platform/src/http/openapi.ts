import type { OpenAPIObject } from '@nestjs/swagger';

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
  },
  Report: { type: 'object', description: 'A report or view object; its fields are described by the operation', additionalProperties: true },
};

const CASE_COMMAND = /^\/api\/(hotline\/orders|petitions|clues|supervision-orders)(\/\{[^}]+\}(\/[a-z/-]+)?)?$/;
const CASE_READ = /^\/api\/cases\/\{kind\}\/\{id\}$/;

/**
 * Completes what Nest's generator leaves out of the description (issue 14): `servers`, the §10 error answers each
 * operation can give, the media types of downloads, the case detail commands answer with, pages, and the
 * `Idempotency-Key`/`If-Match` headers of commands. Rules, not per-route text, so a new route is described too.
 */
export function completeDescription(document: OpenAPIObject, port: number): OpenAPIObject {
  const doc = document as Json;
  doc.servers = [{ url: `http://localhost:${port}`, description: 'this service (PORT); behind a proxy use its address' }];
  doc.components = doc.components ?? {};
  doc.components.schemas = { ...SCHEMAS, ...(doc.components.schemas ?? {}) };
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
      if (params.some((p) => p.in === 'path')) errors.push('404');
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
    op.responses[code] = { description: 'the table as UTF-8 CSV with a byte-order mark', content: { 'text/csv': { schema: { type: 'string' } } } };
  } else if (path === '/metrics') {
    op.responses[code] = { description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } };
  } else if (CASE_READ.test(path) || (CASE_COMMAND.test(path) && (method === 'post' || /\{[^}]+\}$/.test(path)))) {
    op.responses[code] = { description: method === 'get' ? 'the case' : 'the case after the command', content: { 'application/json': { schema: { $ref: '#/components/schemas/CaseDetail' } } } };
  } else if (((op.parameters ?? []) as Json[]).some((p) => p.name === 'pageSize')) {
    op.responses[code] = { description: 'one page', content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } };
  } else {
    op.responses[code] = { description: res.description || 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } } };
  }
}
