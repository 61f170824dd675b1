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
