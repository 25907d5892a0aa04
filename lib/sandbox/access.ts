/**
 * Access tokens and roles. A token is 32 random bytes shown once; only its
 * SHA-256 is stored (a fast hash is enough for a secret of that entropy).
 * Each token carries a snapshot of what its holder may do: the tenant, the
 * security groups it may read and write, and the role's permissions.
 *
 * @example
 *   const { token } = await issueAccessToken(db, { userId, organizationId });
 *   const caller = await authenticate(db, `Bearer ${token}`);
 *   requirePermission(caller, 'read@interactions');
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db';
import { ApiError } from './errors';
import { PERMISSIONS, type Permission } from '@/lib/polis/schemas';

export const ROLE_PERMISSIONS: Record<string, Permission[]> = {
  organizer: [...PERMISSIONS],
  viewer: ['read@interactions', 'read@contacts', 'read@surveys', 'read@campaigns', 'read@lists'],
  // What the Polis mobile app needs to record visits: read the work, insert interactions, change nothing else.
  canvasser: ['read@campaigns', 'read@lists', 'read@contacts', 'read@surveys', 'insert@interactions'],
};

export const ACCESS_TOKEN_TTL_SECONDS = 8 * 60 * 60;

export type Caller = {
  tokenId: string;
  userId: string;
  customerId: string;
  organizationId: string;
  role: string;
  permissions: ReadonlySet<string>;
  readGroups: string[];
  writeGroups: string[];
};

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function issueAccessToken(
  db: Db,
  options: { userId: string; organizationId: string; clientId?: string; authCodeId?: string; ttlSeconds?: number; now?: Date },
): Promise<{ token: string; expiresIn: number }> {
  const membership = await db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select(['memberships.role', 'organizations.customer_id', 'organizations.security_group_id'])
    .where('memberships.user_id', '=', options.userId)
    .where('memberships.organization_id', '=', options.organizationId)
    .executeTakeFirst();
  if (!membership) throw new Error(`user ${options.userId} is not a member of organization ${options.organizationId}`);
  const permissions = ROLE_PERMISSIONS[membership.role] ?? [];
  const canWrite = permissions.some((p) => !p.startsWith('read@'));
  const token = randomBytes(32).toString('base64url');
  const now = options.now ?? new Date();
  const ttl = options.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS;
  await db
    .insertInto('access_tokens')
    .values({
      id: randomUUID(),
      token_hash: hashToken(token),
      user_id: options.userId,
      customer_id: membership.customer_id,
      organization_id: options.organizationId,
      role: membership.role,
      permissions: JSON.stringify(permissions),
      read_groups: JSON.stringify([membership.security_group_id]),
      write_groups: JSON.stringify(canWrite ? [membership.security_group_id] : []),
      client_id: options.clientId ?? null,
      auth_code_id: options.authCodeId ?? null,
      created: now.toISOString(),
      expires_at: new Date(now.getTime() + ttl * 1000).toISOString(),
      revoked_at: null,
    })
    .execute();
  return { token, expiresIn: ttl };
}

const unauthorized = (code: string, message: string) =>
  new ApiError(401, code, message, undefined, {
    'WWW-Authenticate': `Bearer realm="polis", error="invalid_token", error_description="${message}"`,
  });

/** The caller behind an `Authorization: Bearer` header, or a 401 that says why not. */
export async function authenticate(db: Db, authorization: string | null, now = new Date()): Promise<Caller> {
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!match) {
    throw new ApiError(401, 'missing_token', 'Authorization: the request carries no bearer token', undefined, {
      'WWW-Authenticate': 'Bearer realm="polis"',
    });
  }
  const row = await db.selectFrom('access_tokens').selectAll().where('token_hash', '=', hashToken(match[1]!)).executeTakeFirst();
  if (!row) throw unauthorized('invalid_token', 'Authorization: the bearer token is unknown');
  if (row.revoked_at) throw unauthorized('invalid_token', 'Authorization: the bearer token was revoked');
  if (row.expires_at <= now.toISOString()) throw unauthorized('invalid_token', 'Authorization: the bearer token has expired');
  return {
    tokenId: row.id,
    userId: row.user_id,
    customerId: row.customer_id,
    organizationId: row.organization_id,
    role: row.role,
    permissions: new Set(JSON.parse(row.permissions) as string[]),
    readGroups: JSON.parse(row.read_groups) as string[],
    writeGroups: JSON.parse(row.write_groups) as string[],
  };
}

export function requirePermission(caller: Caller, permission: Permission): void {
  if (!caller.permissions.has(permission)) {
    throw new ApiError(403, 'forbidden', `the ${caller.role} role lacks the ${permission} permission`);
  }
}

export function requireWritableGroup(caller: Caller, securityGroupId: string): void {
  if (!caller.writeGroups.includes(securityGroupId)) {
    throw new ApiError(403, 'forbidden', `securityGroupId: you may not write to security group ${securityGroupId}`, [
      { path: '/securityGroupId', message: 'not a security group you may write to' },
    ]);
  }
}

/** A token for a seeded user by email: in the given organization, else the first by name. */
export async function issueAccessTokenForEmail(db: Db, email: string, organizationId?: string) {
  const membership = await db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.user_id', 'users.id')
    .innerJoin('organizations', 'organizations.id', 'memberships.organization_id')
    .select(['users.id as userId', 'memberships.organization_id as organizationId'])
    .where('users.email', '=', email.trim().toLowerCase())
    .$if(organizationId !== undefined, (q) => q.where('memberships.organization_id', '=', organizationId!))
    .orderBy('organizations.name')
    .executeTakeFirst();
  if (!membership) return null;
  return (await issueAccessToken(db, membership)).token;
}
