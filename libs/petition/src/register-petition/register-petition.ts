import { ruleViolation } from '@qf/kernel';
import type { Petition, PetitionChannel, PetitionRegistered, StoredPetitioner } from '../petition';
import { PetitionDecideContext, startStage } from '../petition-rules';

/** 登记 — the register command as decide sees it: id allocated, petitioner sealed, repeat looked up by the service. */
export type RegisterPetition = {
  type: 'RegisterPetition';
  id: string;
  channel: PetitionChannel;
  petitioner: StoredPetitioner;
  anonymous: boolean;
  subject: string;
  content: string;
  category: string;
  receivedAt: Date;
  /** 重复信访: the earlier petition the service found (same id-number digest and category within 365 days), or null. */
  repeatOf: string | null;
};

/** 登记 — the bureau registers a petition; the `assign` time limit starts at its receipt. */
export function decideRegisterPetition(command: RegisterPetition, state: Petition, ctx: PetitionDecideContext): { events: PetitionRegistered[]; occurredAt: Date } {
  if (state.exists) throw ruleViolation(`petition ${command.id} already exists`);
  if (command.receivedAt.getTime() > ctx.now.getTime()) throw ruleViolation('receivedAt may not be in the future');
  const { type: _type, receivedAt, ...data } = command;
  return { occurredAt: receivedAt, events: [{ type: 'PetitionRegistered', data: { ...data, deadlines: [startStage(ctx.policy, 'assign', receivedAt)] } }] };
}
