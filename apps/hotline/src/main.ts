import 'reflect-metadata';
import { bootstrapService } from '@qf/platform';
import { HotlineServiceModule } from './app.module';

void bootstrapService(HotlineServiceModule, 'Qingfeng 清风 — 12345 work orders', 'hotline service');
