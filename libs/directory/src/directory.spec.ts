import { DirectoryView } from './directory-view';
import { DISTRICT, directory, retiredStreet } from './directory.fixtures';

describe('the units directory (evolve)', () => {
  it('folds registrations into a tree with one root and one discipline unit', () => {
    const view = new DirectoryView(directory.given(...DISTRICT).state);
    expect(view.root()?.id).toBe('U-QU');
    expect(view.disciplineUnit()?.id).toBe('U-JW');
    expect(view.subtree('U-JD-01')).toEqual(['U-JD-01', 'U-SQ-01']);
    expect(view.isInSubtree('U-SQ-01', 'U-QU')).toBe(true);
    expect(view.isInSubtree('U-JD-02', 'U-JD-01')).toBe(false);
  });

  it('keeps a retired unit, inactive, with its place in the tree', () => {
    const state = directory.given(...DISTRICT, retiredStreet).state;
    expect(state.units.get('U-JD-02')).toEqual({ id: 'U-JD-02', name: '西城街道', kind: 'street', parentId: 'U-QU', active: false });
    expect(new DirectoryView(state).subtree('U-QU')).toContain('U-JD-02');
  });

  it('renames, changes kind, moves and reactivates in place', () => {
    const state = directory.given(
      ...DISTRICT,
      retiredStreet,
      { type: 'UnitReactivated', data: { id: 'U-JD-02' } },
      { type: 'UnitRenamed', data: { id: 'U-JD-02', name: '西城镇' } },
      { type: 'UnitKindChanged', data: { id: 'U-JD-02', kind: 'town' } },
      { type: 'UnitMoved', data: { id: 'U-SQ-01', parentId: 'U-JD-02' } },
    ).state;
    expect(state.units.get('U-JD-02')).toEqual({ id: 'U-JD-02', name: '西城镇', kind: 'town', parentId: 'U-QU', active: true });
    expect(state.units.get('U-SQ-01')?.parentId).toBe('U-JD-02');
  });
});
