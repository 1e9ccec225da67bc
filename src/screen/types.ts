// The shape of a sanctions or watch-list entry, as loaded from OFAC, UN, CSV or FollowTheMoney files.

export interface ListEntry {
  /** The list it comes from, e.g. "OFAC SDN" or "UN Consolidated". */
  list: string;
  /** The entry's id on that list (OFAC ent_num, UN DATAID/reference number). */
  id: string;
  /** The primary listed name. */
  name: string;
  /** Other listed names (a.k.a., f.k.a., UN aliases). */
  aliases: string[];
  /** 'person', 'organization', 'vessel', 'aircraft' or 'unknown'. */
  kind: 'person' | 'organization' | 'vessel' | 'aircraft' | 'unknown';
  /** Sanctions programmes (OFAC program codes, UN list type). */
  programmes: string[];
  /** Free-text remarks kept for display. */
  remarks: string | null;
  /** Aliases the list itself marks as weak (UN "Low" quality): matched, but never scored as certain. */
  weakAliases?: string[];
}
