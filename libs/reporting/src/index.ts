export * from './four-forms/sanctions.projection';
export * from './four-forms/four-forms-report';
export * from './reporting.module';
export * from './ranking/ranking';
export * from './ranking/hotline-facts.projection';
export * from './ranking/ranking.service';
export * from './ranking/ranking-publisher.service';
export * from './ranking/ranking-export';
