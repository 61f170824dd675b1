import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RequestHandler } from 'express';

/** Prometheus metrics of one process, served at GET /metrics. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'qingfeng_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly eventsAppended = new Counter({
    name: 'qingfeng_events_appended_total',
    help: 'Domain events appended, by event type',
    labelNames: ['type'],
    registers: [this.registry],
  });

  readonly escalations = new Counter({
    name: 'qingfeng_escalations_total',
    help: 'Escalation rungs fired (level 0 = warning), by case kind and level',
    labelNames: ['kind', 'level'],
    registers: [this.registry],
  });
  readonly schedulerFailures = new Counter({
    name: 'qingfeng_scheduler_failures_total',
    help: 'Escalation jobs that failed, by scheduler; final = all attempts used up (the job is parked and retried by the sweep)',
    labelNames: ['scheduler', 'final'],
    registers: [this.registry],
  });

  readonly inboundMessages = new Counter({
    name: 'qingfeng_inbound_messages_total',
    help: 'Integration messages consumed, by topic and outcome (applied, duplicate, dead-lettered)',
    labelNames: ['topic', 'outcome'],
    registers: [this.registry],
  });

  readonly outboundMessages = new Counter({
    name: 'qingfeng_outbound_messages_total',
    help: 'Integration messages written to the outbox by this process, by topic',
    labelNames: ['topic'],
    registers: [this.registry],
  });

  private projectionStatus: () => Promise<Array<{ name: string; lag: number | null }>> = async () => [];
  readonly projectionLag = new Gauge({
    name: 'qingfeng_projection_lag_events',
    help: 'Events between each projection of this process and the newest event in the store (0 = caught up)',
    labelNames: ['projection'],
    registers: [this.registry],
    collect: async () => {
      for (const p of await this.projectionStatus()) if (p.lag !== null) this.projectionLag.set({ projection: p.name }, p.lag);
    },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // prom-client's gauges named *_total break the exposition format's naming rules (promtool rejects them); the
    // same figures stay available per type in nodejs_active_handles / _requests / _resources.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(name);
  }

  /** The projections service tells the lag gauge where to read from. */
  reportProjections(status: () => Promise<Array<{ name: string; lag: number | null }>>): void {
    this.projectionStatus = status;
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const end = this.httpDuration.startTimer();
      res.on('finish', () => {
        // The matched route template keeps label cardinality bounded (no order numbers in labels); anything that
        // matched no route (404s, the docs UI's assets) is one label.
        const template = req.route?.path as string | undefined;
        end({ method: req.method, route: template ? `${req.baseUrl ?? ''}${template}` : 'unmatched', status: String(res.statusCode) });
      });
      next();
    };
  }
}
