import 'reflect-metadata';
import { bootstrapService } from '@qf/platform';
import { StandaloneModule } from './app.module';

void bootstrapService(StandaloneModule, 'Qingfeng 清风 (standalone)', 'standalone');
