/**
 * The store's schema, one list of migrations for both engines. The first
 * ones create their tables only if missing: before the store existed, the
 * correction log and the review resolutions were migrated into the sandbox's
 * SQLite file under migration tables of their own, and such a file is
 * adopted as it is.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from './engine';

export function storeMigrations(engine: Engine): Record<string, Migration> {
  return {
    '0001_correction_log': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('correction_log')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('campaign_id', 'text', (c) => c.notNull())
          .addColumn('interaction_id', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('user_name', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('patch', 'text', (c) => c.notNull())
          .addColumn('etag_before', 'text')
          .addColumn('etag_after', 'text')
          .addColumn('created', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('correction_log_interaction')
          .ifNotExists()
          .on('correction_log')
          .columns(['organization_id', 'interaction_id', 'created'])
          .execute();
      },
    },
    '0002_review_resolution': {
      async up(db: Kysely<unknown>) {
        let resolution = db.schema
          .createTable('review_resolution')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('campaign_id', 'text', (c) => c.notNull())
          .addColumn('shift_key', 'text', (c) => c.notNull())
          .addColumn('canvasser_id', 'text', (c) => c.notNull())
          .addColumn('interaction_ids', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('rule_set_version', 'text', (c) => c.notNull())
          .addColumn('score', 'integer', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('user_name', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull());
        // Resolutions of one millisecond keep the order they were made in: SQLite's rowid, PostgreSQL's own sequence.
        if (engine === 'postgres') resolution = resolution.addColumn('seq', 'bigserial', (c) => c.notNull());
        await resolution.execute();
        await db.schema
          .createIndex('review_resolution_campaign')
          .ifNotExists()
          .on('review_resolution')
          .columns(['organization_id', 'campaign_id', 'created'])
          .execute();
        await db.schema
          .createTable('review_call')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('resolution_id', 'text', (c) => c.notNull().references('review_resolution.id'))
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('interaction_id', 'text', (c) => c.notNull())
          .addColumn('contact_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('phone', 'text', (c) => c.notNull())
          .addColumn('address', 'text', (c) => c.notNull())
          .addColumn('recorded', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text')
          .addColumn('outcome_by', 'text')
          .addColumn('outcome_at', 'text')
          .execute();
        await db.schema.createIndex('review_call_resolution').ifNotExists().on('review_call').columns(['resolution_id']).execute();
      },
    },
    '0003_index_snapshot': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('index_snapshot')
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('campaign_id', 'text', (c) => c.notNull())
          .addColumn('format_version', 'integer', (c) => c.notNull())
          .addColumn('watermark', 'text', (c) => c.notNull())
          .addColumn('data', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('index_snapshot_key', ['organization_id', 'campaign_id'])
          .execute();
        // Who builds a campaign's index, until when: a holder that crashes stops holding once `expires` (epoch ms) passes.
        await db.schema
          .createTable('index_lease')
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('campaign_id', 'text', (c) => c.notNull())
          .addColumn('holder', 'text', (c) => c.notNull())
          .addColumn('expires', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('index_lease_key', ['organization_id', 'campaign_id'])
          .execute();
      },
    },
    '0004_campaign_settings': {
      async up(db: Kysely<unknown>) {
        // The dashboard's own settings of a campaign: today its time zone, derived or an organizer's choice.
        await db.schema
          .createTable('campaign_settings')
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('campaign_id', 'text', (c) => c.notNull())
          .addColumn('time_zone', 'text', (c) => c.notNull())
          .addColumn('time_zone_source', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text')
          .addColumn('updated', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('campaign_settings_key', ['organization_id', 'campaign_id'])
          .execute();
      },
    },
    '0005_index_change': {
      async up(db: Kysely<unknown>) {
        // Changes made through one instance, for the others' indexes; `seq` orders them.
        await db.schema
          .createTable('index_change')
          .addColumn('seq', engine === 'postgres' ? 'bigserial' : 'integer', (c) => (engine === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('campaign_id', 'text', (c) => c.notNull())
          .addColumn('instance', 'text', (c) => c.notNull())
          .addColumn('change', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('index_change_campaign').on('index_change').columns(['organization_id', 'campaign_id', 'seq']).execute();
      },
    },
    '0006_paper_credit': {
      async up(db: Kysely<unknown>) {
        // Whose paper sheet an interaction entered by hand came from. Created only if missing: before the
        // store had it, the table was migrated into the SQLite file under a migration table of its own.
        await db.schema
          .createTable('paper_credit')
          .ifNotExists()
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('campaign_id', 'text', (c) => c.notNull())
          .addColumn('interaction_id', 'text', (c) => c.notNull())
          .addColumn('canvasser_id', 'text', (c) => c.notNull())
          .addColumn('entered_by', 'text', (c) => c.notNull())
          .addColumn('created', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('paper_credit_pk', ['organization_id', 'interaction_id'])
          .execute();
        await db.schema.createIndex('paper_credit_campaign').ifNotExists().on('paper_credit').columns(['organization_id', 'campaign_id']).execute();
      },
    },
    '0007_correction_changes': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('correction_log').addColumn('changes', 'text').execute();
      },
    },
    '0008_organization_units': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('organization_units')
          .ifNotExists()
          .addColumn('organization_id', 'text', (c) => c.primaryKey())
          .addColumn('unit_system', 'text', (c) => c.notNull())
          .addColumn('chosen_by', 'text', (c) => c.notNull())
          .addColumn('updated', 'text', (c) => c.notNull())
          .execute();
      },
    },
    '0009_review_settings': {
      async up(db: Kysely<unknown>) {
        // An organizer's changes to the review rules' thresholds, per campaign (the defaults are in the code).
        await db.schema
          .createTable('review_settings')
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('campaign_id', 'text', (c) => c.notNull())
          .addColumn('thresholds', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text', (c) => c.notNull())
          .addColumn('updated', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('review_settings_key', ['organization_id', 'campaign_id'])
          .execute();
      },
    },
    '0010_index_snapshot_parts': {
      async up(db: Kysely<unknown>) {
        // A snapshot's bytes in parts of a few megabytes: PostgreSQL hands back one 45 MB value
        // about twice as slowly as the same bytes in parts. Snapshots are a cache: the old ones go.
        await db.deleteFrom('index_snapshot' as never).execute();
        await db.schema.alterTable('index_snapshot').dropColumn('data').execute();
        await db.schema
          .createTable('index_snapshot_part')
          .addColumn('organization_id', 'text', (c) => c.notNull())
          .addColumn('campaign_id', 'text', (c) => c.notNull())
          .addColumn('part', 'integer', (c) => c.notNull())
          .addColumn('data', engine === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
          .addPrimaryKeyConstraint('index_snapshot_part_key', ['organization_id', 'campaign_id', 'part'])
          .execute();
        // Stored as they are: the bytes of typed arrays barely compress, and compressing them took most of a save.
        if (engine === 'postgres') await sql`alter table index_snapshot_part alter column data set storage external`.execute(db);
      },
    },
  };
}
