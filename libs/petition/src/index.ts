export * from './petition';
export * from './petition-rules';
export * from './petition-view';
export * from './read-models/petitions.projection';
export * from './petitions.service';
export * from './petition.module';
export * from './petition.case-kind';
