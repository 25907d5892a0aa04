import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parseListQuery } from '@/lib/sandbox/list-query';
import { RESOURCES } from '@/lib/sandbox/resources';
import type { SandboxDatabase } from '@/lib/sandbox/tables';
import { contactSearchFilter, searchWords } from './contact-search';

const LIST = '11111111-0000-4000-8000-000000000001';

/** The contacts the filter finds among a few rows, through the sandbox's own filter compiler. */
function find(query: string, rows: { first: string; last: string; address: string }[]): string[] {
  const sqlite = new Database(':memory:');
  sqlite.exec('create table contacts (id text, list_id text, first_name text, last_name text, address text)');
  const insert = sqlite.prepare('insert into contacts values (?, ?, ?, ?, ?)');
  rows.forEach((row, i) => insert.run(String(i), LIST, row.first, row.last, row.address));
  const db = new Kysely<SandboxDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  const parsed = parseListQuery(new URLSearchParams({ filter: contactSearchFilter([LIST], query) }), RESOURCES.contacts.attributes);
  const compiled = db
    .selectFrom('contacts')
    .select('first_name')
    .where((eb) => eb.and(parsed.where.map((f) => f(eb))))
    .compile();
  return (sqlite.prepare(compiled.sql).all(...(compiled.parameters as unknown[])) as { first_name: string }[]).map((row) => row.first_name);
}

const PEOPLE = [
  { first: 'Hazle', last: 'Crist', address: '12 Adams Street, Boston, MA 02124' },
  { first: 'Hazel', last: 'Cristiani', address: '40 Geneva Avenue, Boston, MA 02124' },
  { first: 'Mark', last: 'Hazlewood', address: '7 Adams Street, Boston, MA 02124' },
];

describe('contact search', () => {
  it('finds a contact by full name, in either order and any case', () => {
    expect(find('Hazle Crist', PEOPLE)).toEqual(['Hazle']);
    expect(find('crist hazle', PEOPLE)).toEqual(['Hazle']);
  });

  it('finds by address with or without the house number', () => {
    expect(find('12 Adams', PEOPLE)).toEqual(['Hazle']);
    expect(find('Adams Street', PEOPLE).sort()).toEqual(['Hazle', 'Mark']);
  });

  it('tries a word typed with accents without them too', () => {
    expect(find('Hazlé Críst', PEOPLE)).toEqual(['Hazle']);
  });

  it('keeps the filter language out of what is typed', () => {
    expect(searchWords('Crist" or /id neq "x*')).toEqual(['Crist', 'or', '/id', 'neq', 'x']);
  });
});
