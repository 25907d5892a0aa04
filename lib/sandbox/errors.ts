/**
 * The sandbox's one error type: a status, a machine code and a message that
 * names the field or token at fault, rendered as the contract's error body.
 */
import type { z } from 'zod';
import type { ErrorBody } from '@/lib/polis/schemas';

export type ErrorDetail = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { status: this.status, code: this.code, message: this.message };
    if (this.details?.length) error.details = this.details;
    return { error };
  }
}

/** `['data', 'survey', 'surveyId']` → `/data/survey/surveyId` (RFC 6901). */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => '/' + String(key).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A zod failure as a 400 whose message names the first field at fault. */
export function validationError(error: z.ZodError, prefix: readonly PropertyKey[] = []): ApiError {
  const details = error.issues.map((issue) => ({
    path: toPointer([...prefix, ...issue.path]) || '/',
    message: issue.message,
  }));
  const first = details[0]!;
  const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
  return new ApiError(400, 'invalid_object', `${first.path}: ${first.message}${more}`, details);
}

export const notFound = (resource: string, id: string) => new ApiError(404, 'not_found', `no ${resource.replace(/s$/, '')} with id ${id}`);
