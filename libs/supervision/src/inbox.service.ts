import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ReadModelDb } from '@qf/projections';
import { Actor, ProjectionsService, READ_MODEL_DB } from '@qf/platform';
import { ESCALATIONS_TABLE, EscalationDoc, escalationsProjection } from './read-models/escalations.projection';
import { ListEscalationsQuery } from './list-escalations.query';
import { publicEscalation } from './escalation-view';
import { inboxRoles } from './acknowledge-escalation/acknowledge-escalation';

/** 督办收件箱 — the escalations read model: the caller's inbox, one escalation, the escalations of one case. */
@Injectable()
export class EscalationInboxService implements OnModuleInit {
  constructor(
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDb,
    private readonly projections: ProjectionsService,
  ) {}

  onModuleInit(): void {
    this.projections.register(escalationsProjection);
  }

  /** The caller's inbox (SPEC §4): escalations aimed at the caller's unit and one of the caller's roles, newest first. */
  async inbox(actor: Actor, query: ListEscalationsQuery) {
    if (!actor.unitId) return { items: [], total: 0, page: 1, pageSize: query.pageSize ?? 50 };
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const roles = inboxRoles(actor);
    let q = this.readModels.db.selectFrom(ESCALATIONS_TABLE).where('target_unit_id', '=', actor.unitId).where('target_role', 'in', roles.length ? roles : ['-']);
    if (query.level !== undefined) q = q.where('level', '=', query.level);
    if (query.state) q = q.where('state', '=', query.state);
    if (query.caseId) q = q.where('case_id', '=', query.caseId);
    if (query.stage) q = q.where('stage', '=', query.stage);
    const total = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const rows = await q.select('doc').orderBy('escalated_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { items: rows.map((r) => publicEscalation(JSON.parse(r.doc as string) as EscalationDoc)), total, page, pageSize };
  }

  /** One escalation as the read model holds it (its case stream, its target), or null. */
  async find(id: string): Promise<EscalationDoc | null> {
    const row = await this.readModels.db.selectFrom(ESCALATIONS_TABLE).select('doc').where('id', '=', id).executeTakeFirst();
    return row ? (JSON.parse(row.doc as string) as EscalationDoc) : null;
  }

  /** The escalations of one case (for the supervision order view and tests). */
  async ofCase(caseId: string): Promise<EscalationDoc[]> {
    const rows = await this.readModels.db.selectFrom(ESCALATIONS_TABLE).select('doc').where('case_id', '=', caseId).orderBy('escalated_at').execute();
    return rows.map((r) => JSON.parse(r.doc as string) as EscalationDoc);
  }
}
