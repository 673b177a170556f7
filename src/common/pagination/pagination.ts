import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationError } from '../errors/app-error.js';
import { isInstant } from '../time/instant.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?limit=` (the README's API conventions): also on ranked lists, which have no further pages. */
export class LimitQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = DEFAULT_PAGE_SIZE;
}

/** `?limit=&cursor=` of every list (the README's API conventions). */
export class PageQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page’s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type CursorValue = string | number;
/** What each position of a cursor must hold; checked before any value reaches SQL. */
export type CursorPart = 'timestamp' | 'uuid' | 'integer' | 'text';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * A UTC instant as toISOString writes it, which is how our cursors hold one. Date.parse is far
 * looser ("2030", "2030 (anything)") and PostgreSQL refuses much of what it accepts.
 */
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const PART_CHECKS: Record<CursorPart, (value: unknown) => boolean> = {
  timestamp: (value) => typeof value === 'string' && UTC_INSTANT.test(value) && isInstant(value),
  uuid: (value) => typeof value === 'string' && UUID.test(value),
  integer: (value) => typeof value === 'string' && /^\d{1,18}$/.test(value),
  text: (value) => typeof value === 'string' && value.length <= 200 && !value.includes('\u0000'),
};

/** An opaque keyset cursor: the sort key of the last item of a page. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, shape: CursorPart[]): string[] | null {
  if (cursor === undefined) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === shape.length &&
      values.every((value, index) => PART_CHECKS[shape[index]](value))
    ) {
      return values as string[];
    }
  } catch {
    // Falls through to the validation error.
  }
  throw new ValidationError([{ field: 'cursor', message: 'cursor is not a valid page cursor' }]);
}

/**
 * Builds a page from `limit + 1` fetched rows: the extra row only says whether a next page exists.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  cursorOf: (row: Row) => CursorValue[],
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(cursorOf(pageRows[pageRows.length - 1])) : null,
  };
}
