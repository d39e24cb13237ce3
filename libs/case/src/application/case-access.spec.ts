import type { Actor, Role } from '@nrm/shared-kernel';
import {
  caseAccessOf,
  caseViewFor,
  fullyVisibleCasesCondition,
  seesCaseInFull,
  visibleCasesCondition,
  visibleDeadlinesCondition,
} from './case-access';

const actor = (organisationId: string, ...roles: Role[]): Actor => ({
  userId: 'u-1',
  name: 'User',
  organisationId,
  organisationType: 'ngo',
  roles,
});

const ownedByPolice = { organisationId: 'police-baku', referredToOrganisationId: 'mia-anti-trafficking' };

describe('case access (need to know)', () => {
  it('coordinators and the competent authority see every case in full; no SQL restriction', () => {
    for (const role of ['coordinator', 'competent-authority-officer'] as const) {
      const who = actor('somewhere', role);
      expect(seesCaseInFull(who, ownedByPolice)).toBe(true);
      expect(visibleCasesCondition(who)).toBeNull();
      expect(visibleDeadlinesCondition(who)).toBeNull();
    }
  });

  it("first responders: their organisation's cases only, not those referred to it", () => {
    expect(seesCaseInFull(actor('police-baku', 'first-responder'), ownedByPolice)).toBe(true);
    expect(seesCaseInFull(actor('police-ganja', 'first-responder'), ownedByPolice)).toBe(false);
    expect(seesCaseInFull(actor('mia-anti-trafficking', 'first-responder'), ownedByPolice)).toBe(false);
  });

  it('case workers: owned by or referred to their organisation', () => {
    expect(seesCaseInFull(actor('mia-anti-trafficking', 'case-worker'), ownedByPolice)).toBe(true);
    expect(seesCaseInFull(actor('police-baku', 'case-worker'), ownedByPolice)).toBe(true);
    expect(seesCaseInFull(actor('ngo-clean-world', 'case-worker'), ownedByPolice)).toBe(false);
  });

  it('shelter staff never see a case in full: the care view, through their placements (SQL)', () => {
    const staff = actor('ngo-tamas', 'shelter-staff');
    expect(seesCaseInFull(staff, { organisationId: 'ngo-tamas', referredToOrganisationId: 'ngo-tamas' })).toBe(false);
    expect(fullyVisibleCasesCondition(staff)?.sql).toBe('false');
    const visible = visibleCasesCondition(staff);
    expect(visible?.sql).toContain('placements');
    expect(visible?.params).toMatchObject({
      accessShelterOperator: 'ngo-tamas',
      accessCareStatuses: ['requested', 'accepted', 'checked-in'],
    });
  });

  it('analysts and admins see no case at all', () => {
    for (const role of ['analyst', 'admin'] as const) {
      const who = actor('police-baku', role);
      expect(seesCaseInFull(who, ownedByPolice)).toBe(false);
      expect(visibleCasesCondition(who)?.sql).toBe('false');
    }
  });

  it('several roles: the union, and the full view wins', () => {
    const both = actor('mia-anti-trafficking', 'shelter-staff', 'case-worker');
    expect(caseAccessOf(both)).toEqual({
      all: false,
      ownedBy: 'mia-anti-trafficking',
      referredTo: 'mia-anti-trafficking',
      careAtSheltersOf: 'mia-anti-trafficking',
    });
    expect(caseViewFor(both, ownedByPolice)).toBe('full');
    expect(caseViewFor(both, { organisationId: 'police-ganja', referredToOrganisationId: null })).toBe('care');
    const visible = visibleCasesCondition(both);
    expect(visible?.sql).toMatch(/organisation_id.*OR.*referred_to_organisation_id.*OR EXISTS/s);
  });

  it("deadlines: the visible cases' deadlines, and the shelter deadlines the organisation answers for", () => {
    const staff = visibleDeadlinesCondition(actor('ngo-tamas', 'shelter-staff'));
    expect(staff?.sql).toMatch(/^\(false OR \(d\.responsible_organisation_id = :accessResponsible/);
    expect(staff?.params).toMatchObject({
      accessResponsible: 'ngo-tamas',
      accessShelterKinds: ['shelter-answer', 'shelter-stay'],
    });
  });
});
