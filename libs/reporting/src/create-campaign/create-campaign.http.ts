import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, ApiAnswer, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { CampaignsService } from '../clearance/campaigns.service';
import { CreateCampaignDto } from './create-campaign.dto';

/** 创建专项行动 (SPEC §6). */
@ApiTags('clearance 存量清零、增量随清')
@ApiBearerAuth()
@Controller('api/campaigns')
export class CreateCampaignController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post()
  @ApiAnswer('Campaign', 201)
  @Roles('admin')
  @ApiOperation({ summary: '创建专项行动 — a campaign with its baseline' })
  async create(@Body() body: CreateCampaignDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest, @Res({ passthrough: true }) res: Response) {
    const result = await this.campaigns.create({ ...body, unitIds: body.unitIds ?? null, type: 'CreateCampaign' }, this.campaigns.context(req, actor));
    res.status(result.created ? 201 : 200);
    return result.campaign;
  }
}
