import { Body, Controller, Get, HttpCode, Param, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, Min, ValidateIf, ValidateNested, registerDecorator } from 'class-validator';
import type { Response } from 'express';
import type { Actor } from '@qf/kernel';
import { CurrentActor, Roles } from '../auth/auth.guard';
import { DomainError } from '@qf/kernel';
import { CommandRequest, commandContextOf } from '../http/request-context';
import { createValidationPipe } from '../http/validation';
import type { CaseKind, SlaPolicy, UrgencyKey } from '@qf/kernel';
import { MAX_LIMIT_AMOUNT, MAX_LIMIT_BY_UNIT, TIME_UNITS, stagesOf } from '@qf/kernel';
import type { TimeLimit, TimeUnit } from '@qf/kernel';
import { SlaPolicyService } from './sla-policy.service';

/** The public names of the kinds (SPEC §4 says `supervision`; inside, the kind is `supervision_order`). */
const KIND_OF: Record<string, CaseKind> = { hotline: 'hotline', petition: 'petition', clue: 'clue', supervision: 'supervision_order' };
const PUBLIC_KINDS = Object.keys(KIND_OF);
const limitBounds = Object.entries(MAX_LIMIT_BY_UNIT).map(([unit, max]) => `${unit} ≤ ${max}`).join(', ');

/** A limit's value at most about ten years in the limit's own unit (`MAX_LIMIT_BY_UNIT`). */
function WithinTenYears(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'withinTenYears',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown, args) => typeof value !== 'number' || value <= (MAX_LIMIT_BY_UNIT[(args?.object as SlaLimitDto).unit] ?? MAX_LIMIT_AMOUNT),
        defaultMessage: (args) => `value must not be more than ${MAX_LIMIT_BY_UNIT[(args?.object as SlaLimitDto).unit] ?? MAX_LIMIT_AMOUNT} (about ten years in its unit)`,
      },
    });
}

/** 时限 — one limit as the API shows it (`value`; the domain calls it `amount`). */
export class SlaLimitDto {
  @ApiProperty({ description: `时限数值 — a whole number from 1 to about ten years in its unit (${limitBounds})`, example: 2, minimum: 1, maximum: MAX_LIMIT_AMOUNT })
  @IsInt()
  @Min(1)
  @WithinTenYears()
  value!: number;

  @ApiProperty({ description: '单位 — hours (小时), calendar_days (自然日), working_days (工作日), calendar_months (自然月)', enum: TIME_UNITS, example: 'working_days' })
  @IsIn(TIME_UNITS)
  unit!: TimeUnit;
}

/** A hotline stage's limits per urgency; at least one of them. */
export class HotlineSlaLimitDto {
  @ApiPropertyOptional({ type: SlaLimitDto, description: '紧急件时限', example: { value: 2, unit: 'hours' } })
  @ValidateIf((_, v) => v !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => SlaLimitDto)
  urgent?: SlaLimitDto;

  @ApiPropertyOptional({ type: SlaLimitDto, description: '普通件时限', example: { value: 2, unit: 'working_days' } })
  @ValidateIf((_, v) => v !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => SlaLimitDto)
  normal?: SlaLimitDto;
}

