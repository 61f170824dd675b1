import { Injectable } from '@nestjs/common';

/** Dependencies other modules own (Redis for the BullMQ scheduler, Kafka…), checked by GET /health/ready. */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, () => Promise<unknown>>();

  /** `check` resolves with a detail when the dependency is up and throws when it is down. */
  register(name: string, check: () => Promise<unknown>): void {
    this.checks.set(name, check);
  }

  async run(): Promise<Record<string, { status: 'up' | 'down'; detail?: unknown }>> {
    const out: Record<string, { status: 'up' | 'down'; detail?: unknown }> = {};
    for (const [name, check] of this.checks) {
      try {
        out[name] = { status: 'up', detail: await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())]) };
      } catch {
        out[name] = { status: 'down' };
      }
    }
    return out;
  }
}
