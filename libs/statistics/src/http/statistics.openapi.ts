import type { EndpointDescriptions } from '@nrm/platform/http';
import type { StatisticsController } from './statistics.controller';

/** The long OpenAPI description of GET /statistics (statistics.controller.ts). */
export const STATISTICS_OPENAPI = {
  get:
    'Counts people (distinct persons; a person with several cases, or cases a coordinator linked as one person ' +
    '(POST /possible-duplicates/{id}/link), is described by their latest case) by year ' +
    'of identification and by exploitation type, sex, age group (CTDC ageBroad brackets), citizenship, ' +
    'referring organisation type (the type of the organisation that identified the person), stage and ' +
    'outcome (victim-status decision granted / refused / pending, and whether the case is closed, e.g. ' +
    '`granted-closed`). Each dimension comes as a one-way table (`overall`) and a cross-tab by year ' +
    '(`byYear`), with the grand total and the year totals. Only non-personal attributes are read, none of ' +
    'which an erasure removes, so an erased person is still counted.\n\n' +
    'Suppression: a count under k people (STATISTICS_MIN_CELL, at least 11) is shown as "<k"; so is every ' +
    'cell that would let a reader recover one by subtraction from a published total or margin ' +
    '(complementary suppression, checked across all the tables together). exploitationType is ' +
    'multi-valued: a person counts in each of their types, so its cells do not add up to the totals.\n\n' +
    'CSV (`?format=csv` or `Accept: text/csv`): long format `yearOfRegistration,variable,value,count`, one ' +
    'row per published cell, with the variable names of the Counter Trafficking Data Collaborative global ' +
    'dataset (HTCDS): gender, ageBroad, citizenship, and the exploitation flags isSexualExploit, ' +
    'isForcedLabour, isForcedMarriage, isOrganRemoval, isOtherExploit, typeOfLabourDomesticWork, ' +
    'typeOfLabourBegging, typeOfLabourIllicitActivities (value 1); NRM extensions referringOrganisationType, ' +
    'caseStage, outcome, typeOfExploitNotSpecified. An empty yearOfRegistration means all years; an empty ' +
    'variable and value mean everyone (the totals). Suppressed counts are "<k". ' +
    'Other roles: 403.',
} satisfies EndpointDescriptions<StatisticsController>;
