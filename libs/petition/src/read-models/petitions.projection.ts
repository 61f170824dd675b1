import type { StoredEvent } from '@qf/event-store';
import { documentProjection } from '@qf/projections';
import { nextDueAt, toRecorded } from '@qf/kernel';
import { PETITION_STREAM_PREFIX, Petition, PetitionEvent, evolvePetition, initialPetition } from '../petition';

export const PETITIONS_TABLE = 'petitions';

/** A petition as the lists see it: folded state (petitioner sealed, as in the events) and its stream version. */
export type PetitionRow = Petition & { version: number };

/** 信访件列表 read model; `id_digest` + `category` + `received_at` also answer 重复信访 look-ups. */
export const petitionsProjection = documentProjection<PetitionRow>({
  name: 'petitions',
  version: 1,
  table: PETITIONS_TABLE,
  columns: { status: 'text', unit_id: 'text', received_at: 'text', next_due_at: 'text', id_digest: 'text', category: 'text' },
  indexes: [['unit_id', 'received_at'], ['status'], ['next_due_at'], ['id_digest', 'category', 'received_at']],
  key: (e: StoredEvent) => (e.streamId.startsWith(PETITION_STREAM_PREFIX) ? e.streamId.slice(PETITION_STREAM_PREFIX.length) : null),
  evolve: (row: PetitionRow | null, e: StoredEvent): PetitionRow => ({ ...evolvePetition(row ?? initialPetition(), toRecorded<PetitionEvent>(e)), version: e.revision }),
  columnsOf: (row: PetitionRow) => ({
    status: row.status,
    unit_id: row.unitId,
    received_at: new Date(row.receivedAt).toISOString(),
    next_due_at: nextDueAt(row.deadlines),
    id_digest: row.petitioner?.idDigest ?? null,
    category: row.category,
  }),
});