class SlaLimitView {
  @ApiProperty({ example: 15 })
  value!: number;
  @ApiProperty({ enum: TIME_UNITS, example: 'calendar_days' })
  unit!: TimeUnit;
}
class UrgencyLimitsView {
  @ApiProperty({ type: SlaLimitView, description: '紧急件', example: { value: 2, unit: 'hours' } })
  urgent!: SlaLimitView;
  @ApiProperty({ type: SlaLimitView, description: '普通件', example: { value: 1, unit: 'working_days' } })
  normal!: SlaLimitView;
}
class HotlinePolicyView {
  @ApiProperty({ type: UrgencyLimitsView, description: '签收 — from dispatch' })
  sign!: UrgencyLimitsView;
  @ApiProperty({ type: UrgencyLimitsView, description: '办结反馈 — from dispatch', example: { urgent: { value: 1, unit: 'working_days' }, normal: { value: 5, unit: 'working_days' } } })
  reply!: UrgencyLimitsView;
}
class PetitionPolicyView {
  @ApiProperty({ type: SlaLimitView, description: '转送/交办 — from registration' })
  assign!: SlaLimitView;
  @ApiProperty({ type: SlaLimitView, description: '告知受理 — from assignment' })
  accept!: SlaLimitView;
  @ApiProperty({ type: SlaLimitView, description: '办理 — from acceptance', example: { value: 60, unit: 'calendar_days' } })
  handle!: SlaLimitView;
  @ApiProperty({ type: SlaLimitView, description: '复查 — from the request', example: { value: 30, unit: 'calendar_days' } })
  review!: SlaLimitView;
  @ApiProperty({ type: SlaLimitView, description: '复核 — from the request', example: { value: 30, unit: 'calendar_days' } })
  recheck!: SlaLimitView;
}
class CluePolicyView {
  @ApiProperty({ type: SlaLimitView, description: '处置意见 — from registration', example: { value: 1, unit: 'calendar_months' } })
  disposition!: SlaLimitView;
  @ApiProperty({ type: SlaLimitView, description: '实名举报受理告知 — from registration', example: { value: 15, unit: 'working_days' } })
  reporter_notice!: SlaLimitView;
  @ApiProperty({ type: SlaLimitView, description: '函询回复 — from disposition talk_inquiry', example: { value: 15, unit: 'working_days' } })
  inquiry_reply!: SlaLimitView;
  @ApiProperty({ type: SlaLimitView, description: '初核 — from disposition preliminary_verification', example: { value: 3, unit: 'calendar_months' } })
  verification!: SlaLimitView;
}
class SupervisionPolicyView {
  @ApiProperty({ name: '13710.study', type: SlaLimitView, description: '研究 — 0 calendar days: the end of the issue date', example: { value: 0, unit: 'calendar_days' } })
  study13710!: SlaLimitView;
  @ApiProperty({ name: '13710.feedback', type: SlaLimitView, example: { value: 3, unit: 'calendar_days' } })
  feedback13710!: SlaLimitView;
  @ApiProperty({ name: '13710.effect', type: SlaLimitView, example: { value: 7, unit: 'calendar_days' } })
  effect13710!: SlaLimitView;
  @ApiProperty({ name: '13710.resolve', type: SlaLimitView, example: { value: 10, unit: 'calendar_days' } })
  resolve13710!: SlaLimitView;
  @ApiProperty({ name: 'standard.feedback', type: SlaLimitView, example: { value: 7, unit: 'working_days' } })
  feedbackStandard!: SlaLimitView;
  @ApiProperty({ name: 'standard.resolve', type: SlaLimitView, example: { value: 15, unit: 'working_days' } })
  resolveStandard!: SlaLimitView;
}
/** 时限规则 as SPEC §4 shows it. */
export class SlaPolicyView {
  @ApiProperty({ type: HotlinePolicyView, description: '12345工单' })
  hotline!: HotlinePolicyView;
  @ApiProperty({ type: PetitionPolicyView, description: '信访件' })
  petition!: PetitionPolicyView;
  @ApiProperty({ type: CluePolicyView, description: '问题线索' })
  clue!: CluePolicyView;
  @ApiProperty({ type: SupervisionPolicyView, description: '督办单 presets 13710 and standard' })
  supervision!: SupervisionPolicyView;
}

const limitView = (l: TimeLimit) => ({ value: l.amount, unit: l.unit });

/** The policy in the public shape: `supervision`, `value`. */
export function slaPolicyView(policy: SlaPolicy) {
  const kindView = (kind: CaseKind) =>
    Object.fromEntries(
      stagesOf(kind).map((stage) => {
        const entry = policy[kind][stage];
        return [stage, 'unit' in entry ? limitView(entry as TimeLimit) : { urgent: limitView(entry.urgent), normal: limitView(entry.normal) }];
      }),
    );
  return { hotline: kindView('hotline'), petition: kindView('petition'), clue: kindView('clue'), supervision: kindView('supervision_order') };
}

