/** Kafka header values as kafkajs hands them over, flattened to strings (first value wins). */
export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export function headersToStrings(headers: RawHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

/** Header names the DLQ adds; stripped again when a dead letter is re-driven. */
export const DLQ_HEADERS = [
  'dlq_reason',
  'dlq_error',
  'dlq_stack',
  'dlq_original_topic',
  'dlq_original_partition',
  'dlq_original_offset',
  'dlq_consumer',
  'dlq_failed_at',
] as const;

export type DlqReason = 'invalid' | 'rejected' | 'handler';
