import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { NotifyReporter } from './notify-reporter';

export class NotifyReporterDto implements Omit<NotifyReporter, 'type'> {
  @ApiProperty({ description: '告知方式', example: 'phone' })
  @IsString()
  @Length(1, 50)
  channel!: string;

  @ApiProperty({ description: '告知内容' })
  @IsString()
  @Length(1, 5000)
  note!: string;
}
