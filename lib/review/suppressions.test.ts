import { describe, expect, it } from 'vitest';
import { offsetBy } from './geo';
import { ORIGIN, visit } from './fixtures';
import { buildingOf, sameBuilding } from './suppressions';

describe('same building', () => {
  it('matches the same street address with different units', () => {
    expect(buildingOf({ formatted: '12 Elm St Apt 3' })).toBe('12 elm st');
    expect(buildingOf({ formatted: '12 Elm St #4' })).toBe('12 elm st');
    expect(buildingOf({ formatted: '12 Elm St, Unit 5' })).toBe('12 elm st');
    expect(buildingOf({ number: '12', route: 'Elm  St' })).toBe('12 elm st');
    expect(buildingOf({ formatted: '14 Elm St' })).not.toBe('12 elm st');
  });
  it('matches households within a few metres, not beyond', () => {
    const a = visit({ home: ORIGIN, building: null });
    expect(sameBuilding(a, visit({ home: offsetBy(ORIGIN, 4, 1), building: null }), 5)).toBe(true);
    expect(sameBuilding(a, visit({ home: offsetBy(ORIGIN, 6, 1), building: null }), 5)).toBe(false);
  });
});
