import type { RecordedEvent } from '@qf/event-store';
import { Erased, PiiVault, deadlineView, maskIdNumber, maskName, maskPhone, personViews, timelineEntry } from '@qf/platform';
import type { Clue, Reporter, StoredReporter } from './clue';

export const maskReporter = (r: Reporter): Reporter => ({
  name: maskName(r.name),
  ...(r.phone ? { phone: maskPhone(r.phone) } : {}),
  ...(r.idNumber ? { idNumber: maskIdNumber(r.idNumber) } : {}),
  realName: r.realName,
});

export type ReporterView = Reporter | Erased | null;

export const reporterViews = (vault: PiiVault, stored: Array<StoredReporter | null>, reveal: boolean): Promise<ReporterView[]> =>
  personViews<Reporter>(vault, stored, reveal, maskReporter);

/**
 * The case detail of SPEC §3 for a clue (only inspectors and case managers ever get here). Its `unitId` is the current
 * handler, the discipline unit (`handlerUnitId`); the units of the people it names are on its subjects.
 */
export function clueDetail(state: Clue, version: number, now: Date, reporter: ReporterView, handlerUnitId: string | null) {
  const { exists: _exists, reporter: _sealed, ...rest } = state;
  return { kind: 'clue' as const, ...rest, unitId: handlerUnitId, reporter, handled: state.status === 'concluded' || state.status === 'case_filed', deadlines: state.deadlines.map((d) => deadlineView(d, now)), version };
}

/** The timeline: the reporter masked (or "[erased]"), never the sealed form. */
export async function clueTimeline(vault: PiiVault, events: RecordedEvent[]) {
  const stored = events.map((e) => ((e.data as { reporter?: StoredReporter | null }).reporter ?? null));
  const views = await reporterViews(vault, stored, false);
  return events.map((e, i) => {
    const data = e.data as Record<string, unknown>;
    return timelineEntry(e, 'reporter' in data ? { ...data, reporter: views[i] } : data);
  });
}
