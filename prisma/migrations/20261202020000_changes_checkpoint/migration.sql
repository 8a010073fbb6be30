-- Vendors whose change listing resumes from a token of theirs (Microsoft Graph's deltaLink): the last
-- listing's checkpoint, passed to the next change listing. Not a credential (it reads nothing without
-- an access token).
ALTER TABLE "integrations" ADD COLUMN "changes_checkpoint" TEXT;
