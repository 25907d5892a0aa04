/** The rows of the dashboard's own store, the same on SQLite and PostgreSQL. */
import type { Generated } from 'kysely';

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

export type StoreDatabase = {
  campaign_settings: CampaignSettingsRow;
  index_change: ChangeRow;
  index_snapshot: SnapshotRow;
  index_snapshot_part: SnapshotPartRow;
  index_lease: LeaseRow;
  correction_log: CorrectionRow;
  review_resolution: ResolutionRow & { seq?: Generated<number> };
  review_call: CallRow;
  paper_credit: PaperCreditRow;
};
