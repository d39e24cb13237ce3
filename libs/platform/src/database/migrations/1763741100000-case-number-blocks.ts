import { sqlMigration } from '../sql-migration';

/** Case numbers are handed out in blocks of 20 per process (one query per block, not per case). */
export const CaseNumberBlocks1763741100000 = sqlMigration('CaseNumberBlocks1763741100000', {
  up: [`ALTER SEQUENCE case_number_seq INCREMENT BY 20`],
  down: [`ALTER SEQUENCE case_number_seq INCREMENT BY 1`],
});
