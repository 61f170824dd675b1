import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Min } from 'class-validator';
import type { RecordFaultTolerance } from './record-fault-tolerance';

/** The body of 容错免责 (its class name is the OpenAPI schema name, `FaultToleranceDto`, kept as published). */
export class FaultToleranceDto implements Omit<RecordFaultTolerance, 'type'> {
  @ApiProperty({ description: '被反映人序号 (0-based)' })
  @IsInt()
  @Min(0)
  subjectIndex!: number;

  @ApiProperty({ description: '容错理由' })
  @IsString()
  @Length(1, 5000)
  reason!: string;
}
