import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Kysely } from 'kysely';
import { ERASED, canonicalJson, isSealed, type Erased, type SealedPii } from '@qf/kernel';
import { noteDisclosure } from './disclosures';

export { ERASED, isSealed, type Erased, type SealedPii } from '@qf/kernel';

const KEYS_TABLE = 'pii_keys';

function encrypt(key: Buffer, plaintext: Buffer): { iv: string; tag: string; data: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

function decrypt(key: Buffer, box: { iv: string; tag: string; data: string }): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
}

/**
 * Data keys, one per person, wrapped by the master key (PII_KEY) and kept apart from the events: in the read-model
 * database, in a table no projection owns, so a rebuild neither needs nor restores them. Forgetting a person deletes
 * the key; the ciphertext left in the immutable event store is then unreadable for good.
 */
export class PiiVault {
  private readonly digestKey: Buffer;
  private readonly transientKey: Buffer;

  constructor(
    private readonly db: Kysely<any>,
    private readonly masterKey: Buffer,
  ) {
    if (masterKey.length !== 32) throw new Error('PII_KEY must be 32 bytes');
    this.digestKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'qingfeng pii digest', 32));
    this.transientKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'qingfeng transient', 32));
  }

  async migrate(db: Kysely<any> = this.db): Promise<void> {
    await db.schema
      .createTable(KEYS_TABLE)
      .ifNotExists()
      .addColumn('subject', 'text', (c) => c.primaryKey())
      .addColumn('wrapped', 'text', (c) => c.notNull())
      .execute();
  }

  /** The person's data key, created on first use. */
  private async keyFor(subject: string): Promise<Buffer> {
    const existing = await this.db.selectFrom(KEYS_TABLE).select('wrapped').where('subject', '=', subject).executeTakeFirst();
    if (existing) return decrypt(this.masterKey, JSON.parse(existing.wrapped as string));
    const key = randomBytes(32);
    await this.db
      .insertInto(KEYS_TABLE)
      .values({ subject, wrapped: JSON.stringify(encrypt(this.masterKey, key)) })
      .onConflict((oc) => oc.column('subject').doNothing())
      .execute();
    // Another writer may have won the race: use whichever key is stored.
    const stored = await this.db.selectFrom(KEYS_TABLE).select('wrapped').where('subject', '=', subject).executeTakeFirstOrThrow();
    return decrypt(this.masterKey, JSON.parse(stored.wrapped as string));
  }

  async seal(subject: string, value: unknown): Promise<SealedPii> {
    const key = await this.keyFor(subject);
    return { pii: 1, subject, ...encrypt(key, Buffer.from(JSON.stringify(value))) };
  }

  /** The plaintext, or ERASED when the person was forgotten. */
  async open<T>(sealed: SealedPii): Promise<T | Erased> {
    return (await this.openMany<T>([sealed]))[0];
  }

  async openMany<T>(sealed: SealedPii[]): Promise<Array<T | Erased>> {
    const subjects = [...new Set(sealed.map((s) => s.subject))];
    const keys = new Map<string, Buffer>();
    for (let i = 0; i < subjects.length; i += 400) {
      const rows = await this.db.selectFrom(KEYS_TABLE).select(['subject', 'wrapped']).where('subject', 'in', subjects.slice(i, i + 400)).execute();
      for (const r of rows) keys.set(r.subject as string, decrypt(this.masterKey, JSON.parse(r.wrapped as string)));
    }
    return sealed.map((s) => {
      const key = keys.get(s.subject);
      return key ? (JSON.parse(decrypt(key, s).toString('utf8')) as T) : ERASED;
    });
  }

  /**
   * Seals under the person's key only while that key still exists (never creates one): a copy of something shown
   * about a person must not outlive the person's key. Null when the person was forgotten meanwhile.
   */
  async sealIfKept(subject: string, value: unknown): Promise<SealedPii | null> {
    const row = await this.db.selectFrom(KEYS_TABLE).select('wrapped').where('subject', '=', subject).executeTakeFirst();
    if (!row) return null;
    const key = decrypt(this.masterKey, JSON.parse(row.wrapped as string));
    return { pii: 1, subject, ...encrypt(key, Buffer.from(JSON.stringify(value))) };
  }

  /** Crypto-shredding: destroys the person's key. */
  async erase(subject: string): Promise<void> {
    await this.db.deleteFrom(KEYS_TABLE).where('subject', '=', subject).execute();
  }

  /**
   * Short-lived copies that may contain personal data (remembered answers of idempotent requests, kept 24 hours):
   * sealed under one key derived from the master key rather than a person's key.
   */
  sealTransient(value: unknown): string {
    return JSON.stringify(encrypt(this.transientKey, Buffer.from(JSON.stringify(value))));
  }

  openTransient<T>(sealed: string): T {
    return JSON.parse(decrypt(this.transientKey, JSON.parse(sealed)).toString('utf8')) as T;
  }

  /**
   * A keyed digest for equality checks (is this the same caller as before?) without keeping the value: HMAC under a
   * key derived from the master key, so it cannot be brute-forced from the store alone.
   */
  digest(value: unknown): string {
    return createHmac('sha256', this.digestKey).update(canonicalJson(value)).digest('base64url');
  }
}

/**
 * What readers see of sealed people (callers, petitioners, reporters): in full where `reveal` says so, else masked;
 * "[erased]" once a key is destroyed; null where there is nobody.
 */
export async function personViews<T>(vault: PiiVault, stored: Array<{ sealed: SealedPii } | null>, reveal: boolean[] | boolean, mask: (plain: T) => T): Promise<Array<T | Erased | null>> {
  const opened = await vault.openMany<T>(stored.filter((s): s is { sealed: SealedPii } => !!s).map((s) => s.sealed));
  let next = 0;
  return stored.map((s, i) => {
    if (!s) return null;
    const plain = opened[next++];
    if (plain === ERASED) return ERASED;
    const view = (Array.isArray(reveal) ? reveal[i] : reveal) ? plain : mask(plain);
    // An answer that shows a person is personal data wherever it is kept (idempotent replays, SPEC §8).
    if (view && typeof view === 'object') noteDisclosure(view, s.sealed);
    return view;
  });
}
