// A located row moved out of every ward loses its ward: the ward triggers kept the old one (NEW.ward is the
// row's previous value in an UPDATE), so a camera moved out to sea still said it stood in its old ward.
import { type Kysely, sql } from 'kysely';

const TABLES: ReadonlyArray<readonly [table: string, column: string]> = [
  ['calls', 'location'],
  ['incidents', 'point'],
  ['cameras', 'point'],
  ['stations', 'point'],
  ['units', 'position'],
  ['hospitals', 'point'],
];

/**
 * The ward of the new point; outside every ward, the ward the writer set itself (an INSERT's value, or an UPDATE that
 * changed it), else none.
 */
const FOLLOWS = (column: string) => `
  NEW.ward := COALESCE(
    ward_at(NEW.${column}),
    CASE
      WHEN NEW.${column} IS NULL THEN NULL
      WHEN TG_OP = 'UPDATE' AND NEW.ward IS NOT DISTINCT FROM OLD.ward THEN NULL
      ELSE NEW.ward
    END);`;

/** As 0017 wrote them. */
const KEEPS = (table: string, column: string) =>
  table === 'hospitals'
    ? `NEW.ward := COALESCE(ward_at(NEW.${column}), NEW.ward);`
    : `NEW.ward := COALESCE(ward_at(NEW.${column}), CASE WHEN NEW.${column} IS NULL THEN NULL ELSE NEW.ward END);`;

async function define(db: Kysely<unknown>, body: (table: string, column: string) => string): Promise<void> {
  for (const [table, column] of TABLES)
    await sql
      .raw(`
      CREATE OR REPLACE FUNCTION ${table}_set_ward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${body(table, column)}
        RETURN NEW;
      END $$`)
      .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await define(db, (_table, column) => FOLLOWS(column));
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await define(db, KEEPS);
}
