import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import type { Kysely } from 'kysely';
import { queryRange } from './query-range';

/** Paging of every list (SPEC §3): `page` from 1, `pageSize` ≤ 200, default 50. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

/** The filters every case list takes (SPEC §3): unit subtree, overdue, received time, paging. Contexts add `status`. */
export class CaseListQuery extends PageQuery {
  @ApiPropertyOptional({ description: '单位 — this unit and its subtree' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/)
  unitId?: string;

  @ApiPropertyOptional({ description: '超期 — only cases with a deadline passed and not met (true), or none (false)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: '收到时间起 (received at or after); a bare date (2026-03-16) is that Asia/Shanghai day, a month (2026-03) that month' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: '收到时间止 (received at or before); a bare date is through the end of that Asia/Shanghai day' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export interface CaseListPage<TDoc> {
  docs: TDoc[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The list query over a case read model with the standard columns (`unit_id`, `status`, `received_at`,
 * `next_due_at`, all UTC ISO text): scope, filters, newest first, paged.
 */
export async function listCaseRows<TDoc>(
  db: Kysely<any>,
  table: string,
  query: CaseListQuery & { status?: string },
  scope: string[] | 'all',
  now: Date,
  /** Further equality filters on columns of the table (e.g. a clue's `source`). */
  equals: Record<string, string | undefined> = {},
  /** The unit whose scope holds cases not yet assigned to any (`unit_id` null): a petition is with the bureau. */
  unassignedWith?: string,
): Promise<CaseListPage<TDoc>> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  if (scope !== 'all' && scope.length === 0) return { docs: [], total: 0, page, pageSize };
  let q = db.selectFrom(table);
  if (scope !== 'all') {
    q = unassignedWith && scope.includes(unassignedWith) ? q.where((eb) => eb.or([eb('unit_id', 'in', scope), eb('unit_id', 'is', null)])) : q.where('unit_id', 'in', scope);
  }
  if (query.status) q = q.where('status', '=', query.status);
  for (const [column, value] of Object.entries(equals)) if (value !== undefined) q = q.where(column, '=', value);
  if (query.overdue !== undefined) {
    const iso = now.toISOString();
    q = query.overdue ? q.where('next_due_at', '<', iso) : q.where((eb) => eb.or([eb('next_due_at', 'is', null), eb('next_due_at', '>=', iso)]));
  }
  const { from, to } = queryRange(query);
  if (from) q = q.where('received_at', '>=', from.toISOString());
  if (to) q = q.where('received_at', '<=', to.toISOString());
  const totalRow = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await q.select(['doc']).orderBy('received_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return { docs: rows.map((r) => JSON.parse(r.doc as string) as TDoc), total: Number(totalRow?.n ?? 0), page, pageSize };
}
