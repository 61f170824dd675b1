import { Body, Controller, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiAnswer, CommandRequest, CurrentActor, Roles } from '@qf/platform';
import { DEFAULT_LIST_SIZE } from '../ranking/ranking';
import { RankingConfigService } from '../ranking/ranking-config.service';
import { RankingConfigDto } from './configure-ranking.dto';

/** 设置排名权重 (SPEC §7). */
@ApiTags('reports 报表')
@ApiBearerAuth()
@Controller('api/reports')
export class ConfigureRankingController {
  constructor(private readonly configs: RankingConfigService) {}

  @Put('weights')
  @ApiAnswer('RankingSettings')
  @Roles('admin')
  @ApiOperation({ summary: '设置排名权重 — admin; applies to live rankings and to publications from now on' })
  configure(@Body() body: RankingConfigDto, @CurrentActor() actor: Actor, @Req() req: CommandRequest) {
    return this.configs.run(this.configs.context(req, actor), { type: 'ConfigureRanking', kind: body.kind, weights: body.weights, listSize: body.listSize ?? DEFAULT_LIST_SIZE });
  }
}
