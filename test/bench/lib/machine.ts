import { availableParallelism, cpus, totalmem } from 'node:os';
import { readFile } from 'node:fs/promises';

import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  redis: string;
  store: string;
}

/**
 * The bundled store embeds FerretDB and reports its version as unknown; the module it is built
 * from says which.
 */
async function ferretVersion(): Promise<string> {
  const goMod = await readFile(new URL('../../../services/store/go.mod', import.meta.url), 'utf8');
  return /FerretDB\/FerretDB v(\S+)/.exec(goMod)?.[1] ?? 'unknown';
}

/** The machine and the versions a run measured, for the summary's first lines. */
export async function describeMachine(redisUrl: string, mongodbUri: string): Promise<Machine> {
  const redis = new Redis(redisUrl);
  const info = await redis.info('server');
  redis.disconnect();
  const client = await MongoClient.connect(mongodbUri);
  const build = await client.db().admin().command({ buildInfo: 1 });
  await client.close();
  const ferret = 'ferretdbVersion' in build ? await ferretVersion() : undefined;
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    ramGb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    redis: /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown',
    store: ferret
      ? `FerretDB ${ferret} (MongoDB ${String(build.version)})`
      : `MongoDB ${build.version}`,
  };
}
