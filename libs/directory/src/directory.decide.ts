import { decision, type Decision } from '@qf/kernel';
import type { DirectoryEvent, DirectoryState } from './directory';
import type { DirectoryDecideContext } from './directory-rules';
import { PutUnit, decidePutUnit } from './put-unit/put-unit';
import { RetireUnit, decideRetireUnit } from './retire-unit/retire-unit';
import { SeedDirectory, decideSeedDirectory } from './seed-directory/seed-directory';

/** Every command of the directory (SPEC §2); each is defined in its slice. */
export type DirectoryCommand = PutUnit | RetireUnit | SeedDirectory;

/** The directory's one decide: a command and the directory it meets → the events (or a domain error). */
export function decide(command: DirectoryCommand, state: DirectoryState, ctx: DirectoryDecideContext): Decision<DirectoryEvent> {
  switch (command.type) {
    case 'PutUnit':
      return decision<DirectoryEvent>(decidePutUnit(command, state, ctx));
    case 'RetireUnit':
      return decision<DirectoryEvent>(decideRetireUnit(command, state, ctx));
    case 'SeedDirectory':
      return decision<DirectoryEvent>(decideSeedDirectory(command, state, ctx));
    default: {
      const _exhaustive: never = command;
      throw new Error(`unknown directory command ${JSON.stringify(_exhaustive)}`);
    }
  }
}
