/** Nest injection tokens for the platform's ports. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const CLOCK = Symbol('CLOCK');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
/** The registered case kinds (`CaseKindRegistry` of @qf/contracts), provided by `CaseKindsModule.register`. */
export const CASE_KINDS = Symbol('CASE_KINDS');
