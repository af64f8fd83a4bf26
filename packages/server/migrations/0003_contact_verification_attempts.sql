-- 0003 contact verification attempts: a six-digit code can be guessed, so each code
-- allows a few wrong tries; after that its hash is cleared and a new code is needed.

-- wrong codes entered against the code currently sent (reset with every new code)
alter table contact_methods
  add column verification_attempts integer not null default 0;
