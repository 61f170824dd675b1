import type { DirectoryView } from '@qf/directory';
import type { LadderDirectory } from './escalation-ladder';

/** The directory as the ladder needs it, read when asked (机构改革 moves the targets too). */
export function ladderDirectoryOf(dir: DirectoryView): LadderDirectory {
  const rootId = dir.root()?.id;
  const disciplineId = dir.disciplineUnit()?.id;
  if (!rootId || !disciplineId) throw new Error('the directory has no root or no discipline unit');
  return {
    parentOf: (id) => dir.get(id)?.parentId ?? null,
    rootId: () => rootId,
    disciplineUnitId: () => disciplineId,
    petitionsBureauId: () => dir.petitionsBureau()?.id ?? null,
  };
}
