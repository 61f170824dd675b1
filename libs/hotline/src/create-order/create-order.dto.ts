import { CHANNELS, Channel, URGENCIES, Urgency } from '../work-order';
import { ORDER_NO_PATTERN } from './create-order';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNotEmptyObject, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsBusinessTime } from '@qf/platform';
export class CallerDto {
  @ApiPropertyOptional({ description: '来电人姓名 (personal data)', example: '张三明' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  name?: string;

  @ApiPropertyOptional({ description: '来电号码 (personal data)', example: '13812345678' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 -]{2,19}$/, { message: 'phone must be 3–20 digits' })
  phone?: string;
}

/** 派单 — create the order and dispatch it to a unit. */
export class CreateOrderDto {
  @ApiProperty({ description: '工单编号 — the hotline centre order number (letters, digits, -; 1–40)', example: 'RX20260316-0001' })
  @Matches(ORDER_NO_PATTERN, { message: 'orderNo must be 1–40 letters, digits or -' })
  orderNo!: string;

  @ApiProperty({ description: '来源渠道 — phone 电话, web 网站, app, wechat 微信, other', enum: CHANNELS })
  @IsIn(CHANNELS as unknown as string[])
  channel!: Channel;

  @ApiProperty({ description: '诉求分类 — category', example: '城市管理/占道经营' })
  @IsString()
  @Length(1, 100)
  category!: string;

  @ApiProperty({ description: '紧急程度 — urgent 紧急 (sign 2 h, reply 1 working day), normal 一般 (1 / 5 working days)', enum: URGENCIES })
  @IsIn(URGENCIES as unknown as string[])
  urgency!: Urgency;

  @ApiProperty({ description: '诉求内容 — what the citizen asks', example: '小区门口夜间占道经营，噪音扰民' })
  @IsString()
  @Length(1, 5000)
  content!: string;

  @ApiPropertyOptional({ description: '来电人 — caller (personal data; masked for most readers); at least a name or a phone', type: CallerDto })
  @IsOptional()
  @IsObject()
  @IsNotEmptyObject({ nullable: false }, { message: 'caller must give a name or a phone' })
  @ValidateNested()
  @Type(() => CallerDto)
  caller?: CallerDto;

  @ApiPropertyOptional({ description: '事发地址 — where the problem is', example: '东城街道桃李路18号' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  address?: string;

  @ApiProperty({ description: '承办单位 — the unit that must handle it', example: 'U-JD-01' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/)
  unitId!: string;

  @ApiPropertyOptional({ description: '派单时间 — for imports of historical orders; not in the future, not before HISTORY_START (default 2000-01-01)', example: '2026-03-16T09:00:00+08:00' })
  @IsOptional()
  @IsBusinessTime()
  dispatchedAt?: string;
}
