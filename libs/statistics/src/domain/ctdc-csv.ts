import type { Dimension } from './dimensions';
import type { PublishedCount, PublishedStatistics } from './suppression';

/**
 * CSV export in the vocabulary of the Counter Trafficking Data Collaborative (CTDC) global
 * dataset, whose variables follow the Human Trafficking Case Data Standard (HTCDS). Variable names
 * are the CTDC global dataset's CSV column names: yearOfRegistration, gender, ageBroad,
 * citizenship, isForcedLabour, isSexualExploit, isOtherExploit, isForcedMarriage, isOrganRemoval,
 * typeOfLabourDomesticWork, typeOfLabourBegging, typeOfLabourIllicitActivities (header of
 * https://raw.githubusercontent.com/alnoel/CUNYSPS-Data607/main/globaldataset_20200414.csv, a copy
 * of the file published at https://www.ctdatacollaborative.org/global-dataset; the CTDC codebook
 * v6 describes them). Variables the standard lacks are NRM extensions named in the same style:
 * referringOrganisationType, caseStage, outcome, typeOfExploitNotSpecified.
 *
 * Long format, one row per published cell:
 *   yearOfRegistration,variable,value,count
 * - yearOfRegistration empty: all years (the one-way table); otherwise the year of identification.
 * - variable and value empty: everyone (the grand total, or a year's total).
 * - exploitation types are CTDC's 0/1 flag columns: variable = the flag, value = 1, and a person
 *   counts under every flag they have (those rows do not add up to the totals).
 * - count: a number of people, or `<k` (e.g. `<11`) when suppressed.
 */
export const CTDC_CSV_HEADER = ['yearOfRegistration', 'variable', 'value', 'count'] as const;

export const CTDC_VARIABLE: Record<Exclude<Dimension, 'exploitationType'>, string> = {
  sex: 'gender',
  ageGroup: 'ageBroad',
  citizenship: 'citizenship',
  referringOrganisationType: 'referringOrganisationType',
  stage: 'caseStage',
  outcome: 'outcome',
};

/** Our exploitation types → the CTDC flag column set to 1 for them. */
export const CTDC_EXPLOITATION_FLAG: Record<string, string> = {
  sexual: 'isSexualExploit',
  labour: 'isForcedLabour',
  'domestic-servitude': 'typeOfLabourDomesticWork',
  'forced-begging': 'typeOfLabourBegging',
  'forced-criminality': 'typeOfLabourIllicitActivities',
  'organ-removal': 'isOrganRemoval',
  'forced-marriage': 'isForcedMarriage',
  other: 'isOtherExploit',
  'not-stated': 'typeOfExploitNotSpecified',
};

const CTDC_GENDER: Record<string, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };

/** A dimension's value as the CSV names it: variable and value. */
export function ctdcVariableAndValue(dimension: Dimension, value: string): [string, string] {
  if (dimension === 'exploitationType') return [CTDC_EXPLOITATION_FLAG[value] ?? `typeOfExploit:${value}`, '1'];
  if (dimension === 'sex') return [CTDC_VARIABLE.sex, CTDC_GENDER[value] ?? value];
  // citizenship: ISO 3166-1 alpha-2 as in CTDC (plus `stateless` and `unknown`).
  return [CTDC_VARIABLE[dimension], value];
}

export function toCtdcCsv(statistics: PublishedStatistics): string {
  const rows: Array<readonly [string, string, string, PublishedCount]> = [['', '', '', statistics.total]];
  for (const { year, total } of statistics.years) rows.push([year, '', '', total]);
  for (const table of statistics.tables) {
    for (const cell of table.overall) rows.push(['', ...ctdcVariableAndValue(table.dimension, cell.value), cell.count]);
    for (const { year, cells } of table.byYear) {
      for (const cell of cells) rows.push([year, ...ctdcVariableAndValue(table.dimension, cell.value), cell.count]);
    }
  }
  return (
    [CTDC_CSV_HEADER, ...rows].map((row) => row.map((field) => csvField(String(field))).join(',')).join('\r\n') + '\r\n'
  );
}

/** RFC 4180 quoting; a leading =, +, - or @ is quoted away so spreadsheets do not run it. */
function csvField(field: string): string {
  const safe = /^[=+\-@]/.test(field) && !/^-?\d+$/.test(field) ? `'${field}` : field;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
