import { describe, expect, it } from 'vitest';
import { statusOf } from './campaign-queue';
import type { Resolution } from './resolutions';

const resolution = (status: Resolution['status'], ids: string[], created: string): Resolution => ({
  id: created,
  shiftKey: 'k',
  canvasserId: 'c',
  interactionIds: ids,
  status,
  reason: 'r',
  ruleSetVersion: 'v',
  score: 5,
  userName: 'Maya',
  created,
});
const byInteraction = (...all: Resolution[]) => {
  const map = new Map<string, Resolution>();
  for (const r of all) for (const id of r.interactionIds) map.set(id, r);
  return map;
};

describe('a shift’s status', () => {
  it('is open until resolved', () => {
    expect(statusOf(['a', 'b'], new Map()).status).toBe('open');
  });
  it('takes the latest decision covering all its interactions', () => {
    const first = resolution('recontact', ['a', 'b'], '2026-10-01T10:00:00Z');
    const second = resolution('looks-fine', ['a', 'b'], '2026-10-02T10:00:00Z');
    expect(statusOf(['a', 'b'], byInteraction(first, second)).status).toBe('looks-fine');
  });
  it('reopens when new interactions joined the shift after the decision', () => {
    const fine = resolution('looks-fine', ['a', 'b'], '2026-10-01T10:00:00Z');
    expect(statusOf(['a', 'b', 'c'], byInteraction(fine))).toMatchObject({ status: 'open', resolution: fine });
  });
  it('stays confirmed when the removed interactions left the shift', () => {
    const confirmed = resolution('confirmed', ['a', 'b', 'c'], '2026-10-01T10:00:00Z');
    expect(statusOf(['a'], byInteraction(confirmed)).status).toBe('confirmed');
  });
});
