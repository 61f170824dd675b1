import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { EventStore } from '@qf/event-store';
import { CASE_KINDS, CLOCK, Clock, DomainError, EVENT_STORE, ProjectionsService, ZONE, formatShanghai, load } from '@qf/platform';
import { DirectoryService } from '@qf/directory';
import type { CaseKindRegistry } from '@qf/contracts';
import { hotlineFactsProjection } from './hotline-facts.projection';
import { escalationFactsProjection, petitionFactsProjection } from './case-facts.projection';
import { RankingFigures, RankingKind, RankingReport, rankUnits, topAndBottom } from './ranking';
import { publishedStream, rankingPublicationAggregate } from '../ranking-publication';
import { RankingConfigService } from './ranking-config.service';
import { HotlineRankingQuery } from './hotline-ranking.query';
import { PetitionRankingQuery } from './petition-ranking.query';
import { SupervisionRankingQuery } from './supervision-ranking.query';

export type { RankingReport } from './ranking';

/** The month before `month` (YYYY-MM). */
export const previousMonth = (month: string) => DateTime.fromISO(`${month}-01`, { zone: ZONE }).minus({ months: 1 }).toFormat('yyyy-MM');

/** When `month`'s ranking is published: 02:00 Asia/Shanghai on the 1st of the next month. */
export const publicationTime = (month: string) => DateTime.fromISO(`${month}-01T02:00:00`, { zone: ZONE }).plus({ months: 1 }).toJSDate();

/**
 * 每月一排名: a month's ranking assembled from the figures of its kind (the `*-ranking.query.ts` files) and the
 * admin's weights — rates, score, ranks, previous ranks, 红榜/黑榜 — live, or as published (frozen) (SPEC §7).
 */
@Injectable()
export class RankingService implements OnModuleInit {
  private readonly figures: Record<RankingKind, RankingFigures>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly directory: DirectoryService,
    private readonly projections: ProjectionsService,
    @Inject(CASE_KINDS) private readonly kinds: CaseKindRegistry,
    private readonly configs: RankingConfigService,
    hotline: HotlineRankingQuery,
    petition: PetitionRankingQuery,
    supervision: SupervisionRankingQuery,
  ) {
    this.figures = { hotline, petition, supervision };
  }

  onModuleInit(): void {
    this.projections.register(hotlineFactsProjection(this.kinds));
    this.projections.register(petitionFactsProjection(this.kinds));
    this.projections.register(escalationFactsProjection);
  }

  now(): Date {
    return this.clock.now();
  }

  /**
   * The ranking of `month`: published (frozen) or live at the clock's now — or, with `knownAt`, from the events
   * recorded by then only (a `knownAt` after now means now), so that answer never changes. A published ranking is
   * served only if it was published by `knownAt`.
   */
  async ranking(kind: RankingKind, month: string, published: boolean, knownAtText?: string): Promise<RankingReport> {
    const now = this.clock.now();
    const knownAt = knownAtText ? new Date(Math.min(Date.parse(knownAtText), now.getTime())) : undefined;
    if (published) {
      // Only the hotline ranking is published (decision 44): the others are live only, never "not published yet".
      if (kind !== 'hotline') throw new DomainError('NOT_FOUND', `the ${kind} ranking is live only: it is never published (ask without published=true)`);
      const frozen = await this.published(kind, month, knownAt);
      if (!frozen) {
        const when = knownAt ? ` by ${formatShanghai(knownAt)}` : ' yet';
        throw new DomainError('NOT_FOUND', `the ${kind} ranking of ${month} was not published${when} (its publication is due at ${formatShanghai(publicationTime(month))})`);
      }
      return frozen;
    }
    return knownAt ? this.live(kind, month, knownAt, true, knownAt) : this.live(kind, month, now);
  }

  /** The frozen ranking of `month`, if it was published (by `knownAt`, when given). */
  async published(kind: RankingKind, month: string, knownAt?: Date): Promise<RankingReport | null> {
    const { state } = await load(this.store, publishedStream(kind, month), rankingPublicationAggregate, knownAt ? { recordedUntil: knownAt } : undefined);
    return state.report;
  }

  /**
   * The live ranking at `now` (what a publication at `now` freezes); with `knownAt` (then `now` is knownAt, the
   * present as known then) from the fact rows recorded by then, with the weights configured by then, and previous
   * ranks from the previous month's ranking as published by then, else its live ranking as known then.
   */
  async live(kind: RankingKind, month: string, now: Date, withPrevious = true, knownAt?: Date): Promise<RankingReport> {
    const config = (await this.configs.config(knownAt))[kind];
    const counts = knownAt ? await this.figures[kind].countsKnownAt(month, knownAt.toISOString()) : await this.figures[kind].counts(month, now);
    const previous = new Map<string, number | null>();
    if (withPrevious) {
      const prior = previousMonth(month);
      const before = (await this.published(kind, prior, knownAt)) ?? (await this.live(kind, prior, now, false, knownAt));
      for (const r of before.rows) previous.set(r.unitId, r.rank);
    }
    const dir = this.directory.current();
    const rows = rankUnits(counts, config.weights, previous, (id) => dir.get(id)?.name ?? id);
    return {
      kind,
      month,
      published: false,
      generatedAt: formatShanghai(now),
      ...(knownAt ? { knownAt: formatShanghai(knownAt) } : {}),
      weights: config.weights,
      rows,
      ...topAndBottom(rows, config.listSize),
    };
  }
}
