import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A migration's SQL: the statements `up` runs, in order, and those `down` runs to revert it. */
export interface MigrationStatements {
  up: readonly string[];
  down: readonly string[];
}

/**
 * A migration that is only SQL, declared as its statements: the class TypeORM wants (it instantiates
 * each migration) whose `up` and `down` send them one by one, in the transaction TypeORM opens for it.
 * TypeORM records `name` in schema_migrations and reads the migration's timestamp from its last 13
 * digits, so `name` is the one the migration was applied under and never changes.
 */
export function sqlMigration(name: string, statements: MigrationStatements): new () => MigrationInterface {
  const migration = class implements MigrationInterface {
    readonly name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const statement of statements.up) await queryRunner.query(statement);
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const statement of statements.down) await queryRunner.query(statement);
    }
  };
  Object.defineProperty(migration, 'name', { value: name });
  return migration;
}
