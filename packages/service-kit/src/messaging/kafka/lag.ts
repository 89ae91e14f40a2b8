import { consumerLag } from '../../metrics';
import { errorMessage } from '../errors';
import type { MessagingLogger } from '../logger';
import { createKafka, type KafkaSettings } from './client';

/**
 * Refreshes corridor_consumer_lag_messages from the group's committed offsets and the partitions'
 * high watermarks. Polled through the admin API so it keeps reporting while the consumer is
 * paused or stuck (exactly when lag matters). Returns a stop function.
 */
export function startLagMonitor(
  settings: KafkaSettings,
  groupId: string,
  topics: string[],
  intervalMs: number,
  logger: MessagingLogger,
): () => void {
  const admin = createKafka({ ...settings, clientId: `${groupId}-lag` }).admin();
  let connected: Promise<void> | undefined;
  let stopped = false;

  const refresh = async () => {
    connected ??= admin.connect();
    await connected;
    const committed = await admin.fetchOffsets({ groupId, topics });
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const end of ends) {
        const own = partitions.find((p) => p.partition === end.partition);
        const at = own && Number(own.offset) >= 0 ? Number(own.offset) : Number(end.low);
        consumerLag.set({ consumer: groupId, topic, partition: String(end.partition) }, Math.max(0, Number(end.high) - at));
      }
    }
  };

  const timer = setInterval(() => {
    if (stopped) return;
    refresh().catch((err) => {
      connected = undefined;
      logger.debug({ err: errorMessage(err), groupId }, 'consumer lag refresh failed');
    });
  }, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    void admin.disconnect().catch(() => undefined);
  };
}
