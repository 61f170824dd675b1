import { DISTRICT, ctx, directory, retiredStreet } from '../directory.fixtures';

const retire = (id: string) => ({ type: 'RetireUnit' as const, id });

describe('撤销单位 RetireUnit', () => {
  it('given a unit without active units under it, when it is retired, then it is', () => {
    directory.given(...DISTRICT).when(retire('U-JD-02'), ctx()).then([{ type: 'UnitRetired', data: { id: 'U-JD-02' } }]);
  });

  it('given a retired unit, when it is retired again, then nothing is appended', () => {
    directory.given(...DISTRICT, retiredStreet).when(retire('U-JD-02'), ctx()).then([]);
  });

  it('given a unit with an active unit under it, then it is a rule violation (422)', () => {
    directory.given(...DISTRICT).when(retire('U-JD-01'), ctx()).thenFails('RULE_VIOLATION', /still has active units under it \(U-SQ-01\)/);
  });

  it('the root and the discipline unit cannot be retired', () => {
    directory.given(...DISTRICT).when(retire('U-QU'), ctx()).thenFails('RULE_VIOLATION', /root/);
    directory.given(...DISTRICT).when(retire('U-JW'), ctx()).thenFails('RULE_VIOLATION', /discipline unit/);
  });

  it('an unknown unit is not found (404)', () => {
    directory.given(...DISTRICT).when(retire('U-NONE'), ctx()).thenFails('NOT_FOUND');
  });
});
