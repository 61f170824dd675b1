import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { jsonBody } from '../http/body-limit';
import { completeDescription } from '../http/openapi';
import { correlationId } from '../http/request-context';
import { createValidationPipe } from '../http/validation';
import { createLogger, httpLogger, PinoNestLogger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { APP_CONFIG } from '../tokens';
import type { AppConfig } from '../config/config';

/**
 * The HTTP plumbing every Qingfeng service shares: correlation ids, logs, metrics, the 256 KiB JSON limit,
 * validation, and the OpenAPI description at /docs. Create the app with `{ bodyParser: false }`.
 */
export function configureApp(app: INestApplication, title: string): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const logger = createLogger(config.logLevel);
  app.useLogger(new PinoNestLogger(logger));
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use(correlationId);
  express.use(httpLogger(logger));
  express.use(app.get(Metrics).middleware());
  express.use(...jsonBody());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = completeDescription(
    SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setDescription(
        '清风 Qingfeng — event-sourced supervision backend: 12345 work orders (工单), petitions (信访件), problem clues ' +
          '(问题线索), overdue escalation (超期督办) and rankings (每月一排名). Errors: `{statusCode, code, message, details?}` (SPEC §10).',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
    ),
    config.port,
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}
