import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildAsyncApi, EVENT_TYPES, eventCatalogue, eventJsonSchema, staleArtifacts } from '../src';

describe('generated artifacts', () => {
  it('are committed and up to date (run `npm run generate -w @corridor/contracts` when this fails)', () => {
    expect(staleArtifacts()).toEqual([]);
  });

  it('have one JSON Schema per event type, carrying its example', () => {
    for (const type of EVENT_TYPES) {
      const schema = eventJsonSchema(type);
      expect(schema.$id).toBe(`urn:corridor:schema:${type}`);
      expect(schema.examples).toEqual([eventCatalogue[type].example]);
    }
  });

  describe('the committed JSON Schema files, used by a plain JSON Schema validator', () => {
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    const load = (type: string) =>
      JSON.parse(readFileSync(join(__dirname, '..', 'generated', 'json-schema', `${type}.json`), 'utf8'));

    it.each(EVENT_TYPES)('%s accepts its example', (type) => {
      const validate = ajv.compile(load(type));
      expect(validate(eventCatalogue[type].example) ? null : validate.errors).toBeNull();
    });

    it('refuse fractional fen, unknown regions and malformed credit codes', () => {
      const type = 'corridor.demand.contract.signed.v1';
      const validate = ajv.getSchema(`urn:corridor:schema:${type}`) ?? ajv.compile(load(type));
      const ex = eventCatalogue[type].example;
      expect(validate({ ...ex, valueFen: 1.5 })).toBe(false);
      expect(validate({ ...ex, buyer: { ...ex.buyer, region: 'CN-XX' } })).toBe(false);
      expect(validate({ ...ex, buyer: { ...ex.buyer, creditCode: 'not-a-credit-code!' } })).toBe(false);
      const { buyer: _b, ...withoutBuyer } = ex;
      expect(validate(withoutBuyer)).toBe(false);
    });
  });
});

describe('AsyncAPI 3.0 document', () => {
  const parser = new Parser();

  it('parses with zero errors and has a channel per topic and a message per event type', async () => {
    const doc = buildAsyncApi('0.0.0-test');
    const { document, diagnostics } = await parser.parse(JSON.stringify(doc));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.messages().length).toBe(EVENT_TYPES.length);
    const signed = document!
      .messages()
      .all()
      .find((m) => m.name() === 'corridor.demand.contract.signed.v1');
    expect(signed?.headers()?.required()).toEqual(expect.arrayContaining(['ce_id', 'ce_region', 'ce_type']));
    const channel = document!
      .channels()
      .all()
      .find((c) => c.address() === 'corridor.demand.contract.v1');
    expect(channel?.bindings().get('kafka')?.value()).toMatchObject({
      partitions: 6,
      topic: 'corridor.demand.contract.v1',
    });
  });

  it('validates every example message (headers and payload) with a JSON Schema validator', () => {
    const doc = buildAsyncApi('0.0.0-test') as {
      components: { messages: Record<string, { examples: { headers: unknown; payload: unknown }[] }> };
    };
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    ajv.addSchema(doc, 'asyncapi');
    for (const [id, message] of Object.entries(doc.components.messages)) {
      for (const part of ['headers', 'payload'] as const) {
        const validate = ajv.compile({ $ref: `asyncapi#/components/messages/${id}/${part}` });
        expect({
          id,
          part,
          ok: validate(message.examples[0]![part]),
          errors: validate.errors ?? null,
        }).toEqual({ id, part, ok: true, errors: null });
      }
    }
  });
});
