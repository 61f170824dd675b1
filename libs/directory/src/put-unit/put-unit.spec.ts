import { DISTRICT, ctx, directory, retiredStreet } from '../directory.fixtures';

const put = (id: string, name: string, kind: 'street' | 'other' | 'discipline_commission', parentId: string | null) => ({ type: 'PutUnit' as const, id, name, kind, parentId });

describe('登记或变更单位 PutUnit', () => {
  it('given the district, when a new street is put under the district, then it is registered', () => {
    directory.given(...DISTRICT).when(put('U-JD-05', '新区街道', 'street', 'U-QU'), ctx()).then([{ type: 'UnitRegistered', data: { id: 'U-JD-05', name: '新区街道', kind: 'street', parentId: 'U-QU' } }]);
  });

  it('given a unit, when it is put renamed and moved, then exactly what changed is recorded', () => {
    directory
      .given(...DISTRICT)
      .when(put('U-SQ-01', '东城第一社区', 'other', 'U-JD-02'), ctx())
      .then([
        { type: 'UnitRenamed', data: { id: 'U-SQ-01', name: '东城第一社区' } },
        { type: 'UnitMoved', data: { id: 'U-SQ-01', parentId: 'U-JD-02' } },
      ]);
  });

  it('given a unit, when it is put as it is, then nothing is appended', () => {
    directory.given(...DISTRICT).when(put('U-JD-01', '东城街道', 'street', 'U-QU'), ctx()).then([]);
  });

  it('given a retired unit, when it is put again, then it is reactivated', () => {
    directory.given(...DISTRICT, retiredStreet).when(put('U-JD-02', '西城街道', 'street', 'U-QU'), ctx()).then([{ type: 'UnitReactivated', data: { id: 'U-JD-02' } }]);
  });

  it('when the parent does not exist, or is retired, then it is a rule violation (422)', () => {
    directory.given(...DISTRICT).when(put('U-JD-05', '新城街道', 'street', 'U-NOPE'), ctx()).thenFails('RULE_VIOLATION', /parent unit U-NOPE does not exist/);
    directory.given(...DISTRICT, retiredStreet).when(put('U-SQ-09', '西城社区', 'other', 'U-JD-02'), ctx()).thenFails('RULE_VIOLATION', /retired/);
  });

  it('when a unit would move under itself or its descendants, then it is a rule violation (no cycles)', () => {
    directory.given(...DISTRICT).when(put('U-QU', '清风区人民政府', 'other', 'U-JD-01'), ctx()).thenFails('RULE_VIOLATION', /under itself or its descendants/);
    directory.given(...DISTRICT).when(put('U-JD-01', '东城街道', 'street', 'U-JD-01'), ctx()).thenFails('RULE_VIOLATION', /under itself/);
  });

  it('when a second root is put, then it is a rule violation', () => {
    directory.given(...DISTRICT).when(put('U-X', '另一个区', 'other', null), ctx()).thenFails('RULE_VIOLATION', /already has a root \(U-QU\)/);
  });

  it('when a second discipline unit is put, or the one changes kind, then it is a rule violation (exactly one)', () => {
    directory.given(...DISTRICT).when(put('U-JW2', '另一个纪委', 'discipline_commission', 'U-QU'), ctx()).thenFails('RULE_VIOLATION', /already has its discipline unit \(U-JW\)/);
    directory.given(...DISTRICT).when(put('U-JW', '区纪委监委', 'other', 'U-QU'), ctx()).thenFails('RULE_VIOLATION', /cannot change kind/);
  });
});
