import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@nrm/shared-kernel';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export class GetCaseAccessLogQuery {
  constructor(
    readonly caseId: string,
    readonly page: number,
    readonly pageSize: number,
  ) {}
}

export interface AccessLogActor {
  userId: string;
  name: string | null;
  organisationId: string;
  organisationType: string | null;
}

export interface AccessLogRecipient {
  organisationId: string;
  organisationType: string | null;
  shelterId: string | null;
  shelterName: string | null;
  placementId: string | null;
}

export type AccessLogEntry =
  | {
      type: 'read';
      at: string;
      by: AccessLogActor;
      endpoint: string;
      /** A historical read: the instant the case was shown as of; null for a read of the case as it is now. */
      asOf: string | null;
    }
  | {
      type: 'disclosure';
      at: string;
      by: AccessLogActor;
      disclosure: string;
      recipient: AccessLogRecipient;
      categories: string[];
      /** Global position of the event that disclosed the data. */
      position: string;
    };

export interface AccessLogPage {
  caseId: string;
  items: AccessLogEntry[];
  page: number;
  pageSize: number;
  total: number;
}

interface AccessLogRow {
  type: 'read' | 'disclosure';
  at: Date;
  seq: string;
  endpoint: string | null;
  user_id: string;
  user_name: string | null;
  organisation_id: string;
  organisation_type: string | null;
  disclosure: string | null;
  recipient_organisation_id: string | null;
  recipient_organisation_type: string | null;
  shelter_id: string | null;
  shelter_name: string | null;
  placement_id: string | null;
  categories: string[] | null;
  as_of: Date | null;
}

/**
 * The access log of a case: the reads of its personal data (case_read_log) and its disclosures to
 * other organisations (case_disclosures), oldest first. Reading it is not itself a read of personal
 * data: it holds none (staff, organisations, endpoints, data categories).
 */
@QueryHandler(GetCaseAccessLogQuery)
export class GetCaseAccessLogHandler implements IQueryHandler<GetCaseAccessLogQuery, AccessLogPage> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ caseId, page, pageSize }: GetCaseAccessLogQuery): Promise<AccessLogPage> {
    const exists: unknown[] = await this.dataSource.query(`SELECT 1 FROM case_summaries WHERE case_id = $1`, [caseId]);
    if (exists.length === 0) throw new NotFoundError(`Case ${caseId} not found`);
    const [{ total }]: { total: string }[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM case_read_log WHERE case_id = $1)
            + (SELECT count(*) FROM case_disclosures WHERE case_id = $1) AS total`,
      [caseId],
    );
    const rows: AccessLogRow[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT 'read' AS type, read_at AS at, read_id AS seq, endpoint,
                user_id, user_name, organisation_id, organisation_type,
                NULL::text AS disclosure, NULL::text AS recipient_organisation_id,
                NULL::text AS recipient_organisation_type, NULL::text AS shelter_id, NULL::text AS shelter_name,
                NULL::text AS placement_id, NULL::text[] AS categories, as_of
           FROM case_read_log WHERE case_id = $1
         UNION ALL
         SELECT 'disclosure', disclosed_at, global_position, NULL,
                disclosed_by_user_id, disclosed_by_name, disclosed_by_organisation_id, disclosed_by_organisation_type,
                kind, recipient_organisation_id, recipient_organisation_type, shelter_id, shelter_name,
                placement_id, categories, NULL::timestamptz
           FROM case_disclosures WHERE case_id = $1
       ) entries
       ORDER BY at ASC, type ASC, seq ASC
       LIMIT $2 OFFSET $3`,
      [caseId, pageSize, (page - 1) * pageSize],
    );
    return { caseId, items: rows.map(toEntry), page, pageSize, total: Number(total) };
  }
}

function toEntry(row: AccessLogRow): AccessLogEntry {
  const at = new Date(row.at).toISOString();
  const by = {
    userId: row.user_id,
    name: row.user_name,
    organisationId: row.organisation_id,
    organisationType: row.organisation_type,
  };
  if (row.type === 'read') {
    return { type: 'read', at, by, endpoint: row.endpoint ?? '', asOf: row.as_of && new Date(row.as_of).toISOString() };
  }
  return {
    type: 'disclosure',
    at,
    by,
    disclosure: row.disclosure ?? '',
    recipient: {
      organisationId: row.recipient_organisation_id ?? '',
      organisationType: row.recipient_organisation_type,
      shelterId: row.shelter_id,
      shelterName: row.shelter_name,
      placementId: row.placement_id,
    },
    categories: row.categories ?? [],
    position: String(row.seq),
  };
}
