import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { AppValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/config.js';

/** Builds the Nest application on an already connected, migrated data source. */
export async function createApp(
  config: AppConfig,
  dataSource: DataSource,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, dataSource), {
    bufferLogs: true,
    abortOnError: false,
    ...options,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  app.useGlobalPipes(
    new AppValidationPipe({ transform: true, whitelist: true, forbidUnknownValues: true, stopAtFirstError: false }),
  );
  app.set('trust proxy', 'loopback');
  // No ETag on api answers: they are per viewer and never cached (Express would hash every
  // GraphQL response to make one). The dashboard's static files keep theirs (serve-static).
  app.set('etag', false);
  app.disable('x-powered-by');
  return app;
}
