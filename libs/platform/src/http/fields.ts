import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformTo } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BooleanParam } from './query-params';
import { CALENDAR_DATE, FreeText, ORGANISATION_ID } from './validation';

/**
 * What OpenAPI shows of a field; `optional` lets the field be left out (and OpenAPI says so, unless
 * `required` says it is required by a rule other than validation's).
 */
export type FieldDoc = ApiPropertyOptions & { readonly optional?: boolean };

function documented({ optional = false, ...doc }: FieldDoc, ...rules: PropertyDecorator[]): PropertyDecorator {
  const described = optional && doc.required === undefined ? ApiPropertyOptional(doc) : ApiProperty(doc);
  return applyDecorators(described, ...(optional ? [IsOptional()] : []), ...rules);
}

/** Text of `min` (default 1) to `max` characters, one line unless `freeText`; `nonBlank`: not only spaces. */
function TextField({
  max,
  min = 1,
  nonBlank = false,
  freeText = false,
  ...doc
}: FieldDoc & { max: number; min?: number; nonBlank?: boolean; freeText?: boolean }): PropertyDecorator {
  return documented(
    doc,
    IsString(),
    ...(nonBlank ? [Matches(/\S/, { message: '$property must not be blank' })] : []),
    ...(min > 0 ? [MinLength(min)] : []),
    MaxLength(max),
    ...(freeText ? [FreeText()] : []),
  );
}

/**
 * A reason a person writes for a decision (rejecting an approval, closing or transferring a case):
 * free text of up to 2,000 characters that says something, so a blank one is refused naming the field.
 */
function WrittenReason(doc: FieldDoc = {}): PropertyDecorator {
  return TextField({ ...doc, max: 2000, min: 0, nonBlank: true, freeText: true });
}

/** A calendar day as YYYY-MM-DD that exists. */
function CalendarDateField(doc: FieldDoc = {}): PropertyDecorator {
  return documented(
    doc,
    Matches(CALENDAR_DATE, { message: '$property must be a date as YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a real calendar date' }),
  );
}

/** A date and time with its time zone (Z or an offset), so it is one moment wherever it is read. */
function DateTimeField(doc: FieldDoc = {}): PropertyDecorator {
  return documented(
    doc,
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date-time' }),
    Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: '$property must include a time and a time zone' }),
  );
}

/** A whole number from `min` to `max` (OpenAPI's minimum and maximum). */
function IntegerField({ min, max, ...doc }: FieldDoc & { min: number; max: number }): PropertyDecorator {
  return documented({ minimum: min, maximum: max, ...doc }, IsInt(), Min(min), Max(max));
}

function BooleanField(doc: FieldDoc = {}): PropertyDecorator {
  return documented(doc, IsBoolean());
}

/** One of `values`; `message` replaces class-validator's list of them. */
function EnumField(
  values: readonly string[],
  { message, ...doc }: FieldDoc & { message?: string } = {},
): PropertyDecorator {
  return documented({ enum: values, ...doc }, IsIn(values, message === undefined ? {} : { message }));
}

/**
 * A list of `values`, each at most once unless `repeats`, at most `maxSize` long (default: all of
 * them); `atLeastOne` is the message refusing an empty list, when one is needed.
 */
function EnumListField(
  values: readonly string[],
  {
    atLeastOne,
    maxSize = values.length,
    repeats = false,
    ...doc
  }: FieldDoc & { atLeastOne?: string; maxSize?: number; repeats?: boolean },
): PropertyDecorator {
  return documented(
    { enum: values, isArray: true, ...doc },
    IsArray(),
    ...(atLeastOne === undefined ? [] : [ArrayMinSize(1, { message: atLeastOne })]),
    ArrayMaxSize(maxSize),
    ...(repeats ? [] : [ArrayUnique()]),
    IsIn(values, { each: true }),
  );
}

/** An object validated against its own DTO class. */
function NestedField(dto: new () => object, doc: FieldDoc = {}): PropertyDecorator {
  return documented(
    { type: dto, ...doc },
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    TransformTo(() => dto),
  );
}

/** An organisation id, as the tokens' `org` claim carries them; the message quotes the example. */
function OrganisationIdField(doc: FieldDoc & { example: string }): PropertyDecorator {
  return documented(
    doc,
    IsString(),
    Matches(ORGANISATION_ID, { message: `$property must be an organisation id such as ${doc.example}` }),
  );
}

/** A country as its ISO 3166-1 alpha-2 code; the message quotes the example. */
function CountryCodeField(doc: FieldDoc & { example: string }): PropertyDecorator {
  return documented(
    doc,
    Matches(/^[A-Z]{2}$/, { message: `$property must be an ISO 3166-1 alpha-2 code such as ${doc.example}` }),
  );
}

/**
 * Body and query fields as one decorator each, e.g. `@Field.text({ max: 200, example: 'Bakı' })`:
 * what OpenAPI says of the field and the rules the validation pipe applies to it come from the same
 * line, so they cannot drift apart. Messages name the field (`$property`), so a problem+json says
 * which one is wrong. A field none of these fits states its decorators itself.
 */
export const Field = {
  text: TextField,
  writtenReason: WrittenReason,
  calendarDate: CalendarDateField,
  dateTime: DateTimeField,
  integer: IntegerField,
  boolean: BooleanField,
  oneOf: EnumField,
  listOf: EnumListField,
  nested: NestedField,
  organisationId: OrganisationIdField,
  countryCode: CountryCodeField,
  booleanFilter: BooleanParam,
} as const;
