/**
 * The store's schema, one list of migrations for both engines. The first
 * ones create their tables only if missing: before the store existed, the
 * correction log and the review resolutions were migrated into the sandbox's
 * SQLite file under migration tables of their own, and such a file is
 * adopted as it is.
 */
import type { Kysely, Migration } from 'kysely';
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
        await db.schema.createIndex('correction_log_interaction').ifNotExists().on('correction_log').columns(['organization_id', 'interaction_id', 'created']).execute();
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
        await db.schema.createIndex('review_resolution_campaign').ifNotExists().on('review_resolution').columns(['organization_id', 'campaign_id', 'created']).execute();
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
    // 0003 is the index snapshot's, on its way from the scale-out work.
    '0004_paper_credit': {
      async up(db: Kysely<unknown>) {
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
  };
}
