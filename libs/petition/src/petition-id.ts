import { DomainError } from '@qf/kernel';

/** 信访件编号: `XF` + the receipt date + a daily sequence, e.g. XF20260315-0007 (SPEC §3.2). */
export const PETITION_ID_PATTERN = /^XF\d{8}-\d{4,}$/;

/** A path's petition id that cannot exist is simply not found. */
export function idOf(value: string): string {
  if (!PETITION_ID_PATTERN.test(value)) throw new DomainError('NOT_FOUND', 'petition not found');
  return value;
}
