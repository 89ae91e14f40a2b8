export * from './reference/regions';
export * from './reference/fields';
export * from './reference/money';
export * from './reference/credit-code';
export * from './reference/trl';
export * from './reference/ids';
export * from './events/common';
export * from './events/supply';
export * from './events/demand';
export * from './events/park';
export * from './events/fund';
export * from './events/ingest';
export * from './services';
export * from './topics';
export * from './catalogue';
export * from './envelope';
export * from './errors';
export { EXAMPLES as eventExamples, CODES as EXAMPLE_CREDIT_CODES } from './examples';
export { eventJsonSchema, allEventJsonSchemas, type JsonSchema } from './generate/json-schema';
export { buildAsyncApi } from './generate/asyncapi';
export {
  checkSchemaCompatibility,
  checkCatalogueCompatibility,
  type Finding,
  type CatalogueFinding,
} from './compat/check';
export {
  runCompatibilityCheck,
  staleArtifacts,
  renderArtifacts,
  generate as generateArtifacts,
  type CompatibilityReport,
} from './generate/artifacts';
