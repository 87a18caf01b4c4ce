import { describe, expect, it } from 'vitest';
import { SegmentMessage } from '../../schemas/segment.js';
import { correctedTimestamp, isValidFast, prepareBody } from './prepare.js';

describe('correctedTimestamp (receivedAt − (sentAt − originalTimestamp))', () => {
  const received = Date.parse('2026-05-01T12:00:10.000Z');
  it('cancels a device clock that runs fast', () => {
    // device clock +1 h: event at device 13:00:00, sent at device 13:00:05, received 12:00:10.
    expect(
      correctedTimestamp('2026-05-01T13:00:00.000Z', '2026-05-01T13:00:05.000Z', received),
    ).toBe('2026-05-01T12:00:05.000Z');
  });
  it('keeps the client timestamp without sentAt, and uses receivedAt without a timestamp', () => {
    expect(correctedTimestamp('2026-04-01T00:00:00Z', undefined, received)).toBe(
      '2026-04-01T00:00:00.000Z',
    );
    expect(correctedTimestamp(undefined, '2026-05-01T13:00:05.000Z', received)).toBe(
      '2026-05-01T12:00:10.000Z',
    );
  });
});

describe('isValidFast agrees with SegmentMessage', () => {
  const cases: unknown[] = [
    { type: 'track', event: 'x', userId: 'u' },
    { type: 'track', userId: 'u' },
    { type: 'track', event: 'x' },
    { type: 'page', anonymousId: 'a', name: null },
    { type: 'identify', userId: 7, traits: { email: 'a@b.c' } },
    { type: 'alias', userId: 'u', previousId: 'p' },
    { type: 'alias', userId: 'u' },
    { type: 'group', userId: 'u' },
    { type: 'group', userId: 'u', groupId: 'g' },
    { type: 'screen', anonymousId: '', userId: '' },
    { type: 'nope', userId: 'u' },
    { type: 'track', event: 'x', userId: 'u', timestamp: 'yesterday' },
    { type: 'track', event: 'x', userId: 'u', timestamp: '2026-02-30T00:00:00Z' },
    { type: 'track', event: 'x', userId: 'u', context: [] },
    { type: 'track', event: 'x', userId: 'u', properties: 'p' },
    { type: 'track', event: 'x', userId: 'u', messageId: '' },
    { type: 'track', event: 'x', userId: { id: 1 } },
    null,
    [],
    'track',
  ];
  it.each(cases.map((c) => [JSON.stringify(c), c]))('%s', (_label, c) => {
    // Fast "valid" must imply schema-valid; a fast "no" falls back to the schema anyway.
    if (isValidFast(c)) expect(SegmentMessage.safeParse(c).success).toBe(true);
  });
  it('takes the fast path for ordinary messages', () => {
    expect(
      isValidFast({
        type: 'track',
        event: 'x',
        userId: 'u',
        timestamp: '2026-05-01T12:00:00.000Z',
        context: {},
      }),
    ).toBe(true);
  });
});

describe('prepareBody', () => {
  it('stamps messageId, receivedAt, sentAt and keeps the client timestamp as originalTimestamp', () => {
    const out = prepareBody(
      {
        batch: [{ type: 'track', event: 'x', userId: 'u', timestamp: '2026-05-01T13:00:00.000Z' }],
        sentAt: '2026-05-01T13:00:05.000Z',
      },
      'batch',
      'web',
      Date.parse('2026-05-01T12:00:10.000Z'),
    );
    if ('code' in out) throw new Error(out.message);
    const line = JSON.parse(out.lines[0]!) as { source: string; message: Record<string, unknown> };
    expect(line.source).toBe('web');
    expect(line.message).toMatchObject({
      timestamp: '2026-05-01T12:00:05.000Z',
      originalTimestamp: '2026-05-01T13:00:00.000Z',
      sentAt: '2026-05-01T13:00:05.000Z',
      receivedAt: '2026-05-01T12:00:10.000Z',
    });
    expect(typeof line.message.messageId).toBe('string');
  });
  it('dead-letters an invalid message with its index and keeps the valid ones', () => {
    const out = prepareBody(
      {
        batch: [
          { type: 'track', userId: 'u' },
          { type: 'page', userId: 'u' },
        ],
      },
      'batch',
      'web',
      Date.now(),
    );
    if ('code' in out) throw new Error(out.message);
    expect(out.accepted).toBe(1);
    expect(out.rejected).toEqual([
      {
        index: 0,
        code: 'INPUT_INVALID_MESSAGE',
        message: expect.stringContaining('message 0 field "event"'),
      },
    ]);
    expect(JSON.parse(out.lines[0]!).dead).toMatchObject({ index: 0 });
  });
});
