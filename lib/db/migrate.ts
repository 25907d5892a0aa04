import { Migrator, type Kysely, type Migration } from 'kysely';

/** A table set: its migrations, and the table that records which have run. */
export type Schema = { migrations: Record<string, Migration>; migrationTable: string };

/** Brings a database to its latest migration; Kysely's migrator takes a lock, so several instances may start at once. */
export async function migrate<DB>(db: Kysely<DB>, schema: Schema): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => schema.migrations },
    migrationTableName: schema.migrationTable,
    migrationLockTableName: `${schema.migrationTable}_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
