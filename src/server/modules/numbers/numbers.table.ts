/** A document number (文号) the server issued: never typed, never reissued, never deleted. */
export interface DocumentNumberTable {
  id: string;
  /** The kind of document, e.g. 'inspection_notice'; each series counts from 1 every year. */
  series: string;
  year: number;
  seq: number;
  /** As issued, in the format set for the series (e.g. 郴市监质〔2026〕3号). */
  number: string;
  subject_type: string;
  subject_id: string;
  /** Why a subject got a further number (empty for its first). */
  reason: string;
  issued_by: string | null;
  issued_at: string;
}

/** The last number issued in a series and year: the row each issue locks. */
export interface DocumentNumberCounterTable {
  series: string;
  year: number;
  last: number;
}
