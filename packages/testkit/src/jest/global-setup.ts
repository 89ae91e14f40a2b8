import { startKafka } from '../kafka';
import type { KafkaHandle } from '../kafka';
import { startMongo } from '../mongo';
import type { MongoHandle } from '../mongo';
import { assertReachable } from '../reachable';
import { setupState } from './state';

/**
 * Jest global setup: one broker and one database server for the whole run, shared with the test
 * workers through KAFKA_BROKERS and MONGO_URL. Reuses whatever the environment already names, so
 * it is a no-op under a root run or with a long-lived dev instance.
 */
export default async function globalSetup(): Promise<void> {
  const state = setupState();
  state.depth += 1;
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  const needKafka = !process.env.KAFKA_BROKERS;
  const needMongo = !process.env.MONGO_URL;
  await Promise.all([
    needKafka ? undefined : assertReachable('KAFKA_BROKERS', process.env.KAFKA_BROKERS ?? ''),
    needMongo ? undefined : assertReachable('MONGO_URL', process.env.MONGO_URL ?? ''),
  ]);
  if (!needKafka && !needMongo) return;

  const started = Date.now();
  const [kafka, mongo] = await Promise.allSettled([
    needKafka ? startKafka() : Promise.resolve(undefined),
    needMongo ? startMongo() : Promise.resolve(undefined),
  ]);
  const kafkaHandle: KafkaHandle | undefined = kafka.status === 'fulfilled' ? kafka.value : undefined;
  const mongoHandle: MongoHandle | undefined = mongo.status === 'fulfilled' ? mongo.value : undefined;
  if (kafka.status === 'rejected' || mongo.status === 'rejected') {
    await Promise.all([kafkaHandle?.destroy(), mongoHandle?.destroy()]);
    const reason = kafka.status === 'rejected' ? kafka.reason : (mongo as PromiseRejectedResult).reason;
    throw reason instanceof Error ? reason : new Error(String(reason));
  }
  if (kafkaHandle) process.env.KAFKA_BROKERS = kafkaHandle.brokers;
  if (mongoHandle) process.env.MONGO_URL = mongoHandle.url;
  state.owners.push({ depth: state.depth, kafka: kafkaHandle, mongo: mongoHandle });
  const what = [
    kafkaHandle && `Kafka ${kafkaHandle.brokers} (${kafkaHandle.source})`,
    mongoHandle && `${mongoHandle.engine} ${mongoHandle.url} (${mongoHandle.source})`,
  ].filter(Boolean);
  console.log(`\n[testkit] started ${what.join(' and ')} in ${Date.now() - started} ms`);
}
