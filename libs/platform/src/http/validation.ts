import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { isUUID } from 'class-validator';
import 'reflect-metadata';
import { flattenValidationErrors, InvalidInputException } from './problem-details';
import { type FieldError, inspectUntrustedInput, joinPath } from './untrusted-input';

/** Organisation ids as the tokens' `org` claim carries them, e.g. "ngo-clean-world". */
export const ORGANISATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A calendar date as YYYY-MM-DD (with IsISO8601 to refuse a day that does not exist). */
export const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

const FREE_TEXT = Symbol('nrm:free-text');

/**
 * Marks a body field as free text: it may hold line breaks and tabs. Every other string of a body
 * is one line (names, codes, ids), so a new field is strict until declared otherwise.
 */
export function FreeText(): PropertyDecorator {
  return (target, propertyKey) => Reflect.defineMetadata(FREE_TEXT, true, target, propertyKey);
}

/**
 * The global pipe: first the checks every client value passes (untrusted-input.ts: control
 * characters, lone surrogates, lengths, nesting, prototype keys, a body that is not an object),
 * then the DTO's own rules; unknown fields are refused and every invalid one reported at once.
 */
export class EdgeValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new InvalidInputException(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom parameters (the caller, the command request) come from the server, not the client.
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const root = metadata.data ?? '';
    const problems = inspectUntrustedInput(value, { root, singleLine: metadata.type !== 'body' });
    if (metadata.type === 'body' && !metadata.data && expectsObject(metadata) && !isObjectOrAbsent(value)) {
      problems.unshift({ field: 'body', messages: ['the body must be a JSON object'] });
    }
    if (metadata.type === 'param' && isPathId(metadata.data) && problems.length === 0 && !isUUID(value)) {
      problems.push({ field: metadata.data, messages: [`${metadata.data} must be a UUID`] });
    }
    if (problems.length > 0) throw new InvalidInputException(problems);
    const result = await super.transform(value, metadata);
    if (metadata.type === 'body') {
      const lineProblems = multiLineTextOutsideFreeText(result, root);
      if (lineProblems.length > 0) throw new InvalidInputException(lineProblems);
    }
    return result;
  }
}

/** The pipe every app uses. */
export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe();
}

/** Path ids (`:id`, `:caseId`) are UUIDs everywhere in this API: refused here, naming the parameter. */
function isPathId(name: string | undefined): name is string {
  return name !== undefined && /^(id|\w+Id)$/.test(name);
}

function expectsObject(metadata: ArgumentMetadata): boolean {
  const { metatype } = metadata;
  return typeof metatype === 'function' && ![String, Number, Boolean, Array, Object].includes(metatype as never);
}

function isObjectOrAbsent(value: unknown): boolean {
  return value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));
}

/** Line breaks and tabs in a string of a DTO field not marked FreeText. */
function multiLineTextOutsideFreeText(dto: unknown, root: string): FieldError[] {
  const problems: FieldError[] = [];
  const pending: { value: unknown; path: string }[] = [{ value: dto, path: root }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, field] of Object.entries(value)) {
      const fieldPath = joinPath(path, key);
      const texts = typeof field === 'string' ? [field] : Array.isArray(field) ? field.filter(isString) : [];
      const freeText = !Array.isArray(value) && Reflect.getMetadata(FREE_TEXT, value, key) === true;
      // Strings inside an array were judged with the field that holds the array.
      if (Array.isArray(value) && typeof field === 'string') continue;
      if (!freeText && texts.some((text) => /[\t\n\r]/.test(text))) {
        problems.push({ field: fieldPath, messages: [`${fieldPath} must be one line without tabs`] });
      }
      if (typeof field === 'object') pending.push({ value: field, path: fieldPath });
    }
  }
  return problems;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
