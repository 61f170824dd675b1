import { STAGES_13710, STAGES_STANDARD, T0, ctx, handler, issueCommand, issued, supervisionOrder, supervisor } from '../supervision-order.fixtures';

/** That the case exists, has a handling unit, is open and lies in the supervisor's subtree is the service's to check. */
describe('下发督办单 IssueSupervisionOrder', () => {
  it('given no order, when a supervisor issues a 13710 order, then every stage starts: study the same day, feedback 3, effect 7, resolve 10 calendar days', () => {
    supervisionOrder.given().when(issueCommand, ctx(supervisor, T0)).then([
      {
        type: 'SupervisionOrderIssued',
        data: { id: 'DB20260316-0001', caseKind: 'hotline', caseId: 'RX-1', requirement: '三日内反馈整改方案', preset: '13710', unitId: 'U-JD-01', issuedBy: { sub: 'sup-1', unitId: 'U-QU' }, deadlines: STAGES_13710 },
      },
    ]);
  });

  it('given no order, when a supervisor issues a standard order, then feedback is due in 7 and resolution in 15 working days (across Qingming)', () => {
    supervisionOrder.given().when({ ...issueCommand, caseKind: 'petition', caseId: 'XF20260316-0001', preset: 'standard' }, ctx(supervisor, T0)).then([
      {
        type: 'SupervisionOrderIssued',
        data: { id: 'DB20260316-0001', caseKind: 'petition', caseId: 'XF20260316-0001', requirement: '三日内反馈整改方案', preset: 'standard', unitId: 'U-JD-01', issuedBy: { sub: 'sup-1', unitId: 'U-QU' }, deadlines: STAGES_STANDARD },
      },
    ]);
  });

  it('given no order, when a unit handler issues one, then it is forbidden', () => {
    supervisionOrder.given().when(issueCommand, ctx(handler, T0)).thenFails('FORBIDDEN', /supervisor/);
  });

  it('given an issued order, when the same id is issued again, then it is a duplicate', () => {
    supervisionOrder.given(issued).when(issueCommand, ctx(supervisor, T0)).thenFails('DUPLICATE', /DB20260316-0001/);
  });
});
