import { describe, expect, it } from 'vitest';
import { contact } from './test-fixtures';
import { walkingOrder } from './walk-order';

describe('walking order', () => {
  it('goes street by street, odd side up then even side, numbers in numeric order', () => {
    const doors = [
      contact('A', 'One', '12', 'Elm St'),
      contact('B', 'Two', '3', 'Elm St'),
      contact('C', 'Three', '101', 'Elm St'),
      contact('D', 'Four', '2', 'Elm St'),
      contact('E', 'Five', '9', 'Ash Ave'),
      contact('F', 'Six', '21', 'Elm St'),
    ];
    expect(walkingOrder(doors).map((c) => `${c.data.profile.address.streetAddress!.number} ${c.data.profile.address.streetAddress!.route}`)).toEqual([
      '9 Ash Ave',
      '3 Elm St',
      '21 Elm St',
      '101 Elm St',
      '2 Elm St',
      '12 Elm St',
    ]);
  });

  it('reads the number and street from the formatted address when the structured one is missing', () => {
    const a = contact('A', 'One', '8', 'Oak St');
    const b = contact('B', 'Two', '10', 'Oak St');
    delete a.data.profile.address.streetAddress;
    delete b.data.profile.address.streetAddress;
    a.data.profile.address.formatted = '10B Oak St, Boston';
    b.data.profile.address.formatted = '4 Oak St, Boston';
    expect(walkingOrder([a, b]).map((c) => c.data.profile.address.formatted)).toEqual(['4 Oak St, Boston', '10B Oak St, Boston']);
  });
});
