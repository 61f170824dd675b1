import 'reflect-metadata';
import { bootstrapService } from '@qf/platform';
import { PetitionsServiceModule } from './app.module';

void bootstrapService(PetitionsServiceModule, 'Qingfeng 清风 — petitions 信访件', 'petitions service');
