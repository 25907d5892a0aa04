import { describe, expect, it } from 'vitest';
import { nameWalklists, walklistName } from './walklists';

const DORCHESTER = '11111111-0000-4000-8000-000000000001';
const ROSLINDALE = '11111111-0000-4000-8000-000000000002';

describe('walklist names', () => {
  it('names each walklist by its list and its place in it, never by its id', () => {
    const options = nameWalklists(
      [
        { walklistId: 'cccccccc-0000-4000-8000-000000000000', listId: DORCHESTER },
        { walklistId: '3eb6e3ac-0000-4000-8000-000000000000', listId: ROSLINDALE },
        { walklistId: 'aaaaaaaa-0000-4000-8000-000000000000', listId: DORCHESTER },
      ],
      new Map([
        [DORCHESTER, 'Dorchester'],
        [ROSLINDALE, 'Roslindale'],
      ]),
    );
    expect(options).toEqual([
      { id: 'aaaaaaaa-0000-4000-8000-000000000000', name: 'Dorchester, walklist 1' },
      { id: 'cccccccc-0000-4000-8000-000000000000', name: 'Dorchester, walklist 2' },
      { id: '3eb6e3ac-0000-4000-8000-000000000000', name: 'Roslindale, walklist 1' },
    ]);
    expect(walklistName(options, '3eb6e3ac-0000-4000-8000-000000000000')).toBe('Roslindale, walklist 1');
  });
});
