import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ListParams } from '@/lib/polis/client';
import type { Interaction } from '@/lib/polis/schemas';
import { walkInteractionsSorted } from './campaign-index';

function visit(timestamp: string, distance?: number): Interaction {
  return {
    id: randomUUID(),
    data: {
      campaignId: 'c',
      contactId: randomUUID(),
      listId: 'l',
      timestamp,
      survey: { surveyId: 's', responses: {} },
      unavailable: false,
      ...(distance === undefined ? {} : { distance }),
    },
    meta: { created: timestamp, createdBy: 'u', modified: timestamp, modifiedBy: 'u', resource: 'interactions', etag: 'e', isDeleted: false },
  } as unknown as Interaction;
}

/** A fake API that understands the filters the walk sends and sorts as SQLite does (missing values smallest). */
function fakeApi(all: Interaction[]) {
  const get = (i: Interaction, path: string) =>
    path === '/data/distance'
      ? i.data.distance
      : path === '/data/timestamp'
        ? i.data.timestamp
        : path === '/id'
          ? i.id
          : path === '/data/campaignId'
            ? i.data.campaignId
            : undefined;
  return {
    async listInteractions(params: ListParams = {}) {
      const filter = params.filter ?? '';
      let rows = all.filter((i) => {
        for (const [, path, op, raw] of filter.matchAll(/(\/[\w/]+) (eq|neq|gte|lte|gt) (nil|"[^"]*"|[\d.]+)/g)) {
          const value = get(i, path!);
          const target = raw === 'nil' ? undefined : raw!.startsWith('"') ? JSON.parse(raw!) : Number(raw);
          if (op === 'eq' && value !== target) return false;
          if (op === 'neq' && value === target) return false;
          if (value === undefined && op !== 'eq' && op !== 'neq') return false;
          if (op === 'gte' && !(value! >= target)) return false;
          if (op === 'lte' && !(value! <= target)) return false;
          if (op === 'gt' && !(value! > target)) return false;
        }
        return true;
      });
      const [path, direction] = params.sort ?? ['/id', 'ASC'];
      const sign = direction === 'ASC' ? 1 : -1;
      // Ties in the order rows were stored, as SQLite returns them for the same query.
      rows = rows
        .map((row, at) => ({ row, at }))
        .sort((a, b) => {
          const [x, y] = [get(a.row, path), get(b.row, path)];
          const order = x === y ? 0 : x === undefined ? -1 : y === undefined ? 1 : x < y ? -1 : 1;
          return sign * order || a.at - b.at;
        })
        .map(({ row }) => row);
      const skip = params.skip ?? 0;
      return { data: rows.slice(skip, skip + (params.limit ?? 100)), total: rows.length };
    },
  };
}

describe('a sorted walk (the CSV in the order of the table)', () => {
  const rows = [
    ...Array.from({ length: 7 }, (_, i) => visit(`2026-10-0${(i % 3) + 1}T10:00:00.000Z`, [0.1, 0.1, 0.1, 0.5, 0.02, 0.1, 0.3][i])),
    // Rows without a distance, stored in the reverse of their ids' order: a walk by id would swap them.
    { ...visit('2026-10-05T10:00:00.000Z'), id: 'ffffffff-0000-4000-8000-000000000001' },
    { ...visit('2026-10-04T10:00:00.000Z'), id: '00000000-0000-4000-8000-000000000001' },
    visit('2026-10-06T10:00:00.000Z'),
  ];

  it.each([
    ['/data/distance', 'DESC'],
    ['/data/distance', 'ASC'],
    ['/data/timestamp', 'DESC'],
  ] as const)('delivers every row once, in the order of one sorted list (%s %s), across pages cut inside a run of equal values', async (path, direction) => {
    const api = fakeApi(rows);
    const expected = (await api.listInteractions({ filter: 'all', sort: [path, direction], limit: 100 })).data.map((r) => r.id);
    const walked: string[] = [];
    await walkInteractionsSorted(api, '/data/campaignId eq "c"', path, direction, (page) => void walked.push(...page.map((r) => r.id)), 2);
    const values = (ids: string[]) =>
      ids.map((id) => {
        const r = rows.find((x) => x.id === id)!;
        return path === '/data/distance' ? r.data.distance : r.data.timestamp;
      });
    expect(new Set(walked).size).toBe(rows.length);
    expect(values(walked)).toEqual(values(expected));
    // Row for row, ties included: the table and the CSV list the same rows in the same places.
    expect(walked).toEqual(expected);
  });
});
