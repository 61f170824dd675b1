import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CaseListQuery } from '@qf/platform';
import { ORDER_STATUSES, OrderStatus } from './work-order';

/** Query of GET /api/hotline/orders. */
export class ListOrdersQuery extends CaseListQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, description: '状态' })
  @IsOptional()
  @IsIn(ORDER_STATUSES as unknown as string[])
  status?: OrderStatus;
}
