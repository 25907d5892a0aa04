/**
 * Schema migrations, applied in name order by Kysely's Migrator at start.
 * Add a new entry for every change; never edit one that has shipped.
 *
 * One list for both engines. Where SQLite and PostgreSQL differ:
 * - each filterable attribute is a stored generated column: `json_extract`
 *   of the JSON text on SQLite, the same path of `data::jsonb` on PostgreSQL
 *   (the text itself is kept as written, so a read returns it byte for byte);
 * - flags (`is_deleted`, `successful`, …) are 0/1 integers on SQLite and
 *   booleans on PostgreSQL;
 * - rows are paged in a stable order by SQLite's `rowid`, and on PostgreSQL by
 *   a `seq` identity column that ends every index, as the rowid does;
 * - text on PostgreSQL compares byte by byte (`collate "C"`), as SQLite's does,
 *   so sorting and `gt`/`lt` give the same answer whatever the server's locale.
 */
import { sql, type ColumnDataType, type CreateTableBuilder, type Expression, type Kysely, type Migration } from 'kysely';
import type { Engine } from '@/lib/db/engine';

type ColumnType = 'text' | 'integer' | 'real' | 'boolean';
type Extracted = [column: string, type: ColumnType, jsonPath: string];
type DataType = ColumnDataType | Expression<unknown>;

/** A column type as the engine spells it. */
function typeOf(engine: Engine, type: ColumnType): DataType {
  if (engine === 'sqlite') return type === 'boolean' ? 'integer' : type;
  if (type === 'text') return sql`text collate "C"`;
  return type === 'real' ? 'double precision' : type;
}

/** The generated column's expression: `$.profile.name.first` read out of the stored JSON. */
function extract(engine: Engine, type: ColumnType, jsonPath: string) {
  if (engine === 'sqlite') return sql`json_extract(data, ${sql.lit(jsonPath)})`;
  const keys = jsonPath.replace(/^\$\./, '').split('.');
  const text = sql`(data::jsonb #>> ${sql.lit(`{${keys.join(',')}}`)})`;
  if (type === 'text') return text;
  return sql`${text}::${sql.raw(type === 'real' ? 'double precision' : type)}`;
}

/** The literal a flag is false as: 0 on SQLite, false on PostgreSQL. */
const falseLiteral = (engine: Engine) => (engine === 'sqlite' ? sql.lit(0) : sql.lit(false));

/** The envelope columns, then one stored generated column per filterable attribute. */
function resourceTable(db: Kysely<unknown>, engine: Engine, name: string, extracted: Extracted[]) {
  const text = typeOf(engine, 'text');
  let table: CreateTableBuilder<string, string> = db.schema
    .createTable(name)
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('customer_id', text, (c) => c.notNull())
    .addColumn('security_group_id', text, (c) => c.notNull())
    .addColumn('data', text, (c) => c.notNull())
    .addColumn('created', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.notNull())
    .addColumn('modified', text, (c) => c.notNull())
    .addColumn('modified_by', text, (c) => c.notNull())
    .addColumn('etag', text, (c) => c.notNull())
    .addColumn('is_deleted', typeOf(engine, 'boolean'), (c) => c.notNull().defaultTo(falseLiteral(engine)));
  if (engine === 'postgres') table = table.addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().notNull().unique());
  for (const [column, type, jsonPath] of extracted) {
    table = table.addColumn(column, typeOf(engine, type), (c) => c.generatedAlwaysAs(extract(engine, type, jsonPath)).stored());
  }
  return table;
}

/** An index over live rows of one tenant and security group, then `columns` (and on PostgreSQL the paging order, `seq`). */
function liveIndex(db: Kysely<unknown>, engine: Engine, table: string, columns: string[]) {
  return db.schema
    .createIndex(`${table}_${columns.join('_')}`)
    .on(table)
    .columns(['customer_id', 'security_group_id', ...columns, ...(engine === 'postgres' ? ['seq'] : [])])
    .where(sql.ref('is_deleted'), '=', falseLiteral(engine));
}

