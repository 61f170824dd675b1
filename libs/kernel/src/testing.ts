/**
 * Specs that read given(events) / when(command) / then(events | error), as emmett's do (STYLE.md). For domain specs
 * only (it uses jest's `expect`); import it as `@qf/kernel/testing`.
 */
import { decision, type Aggregate, type Decision, type DomainEvent, type Recorded } from './aggregate';
import { DomainError, type ErrorCode } from './errors';

/** When a given event happened, if it matters (evolve reads `occurredAt`); default 2026-03-16 09:00 Beijing time. */
export const at = <E extends DomainEvent>(event: E, occurredAt: string, recordedAt = occurredAt): Recorded<E> => ({ ...event, occurredAt, recordedAt });
const DEFAULT_AT = '2026-03-16T09:00:00.000+08:00';

export interface Then<E extends DomainEvent> {
  /** The decision's events, exactly. */
  then(expected: E[]): Decision<E>;
  /** The decision, for checks of its own (e.g. its business time). */
  thenDecision(check: (decided: Decision<E>) => void): Decision<E>;
  /** Refused with this error code (and a message matching `message`, when given); nothing decided. */
  thenFails(code: ErrorCode, message?: string | RegExp): void;
}

/** A decider for specs: its aggregate (to fold `given`) and its one decide function over the command union. */
export function specOf<S, E extends DomainEvent, C, Ctx>(aggregate: Aggregate<S, E>, decide: (command: C, state: S, ctx: Ctx) => E[] | Decision<E>) {
  return {
    given(...events: Array<E | Recorded<E>>) {
      const state = events.reduce<S>((s, e) => aggregate.evolve(s, 'occurredAt' in e ? (e as Recorded<E>) : at(e, DEFAULT_AT)), aggregate.initialState());
      return {
        /** The state the given events fold to (for specs of evolve). */
        state,
        when(command: C, ctx: Ctx): Then<E> {
          const run = () => decision(decide(command, state, ctx));
          return {
            then(expected) {
              const decided = run();
              expect(decided.events).toEqual(expected);
              return decided;
            },
            thenDecision(check) {
              const decided = run();
              check(decided);
              return decided;
            },
            thenFails(code, message) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainError);
              expect((thrown as DomainError).code).toBe(code);
              if (message !== undefined) expect((thrown as DomainError).message).toMatch(message);
            },
          };
        },
      };
    },
  };
}
