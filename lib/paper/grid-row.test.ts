import { describe, expect, it } from 'vitest';
import { emptyCells, isBlank, readGridRow } from './grid-row';
import { sheetHousehold } from './sheet-household';
import { contact, Q, questions } from './test-fixtures';

const household = sheetHousehold(contact('Ana', 'Diaz', '5', 'Elm St'));
const context = {
  household,
  questions,
  zone: 'America/New_York',
  surveyId: 'eeeeeeee-0000-4000-8000-000000000001',
  id: 'ffffffff-0000-4000-8000-000000000001',
  date: '2026-03-08',
  time: '17:00',
  canvasserId: 'user-1',
};

describe('a grid row', () => {
  it('is a door not knocked while empty', () => {
    expect(isBlank(emptyCells())).toBe(true);
    expect(isBlank({ ...emptyCells(), answers: { [Q.support]: '1' } })).toBe(false);
  });

  it('becomes the manual-entry values at the sheet’s date and the time set once, credited to the sheet’s canvasser, with no position', () => {
    const read = readGridRow({ outcome: 'S', reason: '', time: '', answers: { [Q.support]: '1', [Q.issues]: 'b' } }, context);
    expect(read).toMatchObject({
      ok: true,
      values: { id: context.id, contactId: household.contactId, outcome: 'successful', timestamp: '2026-03-08T17:00', canvasserId: 'user-1' },
    });
    if (read.ok) expect([read.values.lat, read.values.lng]).toEqual([NaN, NaN]);
    if (read.ok) expect(read.values.answers).toMatchObject({ [Q.support]: 'strong-yes', [Q.issues]: ['Transit'] });
  });

  it('asks for the reason when nobody was available', () => {
    const read = readGridRow({ outcome: 'N', reason: '', time: '', answers: {} }, context);
    expect(read).toEqual({ ok: false, errors: { reason: 'Say why nobody was available' } });
  });

  it('puts each error on its cell: an unknown code, a time the clocks skip', () => {
    const read = readGridRow({ outcome: 'S', reason: '', time: '2:30', answers: {} }, context);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors.time).toMatch(/does not exist/);
    const unknown = readGridRow({ outcome: 'Q', reason: '', time: '', answers: { [Q.support]: '9' } }, context);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(Object.keys(unknown.errors).sort()).toEqual([`answers.${Q.support}`, 'outcome']);
  });
});
