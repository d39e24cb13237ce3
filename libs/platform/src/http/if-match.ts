import { BadRequestException } from '@nestjs/common';

/** The stream revision in an If-Match header ("3", W/"3" or 3); undefined when there is none. */
export function revisionFromIfMatch(header: string | undefined): bigint | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,18})"?\s*$/.exec(header);
  if (!match) throw new BadRequestException('If-Match must be the ETag of the case, e.g. "3"');
  return BigInt(match[1]);
}
