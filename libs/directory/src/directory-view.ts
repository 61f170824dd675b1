import { isAncestorOrSelf, type DirectoryState, type Unit } from './directory';

/** Queries over a folded directory. */
export class DirectoryView {
  constructor(readonly state: DirectoryState) {}

  get(id: string): Unit | undefined {
    return this.state.units.get(id);
  }

  list(): Unit[] {
    return [...this.state.units.values()];
  }

  /** The unit and all its descendants (active or not: retired units keep their cases). */
  subtree(id: string): string[] {
    const children = new Map<string, string[]>();
    for (const u of this.state.units.values()) {
      if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
    }
    const out: string[] = [];
    const walk = (x: string) => {
      out.push(x);
      for (const c of children.get(x) ?? []) walk(c);
    };
    if (this.state.units.has(id)) walk(id);
    return out;
  }

  isInSubtree(unitId: string, rootId: string): boolean {
    return isAncestorOrSelf(this.state, rootId, unitId);
  }

  root(): Unit | undefined {
    return this.list().find((u) => u.parentId === null && u.active);
  }

  /** The petitions bureau (信访局), the unit responsible for petitions not yet assigned. */
  petitionsBureau(): Unit | undefined {
    return this.list().find((u) => u.kind === 'petitions_bureau' && u.active);
  }

  disciplineUnit(): Unit | undefined {
    return this.list().find((u) => u.kind === 'discipline_commission' && u.active);
  }
}
