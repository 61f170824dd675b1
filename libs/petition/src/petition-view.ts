import { withoutClueContents } from '@qf/contracts';
import type { RecordedEvent } from '@qf/event-store';
import { Erased, PiiVault, deadlineView, maskAddress, maskIdNumber, maskName, maskPhone, personViews, timelineEntry } from '@qf/platform';
import type { Petition, Petitioner, StoredPetitioner } from './petition';

export const maskPetitioner = (p: Petitioner): Petitioner => ({
  name: maskName(p.name),
  ...(p.idNumber ? { idNumber: maskIdNumber(p.idNumber) } : {}),
  ...(p.phone ? { phone: maskPhone(p.phone) } : {}),
  ...(p.address ? { address: maskAddress(p.address) } : {}),
});

export type PetitionerView = Petitioner | Erased | null;

export const petitionerViews = (vault: PiiVault, stored: Array<StoredPetitioner | null>, reveal: boolean[] | boolean): Promise<PetitionerView[]> =>
  personViews<Petitioner>(vault, stored, reveal, maskPetitioner);

/** The case detail of SPEC §3 for a petition. */
export function petitionDetail(state: Petition, version: number, now: Date, petitioner: PetitionerView) {
  return {
    kind: 'petition' as const,
    id: state.id,
    status: state.status,
    unitId: state.unitId,
    channel: state.channel,
    petitioner,
    anonymous: state.anonymous,
    subject: state.subject,
    content: state.content,
    category: state.category,
    repeat: state.repeatOf !== null,
    repeatOf: state.repeatOf,
    receivedAt: state.receivedAt,
    assignMode: state.assignMode,
    deadlines: state.deadlines.map((d) => deadlineView(d, now)),
    extension: state.extension,
    reply: state.reply,
    rejection: state.rejection,
    review: state.review,
    recheck: state.recheck,
    ledBy: state.ledBy,
    closedAt: state.closedAt,
    referredClues: state.referredClues,
    version,
  };
}

/** The timeline: the petitioner masked for everyone, without the sealed form or its digest; a referral without the clue's contents (§8). */
export async function petitionTimeline(vault: PiiVault, events: RecordedEvent[]) {
  const stored = events.map((e) => ((e.data as { petitioner?: StoredPetitioner }).petitioner ?? null));
  const views = await petitionerViews(vault, stored, stored.map(() => false));
  return events.map((e, i) => {
    const data = withoutClueContents(e.type, e.data) as Record<string, unknown>;
    return timelineEntry(e, 'petitioner' in data ? { ...data, petitioner: views[i] } : data);
  });
}
