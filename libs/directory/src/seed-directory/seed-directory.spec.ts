import { SYSTEM_ACTOR } from '@qf/kernel';
import type { UnitDefinition } from '../directory';
import { DISTRICT, ctx, directory } from '../directory.fixtures';

const units: UnitDefinition[] = [
  { id: 'U-QU', name: '清风区人民政府', kind: 'other', parentId: null },
  { id: 'U-JD-01', name: '东城街道', kind: 'street', parentId: 'U-QU' },
  { id: 'U-JW', name: '区纪委监委', kind: 'discipline_commission', parentId: 'U-QU' },
];
const seed = (list: UnitDefinition[]) => ({ type: 'SeedDirectory' as const, units: list });
const system = ctx(SYSTEM_ACTOR);

describe('the directory seed SeedDirectory', () => {
  it('given an empty directory, when seeded, then each unit is registered in order', () => {
    directory.given().when(seed(units), system).then(units.map((data) => ({ type: 'UnitRegistered', data })));
  });

  it('given a seeded directory, when seeded again, then nothing is appended', () => {
    directory.given(...DISTRICT).when(seed(units), system).then([]);
  });

  it('without exactly one discipline unit, then it is a rule violation', () => {
    directory.given().when(seed(units.filter((u) => u.kind !== 'discipline_commission')), system).thenFails('RULE_VIOLATION', /exactly one discipline_commission/);
    directory.given().when(seed([...units, { id: 'U-JW2', name: '另一个纪委', kind: 'discipline_commission', parentId: 'U-QU' }]), system).thenFails('RULE_VIOLATION', /exactly one/);
  });

  it('a unit twice, or a child before its parent, is a rule violation', () => {
    directory.given().when(seed([...units, units[1]]), system).thenFails('RULE_VIOLATION', /appears twice/);
    directory.given().when(seed([units[1], units[0], units[2]]), system).thenFails('RULE_VIOLATION', /parent unit U-QU does not exist/);
  });
});
