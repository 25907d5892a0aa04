import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { applyDataPatch } from './patching';

const data = { successful: false, survey: { responses: { q1: { questionId: 'q1', fields: { tag: 'a' } } } } };

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a refusal');
}

describe('applyDataPatch', () => {
  it('applies RFC 6902 operations without touching the input', () => {
    const result = applyDataPatch(data, [
      { op: 'test', path: '/successful', value: false },
      { op: 'replace', path: '/successful', value: true },
      { op: 'add', path: '/survey/responses/q1/fields/tag', value: 'b' },
      { op: 'copy', from: '/successful', path: '/unavailable' },
    ]);
    expect(result).toEqual({ successful: true, unavailable: true, survey: { responses: { q1: { questionId: 'q1', fields: { tag: 'b' } } } } });
    expect(data.successful).toBe(false);
    expect(data.survey.responses.q1.fields.tag).toBe('a');
  });

  it('refuses server-owned envelope paths, in path or from', () => {
    for (const path of ['/id', '/customerId', '/securityGroupId', '/meta', '/meta/etag']) {
      const error = refusal(() => applyDataPatch(data, [{ op: 'replace', path, value: 'x' }]));
      expect(error.status).toBe(400);
      expect(error.message).toContain('server owns');
    }
    expect(refusal(() => applyDataPatch(data, [{ op: 'copy', from: '/meta', path: '/x' }])).message).toContain('/data/0/from');
  });

  it('refuses read-only attributes, and replacing the whole data when some are read-only', () => {
    expect(refusal(() => applyDataPatch(data, [{ op: 'remove', path: '/listId' }], new Set(['listId']))).message).toContain('read-only');
    expect(refusal(() => applyDataPatch(data, [{ op: 'replace', path: '', value: {} }], new Set(['listId']))).message).toContain('read-only');
  });

  it('reports a failing test as 409 and an unresolvable path as 400, naming the operation', () => {
    const failed = refusal(() =>
      applyDataPatch(data, [
        { op: 'replace', path: '/successful', value: true },
        { op: 'test', path: '/successful', value: false },
      ]),
    );
    expect(failed.status).toBe(409);
    expect(failed.message).toContain('/data/1');
    const missing = refusal(() => applyDataPatch(data, [{ op: 'remove', path: '/nothing' }]));
    expect(missing.status).toBe(400);
    expect(missing.message).toMatch(/\/data\/0: the path does not exist/);
    expect(refusal(() => applyDataPatch(data, [{ op: 'add', path: 'successful', value: 1 }])).message).toContain('not a JSON pointer');
  });

  it('refuses prototype pollution', () => {
    const error = refusal(() => applyDataPatch({}, [{ op: 'add', path: '/__proto__/polluted', value: true }]));
    expect(error.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('patch limits', () => {
  const data = { successful: false, t: ['a'] };

  it('stops a patch that runs past its time limit, naming the limit', () => {
    const ops = Array.from({ length: 50 }, () => ({ op: 'copy' as const, from: '/t', path: '/u' }));
    expect(() => applyDataPatch(data, ops, new Set(), { operations: 100, documentBytes: 65536, milliseconds: -1 })).toThrow(
      expect.objectContaining({ status: 413, message: expect.stringContaining('limit of -1 ms') }),
    );
  });

  it('stops at the operation that grows the document past its size limit, and leaves the input untouched', () => {
    const ops = [{ op: 'add' as const, path: '/big', value: 'x'.repeat(200) }];
    expect(() => applyDataPatch(data, ops, new Set(), { operations: 100, documentBytes: 100, milliseconds: 50 })).toThrow(
      expect.objectContaining({ status: 413, message: expect.stringMatching(/^\/data\/0: .*limit of .*100 bytes/) }),
    );
    expect(data).toEqual({ successful: false, t: ['a'] });
  });
});
