/**
 * Applies a client's RFC 6902 patch to a resource's `data` with
 * fast-json-patch, refusing paths that name server-owned or read-only
 * attributes. Nothing is mutated: a failing patch leaves `data` as it was.
 * A patch is bounded in operations, in the size of the document after each
 * operation (so `copy` cannot double it until memory runs out) and in time.
 *
 * @example
 *   applyDataPatch({ successful: false }, [{ op: 'replace', path: '/successful', value: true }]);
 *   // { successful: true }
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import { ApiError } from './errors';
import { MAX_PATCH_OPERATIONS, MAX_PATCHED_DOCUMENT_BYTES, PATCH_TIME_LIMIT_MS } from './limits';
import type { PatchOperation } from '@/lib/polis/schemas';

/** Envelope attributes: patch paths are relative to `data`, so these can never be patched. */
const SERVER_OWNED = new Set(['id', 'customerId', 'securityGroupId', 'meta']);

const REASONS: Record<string, string> = {
  OPERATION_PATH_UNRESOLVABLE: 'the path does not exist',
  OPERATION_FROM_UNRESOLVABLE: 'the from path does not exist',
  OPERATION_PATH_INVALID: 'the path is not a valid JSON pointer',
  OPERATION_PATH_CANNOT_ADD: 'the parent of the path does not exist',
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'the array index is not valid',
  OPERATION_VALUE_OUT_OF_BOUNDS: 'the array index is out of bounds',
  OPERATION_VALUE_REQUIRED: 'the operation needs a value',
  OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED: 'the value contains undefined',
  OPERATION_OP_INVALID: 'the op is not one of add, remove, replace, move, copy, test',
};

function checkPath(index: number, field: 'path' | 'from', pointer: string, readOnly: ReadonlySet<string>) {
  const at = `/data/${index}/${field}`;
  if (pointer !== '' && !pointer.startsWith('/')) {
    throw new ApiError(400, 'invalid_patch', `${at}: "${pointer}" is not a JSON pointer (it must start with /)`, [{ path: at, message: 'not a JSON pointer' }]);
  }
  const first = pointer.split('/')[1] ?? '';
  if (SERVER_OWNED.has(first)) {
    const message = `"${pointer}" names ${first}, which the server owns; patch paths are relative to data`;
    throw new ApiError(400, 'invalid_patch', `${at}: ${message}`, [{ path: at, message }]);
  }
  if (readOnly.has(first) || (pointer === '' && readOnly.size > 0)) {
    const message = `"${pointer}" would change ${pointer === '' ? 'read-only attributes' : first}, which is read-only`;
    throw new ApiError(400, 'invalid_patch', `${at}: ${message}`, [{ path: at, message }]);
  }
}

export type PatchLimits = { operations: number; documentBytes: number; milliseconds: number };

export const PATCH_LIMITS: PatchLimits = {
  operations: MAX_PATCH_OPERATIONS,
  documentBytes: MAX_PATCHED_DOCUMENT_BYTES,
  milliseconds: PATCH_TIME_LIMIT_MS,
};

export function applyDataPatch<T>(
  data: T,
  operations: PatchOperation[],
  readOnly: ReadonlySet<string> = new Set(),
  limits: PatchLimits = PATCH_LIMITS,
): unknown {
  if (operations.length > limits.operations) {
    const message = `${operations.length} operations is more than the limit of ${limits.operations} operations in one patch`;
    throw new ApiError(400, 'invalid_patch', `/data: ${message}`, [{ path: '/data', message }]);
  }
  operations.forEach((op, index) => {
    checkPath(index, 'path', op.path, readOnly);
    if ('from' in op) checkPath(index, 'from', op.from, readOnly);
  });
  const started = performance.now();
  try {
    let document: unknown = structuredClone(data);
    for (let index = 0; index < operations.length; index++) {
      document = jsonpatch.applyOperation(document, operations[index] as Operation, true, true, true, index).newDocument;
      const bytes = Buffer.byteLength(JSON.stringify(document) ?? '');
      if (bytes > limits.documentBytes) {
        const message = `the document would grow to ${bytes} bytes, more than the limit of ${limits.documentBytes / 1024} KB (${limits.documentBytes} bytes)`;
        throw new ApiError(413, 'payload_too_large', `/data/${index}: ${message}; nothing was changed`, [{ path: `/data/${index}`, message }]);
      }
      if (performance.now() - started > limits.milliseconds && index < operations.length - 1) {
        const message = `the patch took longer than the limit of ${limits.milliseconds} ms to apply`;
        throw new ApiError(413, 'payload_too_large', `/data/${index}: ${message}; nothing was changed`, [{ path: `/data/${index}`, message }]);
      }
    }
    return document;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (!(error instanceof jsonpatch.JsonPatchError)) {
      // fast-json-patch throws a plain TypeError for paths through __proto__ or constructor/prototype.
      const message = 'the path is not allowed';
      throw new ApiError(400, 'invalid_patch', `/data: ${message} (${(error as Error).message.split('\n')[0]})`, [{ path: '/data', message }]);
    }
    const index = error.index ?? 0;
    const pointer = operations[index]?.path ?? '';
    const at = `/data/${index}`;
    if (error.name === 'TEST_OPERATION_FAILED') {
      throw new ApiError(409, 'patch_test_failed', `${at}: the test of "${pointer}" failed; nothing was changed`, [
        { path: at, message: `test of ${pointer} failed` },
      ]);
    }
    const reason = REASONS[error.name] ?? 'the operation cannot be applied';
    throw new ApiError(400, 'invalid_patch', `${at}: ${reason} ("${pointer}")`, [{ path: at, message: reason }]);
  }
}
