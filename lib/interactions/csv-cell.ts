/** One cell of the CSV files the dashboard writes, safe to open in a spreadsheet; usable in the browser too. */

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * RFC 4180 quoting, and a leading apostrophe so a spreadsheet never runs a
 * cell as a formula (OWASP's CSV injection advice): only a cell that is
 * exactly a number may start with `-`, since `-1+HYPERLINK(...)` is a formula.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r\n]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
