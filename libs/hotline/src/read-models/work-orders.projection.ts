import type { StoredEvent } from '@qf/event-store';
import { documentProjection } from '@qf/projections';
import { nextDueAt, toRecorded } from '@qf/platform';
import { STREAM_PREFIX, WorkOrder, WorkOrderEvent, evolve, initialWorkOrder } from '../work-order';

export const WORK_ORDERS_TABLE = 'hotline_orders';

/**
 * A work order as the lists see it: the folded state (the caller stays sealed, as in the events), its stream version, and how many events built it — `eventCount === version + 1` unless an event was
 * applied twice or skipped, which the restart tests check.
 */
export type WorkOrderRow = WorkOrder & { version: number; eventCount: number };

/** 工单列表 read model: one row per order, filterable by unit, status, receipt time and overdue. */
export const workOrdersProjection = documentProjection<WorkOrderRow>({
  name: 'hotline-orders',
  version: 1,
  table: WORK_ORDERS_TABLE,
  columns: { status: 'text', unit_id: 'text', received_at: 'text', next_due_at: 'text' },
  indexes: [['unit_id', 'received_at'], ['status'], ['next_due_at']],
  key: (e: StoredEvent) => (e.streamId.startsWith(STREAM_PREFIX) ? e.streamId.slice(STREAM_PREFIX.length) : null),
  evolve: (row: WorkOrderRow | null, e: StoredEvent): WorkOrderRow => {
    const next = evolve(row ?? initialWorkOrder(), toRecorded<WorkOrderEvent>(e));
    return { ...next, version: e.revision, eventCount: (row?.eventCount ?? 0) + 1 };
  },
  columnsOf: (row: WorkOrderRow) => ({
    status: row.status,
    unit_id: row.unitId,
    received_at: new Date(row.receivedAt).toISOString(),
    next_due_at: nextDueAt(row.deadlines),
  }),
});
