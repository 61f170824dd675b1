export * from './clue';
export * from './clue-rules';
export * from './clue-view';
export * from './record-sanction/four-forms';
export * from './read-models/clues.projection';
export * from './clues.service';
export * from './clue.module';
export * from './clue.case-kind';
