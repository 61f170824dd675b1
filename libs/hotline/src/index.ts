export * from './work-order';
export * from './hotline-rules';
export * from './order-view';
export * from './read-models/work-orders.projection';
export * from './work-orders.service';
export * from './hotline.module';
export * from './hotline.case-kind';
