import type { DecodedEvent } from '@nrm/event-store';
import type { Projection } from '@nrm/projections';
import type { EntityManager } from 'typeorm';
import { caseIdOfStream } from '../domain/case-stream';
import type { CaseReferred, CaseTransferred, ChildProtectionNotified } from '../tracks';
import { readBy, type ReadRules } from './read-rules';
import { CaseDisclosureEntity, CaseDisclosureShelterEntity } from './case-disclosure.entity';

export const CASE_DISCLOSURES_PROJECTION = 'case-disclosures';

/**
 * The categories of a case's data, named plainly, as the access log shows what an organisation received:
 * - identity: name, date of birth or age, sex, citizenship, languages;
 * - identification-circumstances: where, when and by whom the person was found;
 * - exploitation-and-indicators: exploitation types, indicators observed and their screening;
 * - narrative: the free-text account;
 * - care-needs: urgent needs and the needs of a placement.
 */
export const DATA_CATEGORIES = [
  'identity',
  'identification-circumstances',
  'exploitation-and-indicators',
  'narrative',
  'care-needs',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const DISCLOSURE_KINDS = ['referral', 'transfer', 'placement', 'child-protection-notification'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

/** The whole case file: what the competent authority or a new owner receives. */
const WHOLE_CASE: DataCategory[] = [...DATA_CATEGORIES];
/** What a shelter receives: the care view only (DESIGN §5: "only what care needs"). */
const CARE_VIEW: DataCategory[] = ['identity', 'care-needs'];
/** What the child-protection body is told of a child case: who the child is, where found, what it needs. */
const CHILD_PROTECTION_VIEW: DataCategory[] = ['identity', 'identification-circumstances', 'care-needs'];

type Disclosure = Omit<CaseDisclosureEntity, 'eventType' | 'globalPosition' | 'caseId' | 'disclosedAt'> & {
  disclosedAt?: string;
};

const UNKNOWN_OPERATOR = 'unknown-shelter-operator';

/** The events that disclose a case to an organisation as a whole (no shelter): to whom, and what. */
const TO_ORGANISATION: ReadRules<
  CaseReferred | CaseTransferred | ChildProtectionNotified,
  Pick<Disclosure, 'kind' | 'recipientOrganisationId' | 'recipientOrganisationType' | 'categories' | 'disclosedAt'>
> = {
  CaseReferred: ({ data }) => ({
    kind: 'referral',
    recipientOrganisationId: data.competentAuthorityOrgId,
    recipientOrganisationType: 'competent-authority',
    categories: WHOLE_CASE,
  }),
  CaseTransferred: ({ data }) => ({
    kind: 'transfer',
    recipientOrganisationId: data.toOrganisationId,
    recipientOrganisationType: data.toOrganisationType ?? null,
    categories: WHOLE_CASE,
  }),
  ChildProtectionNotified: ({ data }) => ({
    kind: 'child-protection-notification',
    recipientOrganisationId: data.childProtectionOrgId,
    recipientOrganisationType: 'child-protection',
    categories: CHILD_PROTECTION_VIEW,
    disclosedAt: data.notifiedAt,
  }),
};

const HANDLED = [...Object.keys(TO_ORGANISATION), 'PlacementRequested', 'ShelterRegistered'];

/**
 * Which organisation received which categories of a case's data (issue 5: the disclosure record), one
 * row per disclosing event keyed by its global position, so a replay writes nothing twice. It keeps the
 * operator of each shelter itself (from ShelterRegistered, on the same shelter stream as the placement)
 * rather than reading another projection's table, which may not have caught up.
 */
export class CaseDisclosuresProjection implements Projection {
  readonly name = CASE_DISCLOSURES_PROJECTION;
  readonly tables = ['case_disclosures', 'case_disclosure_shelters'];

  handles(eventType: string): boolean {
    return HANDLED.includes(eventType);
  }

  async apply(events: readonly DecodedEvent[], manager: EntityManager): Promise<void> {
    const operators = new Map<string, string>();
    const rows: Partial<CaseDisclosureEntity>[] = [];
    for (const event of events) {
      if (event.type === 'ShelterRegistered') {
        const { shelterId, operatorOrgId } = event.data as { shelterId: string; operatorOrgId: string };
        operators.set(shelterId, operatorOrgId);
        await manager
          .createQueryBuilder()
          .insert()
          .into(CaseDisclosureShelterEntity)
          .values({ shelterId, operatorOrgId })
          .orIgnore()
          .execute();
        continue;
      }
      const caseId = caseIdOfStream(event.streamName) ?? (event.data as { caseId?: string }).caseId;
      if (!caseId) continue;
      const disclosure = await this.disclosureOf(event, operators, manager);
      if (!disclosure) continue;
      const { disclosedAt, ...rest } = disclosure;
      rows.push({
        ...rest,
        globalPosition: event.globalPosition,
        caseId,
        eventType: event.type,
        disclosedAt: new Date(disclosedAt ?? event.metadata.occurredAt),
      });
    }
    if (rows.length === 0) return;
    await manager.createQueryBuilder().insert().into(CaseDisclosureEntity).values(rows).orIgnore().execute();
  }

  private async disclosureOf(
    event: DecodedEvent,
    operators: Map<string, string>,
    manager: EntityManager,
  ): Promise<Disclosure | null> {
    const by = {
      disclosedByUserId: event.metadata.actorId,
      disclosedByName: event.metadata.actorName ?? null,
      disclosedByOrganisationId: event.metadata.organisationId,
      disclosedByOrganisationType: event.metadata.organisationType ?? null,
    };
    if (Object.hasOwn(TO_ORGANISATION, event.type)) {
      return { ...by, shelterId: null, shelterName: null, placementId: null, ...readBy(TO_ORGANISATION, event) };
    }
    if (event.type !== 'PlacementRequested') return null;
    const data = event.data as { shelterId: string; shelterName?: string; placementId: string };
    // ShelterRegistered comes first on the same shelter stream, so the operator is known; should it
    // ever not be, the disclosure is still recorded (with the shelter) rather than stalling the log.
    const operator = operators.get(data.shelterId) ?? (await this.operatorOf(data.shelterId, manager));
    return {
      ...by,
      kind: 'placement',
      recipientOrganisationId: operator ?? UNKNOWN_OPERATOR,
      recipientOrganisationType: null,
      shelterId: data.shelterId,
      shelterName: data.shelterName ?? null,
      placementId: data.placementId,
      categories: CARE_VIEW,
    };
  }

  private async operatorOf(shelterId: string, manager: EntityManager): Promise<string | undefined> {
    const found = await manager.findOne(CaseDisclosureShelterEntity, { where: { shelterId } });
    return found?.operatorOrgId;
  }
}
