/**
 * JSON with sorted keys, so the same body in another key order has the same fingerprint. Written without recursion:
 * a message may nest as deep as its bytes allow (a 256 KiB `[[[…` is 128k levels), and recursion would overflow.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Last in, first out: each container pushes its closing text, its members (with separators) and its opening text.
  const stack: Array<{ text: string } | { value: unknown }> = [{ value }];
  while (stack.length) {
    const item = stack.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const v = item.value;
    if (Array.isArray(v)) {
      stack.push({ text: ']' });
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i] });
        if (i > 0) stack.push({ text: ',' });
      }
      stack.push({ text: '[' });
    } else if (v && typeof v === 'object') {
      const keys = Object.keys(v).sort();
      stack.push({ text: '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: (v as Record<string, unknown>)[keys[i]] }, { text: `${JSON.stringify(keys[i])}:` });
        if (i > 0) stack.push({ text: ',' });
      }
      stack.push({ text: '{' });
    } else out.push(JSON.stringify(v ?? null));
  }
  return out.join('');
}
