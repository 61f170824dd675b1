import { ruleViolation } from '@qf/kernel';
import { evolveDirectory, type DirectoryEvent, type DirectoryState, type UnitDefinition } from '../directory';
import type { DirectoryDecideContext } from '../directory-rules';
import { decidePutUnit } from '../put-unit/put-unit';

/** The seed file (DIRECTORY_SEED), run by the system when the directory is empty; no route. */
export type SeedDirectory = { type: 'SeedDirectory'; units: UnitDefinition[] };

/** Units in order, parents before children, exactly one discipline unit; a seeded directory is not seeded again. */
export function decideSeedDirectory(command: SeedDirectory, state: DirectoryState, ctx: DirectoryDecideContext): DirectoryEvent[] {
  if (state.units.size > 0) return [];
  if (command.units.filter((u) => u.kind === 'discipline_commission').length !== 1) {
    throw ruleViolation('the directory seed must contain exactly one discipline_commission unit');
  }
  let s = state;
  const events: DirectoryEvent[] = [];
  for (const unit of command.units) {
    if (s.units.has(unit.id)) throw ruleViolation(`unit ${unit.id} appears twice in the seed`);
    for (const e of decidePutUnit({ ...unit, type: 'PutUnit' }, s, ctx)) {
      events.push(e);
      s = evolveDirectory(s, e);
    }
  }
  return events;
}
