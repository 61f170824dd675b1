import { at } from '@qf/kernel/testing';
import type { PetitionEvent } from '../petition';
import { ASSIGN, ID, T_REGISTERED, ctx, officer, petition, registerCommand, registered } from '../petition.fixtures';

const { type: _type, receivedAt: _receivedAt, ...data } = registerCommand;

describe('登记 RegisterPetition', () => {
  it('given no petition, when the bureau registers one, then it is registered and the 15-day assign limit runs to the end of 03-17', () => {
    expect(petition.given(registered).state).toMatchObject({ exists: true, status: 'registered', unitId: null, receivedAt: T_REGISTERED, repeatOf: null });
    petition
      .given()
      .when(registerCommand, ctx(officer, T_REGISTERED))
      .thenDecision((decided) => {
        expect(decided.events).toEqual([{ type: 'PetitionRegistered', data: { ...data, deadlines: [ASSIGN] } }]);
        expect(decided.occurredAt).toEqual(new Date(T_REGISTERED));
      });
  });

  it('given no petition, when an earlier receipt is imported, then the event happens then and the assign limit starts from it', () => {
    const receivedAt = '2026-02-20T15:30:00.000+08:00';
    petition
      .given()
      .when({ ...registerCommand, receivedAt: new Date(receivedAt) }, ctx(officer, T_REGISTERED))
      .thenDecision((decided) => {
        // 15 days after Fri 02-20 → end of 03-07; 80 % of 15 d 8:29:59.999 is 12 d 6:47:59.999.
        expect(decided.events).toEqual([
          { type: 'PetitionRegistered', data: { ...data, deadlines: [{ stage: 'assign', startedAt: receivedAt, dueAt: '2026-03-07T23:59:59.999+08:00', warnAt: '2026-03-04T22:17:59.999+08:00' }] } },
        ]);
        expect(decided.occurredAt).toEqual(new Date(receivedAt));
      });
  });

  it('given no petition, when the service found an earlier one of the same person and category (重复信访), then the registration carries repeatOf', () => {
    petition
      .given()
      .when({ ...registerCommand, repeatOf: 'XF20250610-0003' }, ctx(officer, T_REGISTERED))
      .then([{ type: 'PetitionRegistered', data: { ...data, repeatOf: 'XF20250610-0003', deadlines: [ASSIGN] } }]);
    const repeat = at<PetitionEvent>({ type: 'PetitionRegistered', data: { ...data, repeatOf: 'XF20250610-0003', deadlines: [ASSIGN] } }, T_REGISTERED);
    expect(petition.given(repeat).state).toMatchObject({ status: 'registered', repeatOf: 'XF20250610-0003' });
  });

  it('given no petition, when the receipt lies in the future, then it is a rule violation', () => {
    petition.given().when({ ...registerCommand, receivedAt: new Date('2026-03-02T09:00:01+08:00') }, ctx(officer, T_REGISTERED)).thenFails('RULE_VIOLATION', /future/);
  });

  it('given a registered petition, when the same id is registered again, then it is a rule violation', () => {
    petition.given(registered).when(registerCommand, ctx(officer, T_REGISTERED)).thenFails('RULE_VIOLATION', new RegExp(`${ID} already exists`));
  });
});
