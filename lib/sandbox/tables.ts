/**
 * Row types of the sandbox database, as Kysely sees them. Resource tables
 * keep the whole `data` object as JSON and expose every attribute a client
 * may filter or sort on as a generated, indexed column beside it.
 */
import type { Generated } from 'kysely';

/** Columns every Polis resource table shares (the envelope and `meta`). */
export interface ResourceRow {
  id: string;
  customer_id: string;
  security_group_id: string;
  data: string;
  created: string;
  created_by: string;
  modified: string;
  modified_by: string;
  etag: string;
  is_deleted: Generated<number>;
}

export interface InteractionRow extends ResourceRow {
  request_hash: string;
  campaign_id: Generated<string>;
  contact_id: Generated<string>;
  list_id: Generated<string>;
  survey_id: Generated<string>;
  walklist_id: Generated<string | null>;
  timestamp: Generated<string>;
  successful: Generated<number | null>;
  unavailable: Generated<number>;
  unavailable_reason: Generated<string | null>;
  distance: Generated<number | null>;
  lat: Generated<number | null>;
  lng: Generated<number | null>;
  confidence: Generated<number | null>;
}

export interface ContactRow extends ResourceRow {
  list_id: Generated<string>;
  first_name: Generated<string>;
  last_name: Generated<string>;
  address: Generated<string | null>;
  postal_code: Generated<string | null>;
  contacted: Generated<number | null>;
}

export interface SurveyRow extends ResourceRow {
  campaign_id: Generated<string>;
  name: Generated<string>;
}

export interface CampaignRow extends ResourceRow {
  organization_id: Generated<string>;
  name: Generated<string>;
  status: Generated<string>;
}

export interface ListRow extends ResourceRow {
  organization_id: Generated<string>;
  name: Generated<string>;
}

export interface UserRow extends ResourceRow {
  email: Generated<string>;
  password_hash: string | null;
}

export interface CustomerRow {
  id: string;
  name: string;
}

export interface OrganizationRow {
  id: string;
  customer_id: string;
  name: string;
  security_group_id: string;
}

export interface MembershipRow {
  user_id: string;
  organization_id: string;
  role: string;
}

export interface AccessTokenRow {
  id: string;
  token_hash: string;
  user_id: string;
  customer_id: string;
  organization_id: string;
  role: string;
  /** JSON array of `verb@resource` strings. */
  permissions: string;
  /** JSON arrays of security group ids. */
  read_groups: string;
  write_groups: string;
  /** Set when the token was issued through the OAuth code flow. */
  client_id: string | null;
  auth_code_id: string | null;
  created: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface OAuthClientRow {
  id: string;
  name: string;
  secret_hash: string;
  /** JSON array of the exact redirect URIs registered for the client. */
  redirect_uris: string;
  created: string;
}

export interface OAuthCodeRow {
  id: string;
  code_hash: string;
  client_id: string;
  redirect_uri: string;
  user_id: string;
  organization_id: string;
  created: string;
  expires_at: string;
  used_at: string | null;
  /** The S256 PKCE challenge the authorize request carried, if any. */
  code_challenge: string | null;
}

export interface SandboxDatabase {
  oauth_clients: OAuthClientRow;
  oauth_codes: OAuthCodeRow;
  customers: CustomerRow;
  organizations: OrganizationRow;
  memberships: MembershipRow;
  access_tokens: AccessTokenRow;
  users: UserRow;
  campaigns: CampaignRow;
  lists: ListRow;
  surveys: SurveyRow;
  contacts: ContactRow;
  interactions: InteractionRow;
}

export type ResourceTable = 'users' | 'campaigns' | 'lists' | 'surveys' | 'contacts' | 'interactions';
