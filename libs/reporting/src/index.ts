export * from './four-forms/sanctions.projection';
export * from './four-forms/four-forms-report';
export * from './reporting.module';
