import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
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

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const end = this.httpDuration.startTimer();
      res.on('finish', () => {
        // The matched route pattern keeps label cardinality bounded (no order numbers in labels).
        const route = (req.route?.path as string | undefined) ?? 'unmatched';
        end({ method: req.method, route: `${req.baseUrl ?? ''}${route}`, status: String(res.statusCode) });
      });
      next();
    };
  }
}
