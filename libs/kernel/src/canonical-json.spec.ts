import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('writes the same text for the same value in any key order, keys sorted at every level', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: { z: true, y: {} } })).toBe('{"a":{"y":{},"z":true},"b":[1,{"c":"x","d":null}]}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson([undefined, 'é'])).toBe('[null,"é"]');
  });

  it('takes a value nested as deep as a body may be (128k levels) without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 130_000; i++) deep = [deep];
    expect(canonicalJson(deep)).toBe(`${'['.repeat(130_000)}"x"${']'.repeat(130_000)}`);
  });
});
