/**
 * Masked forms of personal data (SPEC §8) for everyone who may see a record but not the person behind it.
 * name 张* / 张*明; phone 138****5678; idNumber 1101**********1234.
 */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length > 4) return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
  return '*'.repeat(digits.length);
}

export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** Keeps the district-level part of an address only. */
export function maskAddress(address: string): string {
  const chars = [...address];
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('')}****`;
}

/**
 * Mainland mobile numbers (also with a +86 prefix and spaces, dots or dashes between the groups: `138 1234 5678`,
 * `+86-139-1234-5678`), landline numbers (`0571-88889999`, `(010) 12345678`) and 15/18-digit identity numbers,
 * wherever they appear in free text.
 */
const IDENTIFIERS = /(?<![0-9])(?:(?:\+?86[-\s.]?)?1[3-9][0-9](?:[-\s.]?[0-9]{4}){2}|\(?0[0-9]{2,3}\)?[-\s]?[0-9]{7,8}|[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9])/g;
export const REMOVED = '[removed]';

/** Text with every phone and identity number blotted out — for what may echo a caller's input (errors, DLQ). */
export const scrubIdentifiers = (text: string): string => text.replace(IDENTIFIERS, REMOVED);

/**
 * What an error message may echo of a caller's input (an id in the path, a key in the body): no phone or identity
 * number, and no run of Chinese characters — our messages are English, so Chinese in one can only be echoed input,
 * such as a name (SPEC §8: no personal data in error messages).
 */
export const scrubEcho = (text: string): string => scrubIdentifiers(text).replace(/\p{Script=Han}+/gu, REMOVED);
