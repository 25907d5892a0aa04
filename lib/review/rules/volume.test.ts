import { describe, expect, it } from 'vitest';
import { context, peersWith, walk } from '../fixtures';
import { volume } from './volume';

describe('volume', () => {
  it('scores over 60 doors per active hour: 61 doors in an hour yes, 60 no', () => {
    // n doors spread over exactly one hour: gap = 3600 / (n - 1).
    expect(volume(walk(60, { gap: 3600 / 59 }), context())).toEqual([]);
    expect(volume(walk(61, { gap: 3600 / 60 }), context())).toEqual([expect.objectContaining({ points: 2 })]);
    expect(volume(walk(59, { gap: 3600 / 58 }), context())).toEqual([]);
  });
  it('counts a short burst as an hour, not as a rate', () => {
    expect(volume(walk(10, { gap: 20 }), context())).toEqual([]);
  });
  it('scores 1 over 200 doors in a day', () => {
    const day = (doors: number) => volume(walk(5), context({ peers: peersWith({ doorsThatDay: () => doors }) }));
    expect(day(200)).toEqual([]);
    expect(day(199)).toEqual([]);
    expect(day(201)).toEqual([expect.objectContaining({ points: 1, sentence: '201 doors by this canvasser that day (over 200)' })]);
  });
});
