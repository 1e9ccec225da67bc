-- A statement's blocking keys are counted into corr_df by the save that writes them, one upsert per
-- distinct key of the document, rather than by a trigger firing for every corr_keys row (the
-- trigger was half of what writing the keys cost). Deletes still count down through corr_keys_ad.
DROP TRIGGER IF EXISTS corr_keys_ai;
