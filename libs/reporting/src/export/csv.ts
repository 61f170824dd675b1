/**
 * CSV as the exports write it: RFC 4180 quoting, CRLF line ends, and a UTF-8 byte-order mark so spreadsheet programs
 * read the Chinese headers. Empty for null and undefined.
 */
export function toCsv(headers: string[], rows: unknown[][]): string {
  const quote = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[headers, ...rows].map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}
