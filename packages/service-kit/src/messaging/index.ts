export * from './errors';
export { backoffDelay, type BackoffOptions } from './backoff';
export type { MessagingLogger } from './logger';
export * from './trace-context';
export { parseBrokers, type KafkaSettings } from './kafka/client';
export { EventPublisher, type EventPublisherOptions, type OutgoingRecord, type RecordPosition } from './kafka/publisher';
export { ensureTopics, type TopicSpecLike } from './kafka/topics';
export {
  runConsumer,
  type BatchContext,
  type BatchEventHandler,
  type EventHandler,
  type HandlerContext,
  type IngestPolicy,
  type RetryOptions,
  type RunConsumerOptions,
  type RunningKafkaConsumer,
} from './kafka/consumer';
export { redriveDeadLetters, type DeadLetter, type RedriveOptions, type RedriveResult } from './kafka/redrive';
export { DLQ_HEADERS, type DlqReason } from './kafka/headers';
export { connectMongo, mongoReachable, isDuplicateKeyError, type ConnectMongoOptions, type Db } from './mongo/connection';
export {
  AggregateStore,
  type Aggregate,
  type PendingEvent,
  type StoredFields,
  type WriteOptions,
  type WriteResult,
} from './mongo/aggregate-store';
export { Inbox } from './mongo/inbox';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
