/**
 * Schema migrations, applied in name order by Kysely's Migrator at start.
 * Add a new entry for every change; never edit one that has shipped.
 */
import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';

type Extracted = [column: string, type: 'text' | 'integer' | 'real', jsonPath: string];

/** The envelope columns, then one stored generated column per filterable attribute. */
function resourceTable(db: Kysely<unknown>, name: string, extracted: Extracted[]) {
  let table: CreateTableBuilder<string, string> = db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('security_group_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('modified', 'text', (c) => c.notNull())
    .addColumn('modified_by', 'text', (c) => c.notNull())
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('is_deleted', 'integer', (c) => c.notNull().defaultTo(0));
  for (const [column, type, jsonPath] of extracted) {
    table = table.addColumn(column, type, (c) => c.generatedAlwaysAs(sql`json_extract(data, ${sql.lit(jsonPath)})`).stored());
  }
  return table;
}

/** An index over live rows of one tenant and security group, then `columns`. */
function liveIndex(db: Kysely<unknown>, table: string, columns: string[]) {
  return db.schema
    .createIndex(`${table}_${columns.join('_')}`)
    .on(table)
    .columns(['customer_id', 'security_group_id', ...columns])
    .where(sql.ref('is_deleted'), '=', 0);
}

export const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db) {
      await db.schema
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('organizations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('security_group_id', 'text', (c) => c.notNull().unique())
        .execute();

      await resourceTable(db, 'users', [['email', 'text', '$.email']])
        .addColumn('password_hash', 'text')
        .execute();
      await db.schema.createIndex('users_email').on('users').column('email').unique().execute();

      await db.schema
        .createTable('memberships')
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('memberships_pk', ['user_id', 'organization_id'])
        .execute();

      await db.schema
        .createTable('access_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('read_groups', 'text', (c) => c.notNull())
        .addColumn('write_groups', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text')
        .addColumn('auth_code_id', 'text')
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('access_tokens_auth_code').on('access_tokens').column('auth_code_id').execute();

      await db.schema
        .createTable('oauth_clients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('redirect_uris', 'text', (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('oauth_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('client_id', 'text', (c) => c.notNull().references('oauth_clients.id'))
        .addColumn('redirect_uri', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();

      await resourceTable(db, 'campaigns', [
        ['organization_id', 'text', '$.organizationId'],
        ['name', 'text', '$.name'],
        ['status', 'text', '$.status'],
      ]).execute();
      await liveIndex(db, 'campaigns', ['name']).execute();

      await resourceTable(db, 'lists', [
        ['organization_id', 'text', '$.organizationId'],
        ['name', 'text', '$.name'],
      ]).execute();
      await liveIndex(db, 'lists', ['name']).execute();

      await resourceTable(db, 'surveys', [
        ['campaign_id', 'text', '$.campaignId'],
        ['name', 'text', '$.name'],
      ]).execute();
      await liveIndex(db, 'surveys', ['campaign_id']).execute();

      await resourceTable(db, 'contacts', [
        ['list_id', 'text', '$.listId'],
        ['first_name', 'text', '$.profile.name.first'],
        ['last_name', 'text', '$.profile.name.last'],
        ['address', 'text', '$.profile.address.formatted'],
        ['postal_code', 'text', '$.profile.address.postalCode'],
        ['contacted', 'integer', '$.contacted'],
      ]).execute();
      await liveIndex(db, 'contacts', ['list_id', 'last_name']).execute();
      await liveIndex(db, 'contacts', ['last_name']).execute();
      await liveIndex(db, 'contacts', ['modified']).execute();

      await resourceTable(db, 'interactions', [
        ['campaign_id', 'text', '$.campaignId'],
        ['contact_id', 'text', '$.contactId'],
        ['list_id', 'text', '$.listId'],
        ['survey_id', 'text', '$.survey.surveyId'],
        ['walklist_id', 'text', '$.walklistId'],
        ['timestamp', 'text', '$.timestamp'],
        ['successful', 'integer', '$.successful'],
        ['unavailable', 'integer', '$.unavailable'],
        ['unavailable_reason', 'text', '$.unavailableReason'],
        ['distance', 'real', '$.distance'],
        ['lat', 'real', '$.location.lat'],
        ['lng', 'real', '$.location.lng'],
        ['confidence', 'real', '$.location.confidence'],
      ])
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .execute();
      await liveIndex(db, 'interactions', ['campaign_id', 'timestamp']).execute();
      await liveIndex(db, 'interactions', ['campaign_id', 'id']).execute();
      await liveIndex(db, 'interactions', ['contact_id', 'timestamp']).execute();
      await liveIndex(db, 'interactions', ['timestamp']).execute();
      await liveIndex(db, 'interactions', ['modified']).execute();
    },
  },
  '0002_pkce': {
    async up(db) {
      // RFC 7636: the S256 challenge of the authorize request, checked against the verifier at the exchange.
      await db.schema.alterTable('oauth_codes').addColumn('code_challenge', 'text').execute();
    },
  },
};
