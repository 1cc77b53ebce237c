import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AppConfig } from './app-config';
import { AppConfigModule } from './app-config.module';
import { InvalidConfigurationError } from './environment';

/** The configuration as main.ts loads it: @nestjs/config reading a .env file and the environment. */
describe('AppConfigModule', () => {
  const folder = mkdtempSync(join(tmpdir(), 'app-config-'));
  const envFile = join(folder, '.env');
  const savedEnvironment = { ...process.env };

  afterEach(() => {
    // @nestjs/config copies the variables it read into process.env.
    for (const name of Object.keys(process.env)) if (!(name in savedEnvironment)) delete process.env[name];
    Object.assign(process.env, savedEnvironment);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function configFrom(envFileText: string): Promise<AppConfig> {
    writeFileSync(envFile, envFileText);
    const { module } = await AppConfigModule.load({ envFile });
    @Module({ imports: [module] })
    class HostModule {}
    const context = await NestFactory.createApplicationContext(HostModule, { logger: false });
    try {
      return context.get(AppConfig);
    } finally {
      await context.close();
    }
  }

  it('injects the typed configuration read from the .env file', async () => {
    const config = await configFrom('SERVER_PORT=7123\nLIVEKIT_URL=https://lk.example.com\nTOKEN_TTL=90m\n');
    expect(config).toBeInstanceOf(AppConfig);
    expect(config.serverPort).toBe(7123);
    expect(config.livekit.publicUrl).toBe('wss://lk.example.com');
    expect(config.tokenTtl).toBe('90m');
  });

  it('lets variables already in the environment win over the file', async () => {
    process.env['SERVER_PORT'] = '7200';
    expect((await configFrom('SERVER_PORT=7123\n')).serverPort).toBe(7200);
  });

  it('treats an empty variable as unset', async () => {
    expect((await configFrom('SERVER_PORT=\nAZURE_ACCOUNT_NAME=\n')).serverPort).toBe(6080);
  });

  it('starts without a .env file', async () => {
    const { config, module } = await AppConfigModule.load({ envFile: join(folder, 'missing.env') });
    expect(config.serverPort).toBe(6080);
    expect(module.providers).toEqual([{ provide: AppConfig, useValue: config }]);
  });

  it('refuses to start with one message naming every bad variable, without their values', async () => {
    const attempt = configFrom('SERVER_PORT=eighty\nAZURE_ACCOUNT_NAME=acct\nAZURE_ACCOUNT_KEY=not base64 super-secret!\n');
    await expect(attempt).rejects.toBeInstanceOf(InvalidConfigurationError);
    const message = await attempt.catch((error: Error) => error.message);
    expect(message).toMatch(/^Invalid configuration: .*SERVER_PORT.*AZURE_ACCOUNT_KEY/);
    expect(message).not.toContain('super-secret');
  });

  it('refuses NODE_ENV=production without a storage account before anything starts', async () => {
    process.env['NODE_ENV'] = 'production';
    const secret = `LIVEKIT_API_SECRET=${'s'.repeat(32)}\n`;
    await expect(configFrom(`${secret}LIVEKIT_URL=https://lk.example.com\n`)).rejects.toThrow(/ALLOW_EMBEDDED_STORAGE=true/);
    await expect(configFrom(`${secret}ALLOW_EMBEDDED_STORAGE=true\n`)).resolves.toBeInstanceOf(AppConfig);
  });

  it('refuses NODE_ENV=production with the development LiveKit secret from the .env file', async () => {
    process.env['NODE_ENV'] = 'production';
    const attempt = configFrom('ALLOW_EMBEDDED_STORAGE=true\nLIVEKIT_API_SECRET=secret\n');
    await expect(attempt).rejects.toBeInstanceOf(InvalidConfigurationError);
    await expect(attempt).rejects.toThrow(/^Invalid configuration: LIVEKIT_API_SECRET is the development default/);
  });

  it('uses a given environment instead of the file and process.env', async () => {
    writeFileSync(envFile, 'SERVER_PORT=7123\n');
    process.env['SERVER_PORT'] = '7200';
    const { config } = await AppConfigModule.load({ envFile, environment: { SERVER_PORT: '7300' } });
    expect(config.serverPort).toBe(7300);
  });
});
