/** The rows of the dashboard's own store, the same on SQLite and PostgreSQL. */
import type { Generated } from 'kysely';

/** One change of a correction, in words: a field from one value to another, or the canvasser's location moved. */
/** A change in words; a time is kept as instants (ISO) and shown on the campaign's clock wherever it is read. */
export type ChangeLine =
  | { label: string; before: string; after: string }
  | { label: 'Location'; movedMetres: number }
  | { label: string; beforeAt: string | null; afterAt: string | null };

export type CorrectionRow = {
  id: string;
  organization_id: string;
  campaign_id: string;
  interaction_id: string;
  action: 'correct' | 'delete' | 'create';
  user_id: string;
  user_name: string;
  reason: string;
  patch: string;
  etag_before: string | null;
  etag_after: string | null;
  created: string;
  /** The change in words (JSON of `ChangeLine[]`), with the values before; null on entries logged before it was kept. */
  changes: string | null;
};

/** An organization's choice of unit system (`metric` or `imperial`); absent while it has made none. */
export type OrganizationUnitsRow = {
  organization_id: string;
  unit_system: string;
  chosen_by: string;
  updated: string;
};

export type ResolutionRow = {
  id: string;
  organization_id: string;
  campaign_id: string;
  shift_key: string;
  canvasser_id: string;
  interaction_ids: string;
  status: 'looks-fine' | 'confirmed' | 'recontact';
  reason: string;
  rule_set_version: string;
  score: number;
  user_id: string;
  user_name: string;
  created: string;
};

export type CallRow = {
  id: string;
  resolution_id: string;
  organization_id: string;
  interaction_id: string;
  contact_id: string;
  name: string;
  phone: string;
  address: string;
  recorded: string;
  outcome: 'confirmed' | 'not-confirmed' | null;
  outcome_by: string | null;
  outcome_at: string | null;
};

export type SnapshotRow = {
  organization_id: string;
  campaign_id: string;
  format_version: number;
  watermark: string;
  created: string;
};

/** A snapshot's bytes, in order of `part`. */
export type SnapshotPartRow = { organization_id: string; campaign_id: string; part: number; data: Uint8Array };

export type LeaseRow = { organization_id: string; campaign_id: string; holder: string; expires: number | string };

export type CampaignSettingsRow = {
  organization_id: string;
  campaign_id: string;
  time_zone: string;
  /** `derived` from the households' coordinates, or `organizer` when someone chose it. */
  time_zone_source: 'derived' | 'organizer';
  updated_by: string | null;
  updated: string;
};

export type ChangeRow = { seq: Generated<number | string>; organization_id: string; campaign_id: string; instance: string; change: string; created: string };

export type PaperCreditRow = {
  organization_id: string;
  campaign_id: string;
  interaction_id: string;
  /** The canvasser whose paper sheet it was (Polis records the organizer who typed it). */
  canvasser_id: string;
  entered_by: string;
  created: string;
};

export type ReviewSettingsRow = {
  organization_id: string;
  campaign_id: string;
  /** JSON: where each changed threshold sits in the settings (`duplicateSeconds`, `farMetres.2`) → its value in the settings' own units. */
  thresholds: string;
  updated_by: string;
  updated: string;
};

export type StoreDatabase = {
  campaign_settings: CampaignSettingsRow;
  index_change: ChangeRow;
  index_snapshot: SnapshotRow;
  index_snapshot_part: SnapshotPartRow;
  index_lease: LeaseRow;
  correction_log: CorrectionRow;
  organization_units: OrganizationUnitsRow;
  review_resolution: ResolutionRow & { seq?: Generated<number> };
  review_call: CallRow;
  paper_credit: PaperCreditRow;
  review_settings: ReviewSettingsRow;
};
