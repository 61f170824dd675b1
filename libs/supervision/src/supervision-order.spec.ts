import { answered, issued, studied, supervisionOrder } from './supervision-order.fixtures';

/** evolve: what a supervision order's events fold to (each command's own spec sits in its slice). */
describe('supervision order (督办单) evolve', () => {
  it('folds an issue into an open order whose four 13710 stages are pending', () => {
    const { state } = supervisionOrder.given(issued);
    expect(state).toMatchObject({ exists: true, id: 'DB20260316-0001', status: 'open', unitId: 'U-JD-01', issuedAt: '2026-03-16T09:00:00.000+08:00', answers: [] });
    expect(state.deadlines.map((d) => `${d.stage}:${d.state}`)).toEqual(['study:pending', 'feedback:pending', 'effect:pending', 'resolve:pending']);
  });

  it('meets each answered stage, and completes the order when every stage is answered', () => {
    const some = supervisionOrder.given(issued, studied).state;
    expect(some.status).toBe('open');
    expect(some.deadlines.map((d) => d.state)).toEqual(['met', 'pending', 'pending', 'pending']);
    expect(some.deadlines[0].closedAt).toBe('2026-03-16T17:00:00.000+08:00');

    const all = supervisionOrder.given(issued, studied, answered('feedback', '2026-03-19T10:00:00.000+08:00'), answered('effect', '2026-03-23T10:00:00.000+08:00'), answered('resolve', '2026-03-26T10:00:00.000+08:00')).state;
    expect(all.status).toBe('completed');
    expect(all.answers.map((a) => a.stage)).toEqual(['study', 'feedback', 'effect', 'resolve']);
    expect(all.deadlines.every((d) => d.state === 'met')).toBe(true);
  });
});
