import { randomBytes } from 'node:crypto';
import { createReadModelDb, ReadModelDb } from '@qf/projections';
import { ERASED, PiiVault } from './pii-vault';

describe('the personal-data vault (SPEC §8)', () => {
  let rm: ReadModelDb;
  let vault: PiiVault;
  const master = randomBytes(32);

  beforeEach(async () => {
    rm = await createReadModelDb({});
    vault = new PiiVault(rm.db, master);
    await vault.migrate();
  });
  afterEach(() => rm.close());

  it('seals without the plaintext and opens it again', async () => {
    const sealed = await vault.seal('person-1', { name: '张三明', phone: '13812345678' });
    expect(JSON.stringify(sealed)).not.toMatch(/13812345678|张三明/);
    expect(await vault.open(sealed)).toEqual({ name: '张三明', phone: '13812345678' });
  });

  it('forgetting a person destroys their key only: "[erased]" for them, others still readable', async () => {
    const a = await vault.seal('person-a', { phone: '13800000001' });
    const b = await vault.seal('person-b', { phone: '13800000002' });
    await vault.erase('person-a');
    expect(await vault.openMany([a, b])).toEqual([ERASED, { phone: '13800000002' }]);
    // Sealing again for the forgotten subject makes a new key; the old ciphertext stays unreadable.
    await vault.seal('person-a', { phone: 'new' });
    await expect(vault.open(a)).rejects.toThrow();
  });

  it('stores keys wrapped: another master key cannot open them', async () => {
    const sealed = await vault.seal('person-1', { name: '李四' });
    await expect(new PiiVault(rm.db, randomBytes(32)).open(sealed)).rejects.toThrow();
  });

  it('digests are stable under one master key and differ under another', () => {
    const value = { name: '张三明', phone: '13812345678' };
    expect(vault.digest(value)).toBe(vault.digest({ phone: '13812345678', name: '张三明' }));
    expect(vault.digest(value)).not.toBe(new PiiVault(rm.db, randomBytes(32)).digest(value));
  });
});
