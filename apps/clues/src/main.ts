import 'reflect-metadata';
import { bootstrapService } from '@qf/platform';
import { CluesServiceModule } from './app.module';

void bootstrapService(CluesServiceModule, 'Qingfeng 清风 — problem clues 问题线索', 'clues service');
