/**
 * Applies a client's RFC 6902 patch to a resource's `data` with
 * fast-json-patch, refusing paths that name server-owned or read-only
 * attributes. Nothing is mutated: a failing patch leaves `data` as it was.
 *
 * @example
 *   applyDataPatch({ successful: false }, [{ op: 'replace', path: '/successful', value: true }]);
 *   // { successful: true }
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import { ApiError } from './errors';
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
    throw new ApiError(400, 'invalid_patch', `${at}: "${pointer}" is not a JSON pointer (it must start with /)`, [
      { path: at, message: 'not a JSON pointer' },
    ]);
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

export function applyDataPatch<T>(data: T, operations: PatchOperation[], readOnly: ReadonlySet<string> = new Set()): unknown {
  operations.forEach((op, index) => {
    checkPath(index, 'path', op.path, readOnly);
    if ('from' in op) checkPath(index, 'from', op.from, readOnly);
  });
  try {
    return jsonpatch.applyPatch(structuredClone(data), operations as Operation[], true, true).newDocument;
  } catch (error) {
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
