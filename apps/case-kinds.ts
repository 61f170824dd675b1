import type { CaseKindDefinition } from '@qf/contracts';
import { hotlineCaseKind } from '@qf/hotline';
import { petitionCaseKind } from '@qf/petition';
import { clueCaseKind } from '@qf/clue';
import { supervisionOrderCaseKind } from '@qf/supervision';

/**
 * The one registration of case kinds (SPEC §3, §4): every deployable folds cases through these definitions
 * (`CaseKindsModule.register`). A new kind is its own lib plus one line here.
 */
export const CASE_KIND_DEFINITIONS: readonly CaseKindDefinition[] = [hotlineCaseKind, petitionCaseKind, clueCaseKind, supervisionOrderCaseKind];
