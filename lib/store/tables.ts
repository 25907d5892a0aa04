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

/** Whose paper sheet an interaction entered by hand came from (Polis names whoever typed it in). */
export type PaperCreditRow = {
  organization_id: string;
  campaign_id: string;
  interaction_id: string;
  canvasser_id: string;
  entered_by: string;
  created: string;
};

export type StoreDatabase = {
  correction_log: CorrectionRow;
  review_resolution: ResolutionRow & { seq?: Generated<number> };
  review_call: CallRow;
  paper_credit: PaperCreditRow;
};