const invalid = (field: string, message: string) => new DomainError('VALIDATION_FAILED', 'the request is not valid', [{ field, message }]);
const toLimit = (dto: SlaLimitDto): TimeLimit => ({ amount: dto.value, unit: dto.unit });

/** The global pipe's rules (unknown fields rejected, 400 with details) for a body whose class depends on the path. */
async function validBody<T extends object>(metatype: new () => T, body: unknown): Promise<T> {
  if (body === undefined || body === null) body = {};
  if (typeof body !== 'object' || Array.isArray(body)) throw invalid('body', 'must be a JSON object');
  return (await createValidationPipe().transform(body, { type: 'body', metatype })) as T;
}

/** 时限规则 (SPEC §4): the policy in force, and an admin's change of one stage's limit. */
@ApiTags('sla-policy 时限规则')
@ApiBearerAuth()
@ApiExtraModels(SlaLimitDto, HotlineSlaLimitDto)
@Controller('api/admin/sla-policy')
export class SlaPolicyController {
  constructor(private readonly slaPolicy: SlaPolicyService) {}

  @Get()
  @Roles('admin', 'supervisor', 'leader')
  @ApiOperation({ summary: '现行时限规则 — the SLA policy in force now (defaults of SPEC §4 and the changes made since); ETag = the policy version' })
  @ApiOkResponse({ type: SlaPolicyView })
  async get(@Res({ passthrough: true }) res: Response) {
    const timeline = await this.slaPolicy.timeline();
    res.setHeader('ETag', `"${timeline.version}"`);
    return slaPolicyView(timeline.at(this.slaPolicy.now()));
  }

  @Put(':kind/:stage')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: '调整时限 — change one stage’s limit; applies to deadlines started from now on, running ones keep their due times',
    description: `Hotline stages take {urgent?, normal?} (at least one), the other kinds {value, unit}; value a whole number from 1 (${limitBounds}). The same value again appends nothing. If-Match: <policy version> is honoured.`,
  })
  @ApiParam({ name: 'kind', enum: PUBLIC_KINDS, example: 'hotline' })
  @ApiParam({ name: 'stage', example: 'sign', description: 'hotline: sign, reply; petition: assign, accept, handle, review, recheck; clue: disposition, reporter_notice, inquiry_reply, verification; supervision: 13710.study, 13710.feedback, 13710.effect, 13710.resolve, standard.feedback, standard.resolve' })
  @ApiBody({
    schema: { oneOf: [{ $ref: getSchemaPath(HotlineSlaLimitDto) }, { $ref: getSchemaPath(SlaLimitDto) }] },
    examples: { hotline: { value: { normal: { value: 2, unit: 'working_days' } } }, other: { value: { value: 20, unit: 'calendar_days' } } },
  })
  @ApiOkResponse({ type: SlaPolicyView, description: 'the whole policy in force after the change' })
  async change(
    @Param('kind') publicKind: string,
    @Param('stage') stage: string,
    @Body() body: Record<string, unknown>,
    @CurrentActor() actor: Actor,
    @Req() req: CommandRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const kind = Object.prototype.hasOwnProperty.call(KIND_OF, publicKind) ? KIND_OF[publicKind] : undefined;
    if (!kind) throw invalid('kind', `must be one of ${PUBLIC_KINDS.join(', ')}`);
    if (!stagesOf(kind).includes(stage)) throw invalid('stage', `must be one of ${stagesOf(kind).join(', ')}`);
    let limit: TimeLimit | Partial<Record<UrgencyKey, TimeLimit>>;
    if (kind === 'hotline') {
      const dto = await validBody(HotlineSlaLimitDto, body);
      if (!dto.urgent && !dto.normal) throw invalid('urgent', 'urgent or normal is required');
      limit = { ...(dto.urgent ? { urgent: toLimit(dto.urgent) } : {}), ...(dto.normal ? { normal: toLimit(dto.normal) } : {}) };
    } else {
      limit = toLimit(await validBody(SlaLimitDto, body));
    }
    const result = await this.slaPolicy.change({ kind, stage, limit }, commandContextOf(req, actor, this.slaPolicy.now()));
    res.setHeader('ETag', `"${result.version}"`);
    return slaPolicyView(result.policy);
  }
}
