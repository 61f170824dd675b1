import 'reflect-metadata';
import { bootstrapService } from '@qf/platform';
import { ReportingServiceModule } from './app.module';

void bootstrapService(ReportingServiceModule, 'Qingfeng 清风 — reports 报表', 'reporting service');
