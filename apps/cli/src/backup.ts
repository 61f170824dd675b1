import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import * as tar from 'tar';

/** What a backup of the embedded default holds, besides the two databases. */
const SECRETS = ['pii-key', 'jwt-secret', 'clock.json'];
const KEYS_TABLE = 'pii_keys';

/**
 * `npm run cli -- backup <file>` for the embedded default, while the server runs. SQLite's online backup copies a
 * consistent snapshot of each database under concurrent writes; the order makes the pair consistent:
 *
 * 1. the read models first — every checkpoint in the copy is then at or below the head of the events copy taken
 *    after it, so on restore each projection catches up from its checkpoint and nothing is applied twice or skipped;
 * 2. the events;
 * 3. the personal-data keys again, last: every person sealed in the events copy has a key by then (a key is stored
 *    before the event that uses it), and a key destroyed by `forget-reporter` meanwhile stays destroyed.
 *
 * The result is one gzipped tar with `events.sqlite`, `readmodels.sqlite` (keys from step 3) and the generated
 * secrets (`pii-key`, `jwt-secret`) and manual clock of DATA_DIR.
 */
export async function backup(dataDir: string, file: string): Promise<{ file: string; events: number; bytes: number }> {
  const events = join(dataDir, 'events.sqlite');
  const readModels = join(dataDir, 'readmodels.sqlite');
  if (!existsSync(events)) throw new Error(`no embedded event store in ${dataDir} (a PostgreSQL or EventStoreDB store is backed up with its own tools: docs/operations.md)`);
  const work = mkdtempSync(join(tmpdir(), 'qf-backup-'));
  try {
    if (existsSync(readModels)) await onlineCopy(readModels, join(work, 'readmodels.sqlite'));
    await onlineCopy(events, join(work, 'events.sqlite'));
    if (existsSync(readModels)) {
      await onlineCopy(readModels, join(work, 'keys.sqlite'));
      replaceKeys(join(work, 'readmodels.sqlite'), join(work, 'keys.sqlite'));
      rmSync(join(work, 'keys.sqlite'));
    }
    for (const name of SECRETS) if (existsSync(join(dataDir, name))) cpSync(join(dataDir, name), join(work, name));
    const count = countEvents(join(work, 'events.sqlite'));
    const target = resolve(file);
    mkdirSync(dirname(target), { recursive: true });
    await tar.create({ gzip: true, file: target, cwd: work, portable: true }, readdirSync(work));
    return { file: target, events: count, bytes: (await import('node:fs')).statSync(target).size };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `npm run cli -- restore <file>`: the backup's files into DATA_DIR (refused while a server runs, checked by the caller). */
export async function restore(file: string, dataDir: string, force: boolean): Promise<{ dataDir: string; events: number }> {
  if (!existsSync(file)) throw new Error(`no backup at ${file}`);
  if (existsSync(join(dataDir, 'events.sqlite')) && !force) {
    throw new Error(`${dataDir} already holds an event store: restore into an empty DATA_DIR, or pass --force to replace it`);
  }
  const work = mkdtempSync(join(tmpdir(), 'qf-restore-'));
  try {
    await tar.extract({ file, cwd: work });
    if (!existsSync(join(work, 'events.sqlite'))) throw new Error(`${basename(file)} is not a Qingfeng backup (no events.sqlite)`);
    mkdirSync(dataDir, { recursive: true });
    for (const name of ['events.sqlite', 'readmodels.sqlite']) {
      // Stale WAL files of a replaced database must not be replayed over the restored one.
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `${name}${suffix}`), { force: true });
    }
    for (const name of readdirSync(work)) cpSync(join(work, name), join(dataDir, name));
    return { dataDir, events: countEvents(join(dataDir, 'events.sqlite')) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function onlineCopy(source: string, target: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
}

function replaceKeys(readModels: string, keysSource: string): void {
  const db = new Database(readModels);
  try {
    db.exec(`ATTACH DATABASE '${keysSource.replace(/'/g, "''")}' AS later`);
    const hasTable = db.prepare("select 1 from later.sqlite_master where type = 'table' and name = ?").get(KEYS_TABLE);
    if (hasTable) {
      db.exec(`DELETE FROM main.${KEYS_TABLE}; INSERT INTO main.${KEYS_TABLE} SELECT * FROM later.${KEYS_TABLE};`);
    }
    db.exec('DETACH DATABASE later');
  } finally {
    db.close();
  }
}

function countEvents(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return Number((db.prepare('select count(*) as n from events').get() as { n: number }).n);
  } finally {
    db.close();
  }
}
