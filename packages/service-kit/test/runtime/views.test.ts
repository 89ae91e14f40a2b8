import { apiView } from '../../src/runtime/pagination';

describe('apiView', () => {
  it("drops MongoDB's _id and the outbox bookkeeping, and keeps everything else", () => {
    const stored = {
      _id: 't-1',
      id: 't-1',
      version: 3,
      outbox: [{ id: 'e' }],
      processedEventIds: ['x'],
      title: 'A',
    };
    expect(apiView(stored)).toEqual({ id: 't-1', version: 3, title: 'A' });
  });
});
