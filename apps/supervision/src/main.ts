import 'reflect-metadata';
import { bootstrapService } from '@qf/platform';
import { SupervisionServiceModule } from './app.module';

void bootstrapService(SupervisionServiceModule, 'Qingfeng 清风 — escalation 超期督办', 'supervision service');
