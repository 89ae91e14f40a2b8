export { startKafka, startDedicatedKafka, testKafka, createTopics, brokerList, KAFKA_IMAGE } from './kafka';
export type { KafkaHandle } from './kafka';
export { startMongo, startDedicatedMongo, mongoUrlForDb, testDatabaseUrl, MONGO_IMAGE } from './mongo';
export type { MongoHandle } from './mongo';
export { waitFor } from './wait-for';
export type { WaitForOptions } from './wait-for';
export { uniqueName } from './names';
export { dockerAvailable, detectDocker } from './docker';
