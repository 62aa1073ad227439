import { availableParallelism, cpus, totalmem } from 'node:os';

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

/** The machine and the versions a run measured, for the summary's first lines. */
export async function describeMachine(redisUrl: string, mongodbUri: string): Promise<Machine> {
  const redis = new Redis(redisUrl);
  const info = await redis.info('server');
  redis.disconnect();
  const client = await MongoClient.connect(mongodbUri);
  const build = await client.db().admin().command({ buildInfo: 1 });
  await client.close();
  const ferret = (build.ferretdb as { version?: string } | undefined)?.version;
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
