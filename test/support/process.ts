import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
}

/** Compiles the apps into dist/ as `npm start` does first (`npm run build`, incremental). */
export function buildServer(): void {
  const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}${built.stderr}`);
}

/**
 * Starts `npm start`'s entry point (or another app's) as a real process and resolves once it listens: from the
 * TypeScript sources under ts-node (the tests: nothing to build first), or `compiled` from dist/ exactly as `npm start`
 * runs it (the benches, after `buildServer()`).
 */
export function startServerProcess(env: Record<string, string>, timeoutMs = 60_000, entry = 'apps/standalone/src/main.ts', opts: { compiled?: boolean } = {}): Promise<ServerProcess> {
  const args = opts.compiled
    ? ['--enable-source-maps', '-r', './scripts/dist-paths.js', join('dist', entry.replace(/\.ts$/, '.js'))]
    : ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', entry];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: '0', QUEUE_PREFIX: `qf-test-${process.pid}-${Date.now()}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, baseUrl: match[1], output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

/**
 * Stops the server and resolves once it has exited: the way an operator does by default (SIGTERM, its graceful
 * shutdown), or as a crash does (SIGKILL, `kill9`).
 */
export function stopServerProcess(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    server.child.removeAllListeners('exit');
    server.child.once('exit', () => resolve());
    server.child.kill(signal);
  });
}

/** Resolves once the server's readiness lists its projections, every one at lag 0; polls every `pollMs`. */
export async function projectionsCaughtUp(baseUrl: string, { pollMs = 100, timeoutMs = 60 * 60_000 } = {}): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ready = (await (await fetch(`${baseUrl}/health/ready`)).json()) as { projections?: Array<{ lag: number | null }> };
    const lags = ready.projections ?? [];
    if (lags.length > 0 && lags.every((p) => p.lag === 0)) return;
    if (Date.now() > until) throw new Error(`projections did not catch up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export const kill9 = (server: ServerProcess): Promise<void> => stopServerProcess(server, 'SIGKILL');

/**
 * Sends one command per key, all at once, and kills the server with SIGKILL the moment `killAt` of them have been
 * acknowledged (`send` resolves true); answers after that moment do not count. Resolves with the acknowledged keys.
 */
export function killAtAcknowledged(server: ServerProcess, keys: string[], send: (key: string) => Promise<boolean>, killAt: number): Promise<string[]> {
  const acknowledged: string[] = [];
  return new Promise<string[]>((resolve) => {
    let inFlight = keys.length;
    let killed = false;
    for (const key of keys) {
      send(key)
        .then((ok) => {
          if (!ok || killed) return;
          acknowledged.push(key);
          if (acknowledged.length === killAt) {
            killed = true;
            void kill9(server).then(() => resolve(acknowledged));
          }
        })
        .catch(() => undefined)
        .finally(() => {
          if (--inFlight === 0 && !killed) resolve(acknowledged);
        });
    }
  });
}
