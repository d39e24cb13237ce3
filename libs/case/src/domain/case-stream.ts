/** Case streams are named `case-<case id>`. */
export const CASE_STREAM_PREFIX = 'case-';

export function caseStreamName(caseId: string): string {
  return `${CASE_STREAM_PREFIX}${caseId}`;
}

export function caseIdOfStream(streamName: string): string | null {
  return streamName.startsWith(CASE_STREAM_PREFIX) ? streamName.slice(CASE_STREAM_PREFIX.length) : null;
}