export function migrations(engine: Engine): Record<string, Migration> {
  const text = typeOf(engine, 'text');
  return {
    '0001_initial': {
      async up(db) {
        await db.schema
          .createTable('customers')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('name', text, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('organizations')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('customer_id', text, (c) => c.notNull().references('customers.id'))
          .addColumn('name', text, (c) => c.notNull())
          .addColumn('security_group_id', text, (c) => c.notNull().unique())
          .execute();

        await resourceTable(db, engine, 'users', [['email', 'text', '$.email']])
          .addColumn('password_hash', text)
          .execute();
        await db.schema.createIndex('users_email').on('users').column('email').unique().execute();

        await db.schema
          .createTable('memberships')
          .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
          .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
          .addColumn('role', text, (c) => c.notNull())
          .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'organization_id'])
          .execute();

        await db.schema
          .createTable('access_tokens')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('token_hash', text, (c) => c.notNull().unique())
          .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
          .addColumn('customer_id', text, (c) => c.notNull().references('customers.id'))
          .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
          .addColumn('role', text, (c) => c.notNull())
          .addColumn('permissions', text, (c) => c.notNull())
          .addColumn('read_groups', text, (c) => c.notNull())
          .addColumn('write_groups', text, (c) => c.notNull())
          .addColumn('client_id', text)
          .addColumn('auth_code_id', text)
          .addColumn('created', text, (c) => c.notNull())
          .addColumn('expires_at', text, (c) => c.notNull())
          .addColumn('revoked_at', text)
          .execute();
        await db.schema.createIndex('access_tokens_auth_code').on('access_tokens').column('auth_code_id').execute();

        await db.schema
          .createTable('oauth_clients')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('name', text, (c) => c.notNull())
          .addColumn('secret_hash', text, (c) => c.notNull())
          .addColumn('redirect_uris', text, (c) => c.notNull())
          .addColumn('created', text, (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('oauth_codes')
          .addColumn('id', text, (c) => c.primaryKey())
          .addColumn('code_hash', text, (c) => c.notNull().unique())
          .addColumn('client_id', text, (c) => c.notNull().references('oauth_clients.id'))
          .addColumn('redirect_uri', text, (c) => c.notNull())
          .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
          .addColumn('organization_id', text, (c) => c.notNull().references('organizations.id'))
          .addColumn('created', text, (c) => c.notNull())
          .addColumn('expires_at', text, (c) => c.notNull())
          .addColumn('used_at', text)
          .execute();

        await resourceTable(db, engine, 'campaigns', [
          ['organization_id', 'text', '$.organizationId'],
          ['name', 'text', '$.name'],
          ['status', 'text', '$.status'],
        ]).execute();
        await liveIndex(db, engine, 'campaigns', ['name']).execute();

        await resourceTable(db, engine, 'lists', [
          ['organization_id', 'text', '$.organizationId'],
          ['name', 'text', '$.name'],
        ]).execute();
        await liveIndex(db, engine, 'lists', ['name']).execute();

        await resourceTable(db, engine, 'surveys', [
          ['campaign_id', 'text', '$.campaignId'],
          ['name', 'text', '$.name'],
        ]).execute();
        await liveIndex(db, engine, 'surveys', ['campaign_id']).execute();

        await resourceTable(db, engine, 'contacts', [
          ['list_id', 'text', '$.listId'],
          ['first_name', 'text', '$.profile.name.first'],
          ['last_name', 'text', '$.profile.name.last'],
          ['address', 'text', '$.profile.address.formatted'],
          ['postal_code', 'text', '$.profile.address.postalCode'],
          ['contacted', 'boolean', '$.contacted'],
        ]).execute();
        await liveIndex(db, engine, 'contacts', ['list_id', 'last_name']).execute();
        await liveIndex(db, engine, 'contacts', ['last_name']).execute();
        await liveIndex(db, engine, 'contacts', ['modified']).execute();

        await resourceTable(db, engine, 'interactions', [
          ['campaign_id', 'text', '$.campaignId'],
          ['contact_id', 'text', '$.contactId'],
          ['list_id', 'text', '$.listId'],
          ['survey_id', 'text', '$.survey.surveyId'],
          ['walklist_id', 'text', '$.walklistId'],
          ['timestamp', 'text', '$.timestamp'],
          ['successful', 'boolean', '$.successful'],
          ['unavailable', 'boolean', '$.unavailable'],
          ['unavailable_reason', 'text', '$.unavailableReason'],
          ['distance', 'real', '$.distance'],
          ['lat', 'real', '$.location.lat'],
          ['lng', 'real', '$.location.lng'],
          ['confidence', 'real', '$.location.confidence'],
        ])
          .addColumn('request_hash', text, (c) => c.notNull())
          .execute();
        await liveIndex(db, engine, 'interactions', ['campaign_id', 'timestamp']).execute();
        await liveIndex(db, engine, 'interactions', ['campaign_id', 'id']).execute();
        await liveIndex(db, engine, 'interactions', ['contact_id', 'timestamp']).execute();
        await liveIndex(db, engine, 'interactions', ['timestamp']).execute();
        await liveIndex(db, engine, 'interactions', ['modified']).execute();
      },
    },
    '0002_pkce': {
      async up(db) {
        // RFC 7636: the S256 challenge of the authorize request, checked against the verifier at the exchange.
        await db.schema.alterTable('oauth_codes').addColumn('code_challenge', text).execute();
      },
    },
    '0003_count_indexes_whole_statistics': {
      async up(db) {
        // A campaign's count by outcome (the campaigns page, the table's totals) read the row of every
        // visit: 0.4 to 0.7 s a count at 600,000, on the thread that answers the API. The flags in the
        // index answer it from the index alone.
        await liveIndex(db, engine, 'interactions', ['campaign_id', 'successful', 'unavailable']).execute();
        // The same for the households of a campaign's lists walked in id order (the review queue's
        // positions): each page's total, the rest of the walk, read every contact's row for its id,
        // 120 to 140 ms a page at 150,000 households; 7 to 24 ms from this index.
        await liveIndex(db, engine, 'contacts', ['list_id', 'id']).execute();
        // Whole statistics for every table, as the seed now gathers them (about a second at 1,000,000).
        // With none for the new index, SQLite took it for the most selective and read a campaign's
        // pages through it, sorting each (a page sorted by time went from 4 to 320 ms). The sampled
        // ones of `pragma optimize` rate every index alike: the counts kept reading each visit, and
        // each page of a campaign's households (in id order) read and sorted all of them (424 ms a
        // page, 7 ms with whole statistics).
        await sql`analyze`.execute(db);
      },
    },
  };
}
