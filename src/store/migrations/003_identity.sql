-- Identity resolution (src/identity): normalised records, resolved persons, the links between
-- them, lookup keys for analytics, manual overrides, the audit log and the fitted model.

-- cx_norm_email(e): the SQL twin of src/identity/normalise-email.ts (a test checks they agree).
-- Trim (spaces, tabs, newlines, NBSP), lower-case, require local@domain.tld, googlemail → gmail,
-- drop +tags at providers with sub-addressing, drop dots in Gmail local parts.
-- Plain string functions, no regular expressions (analytics join activity e-mails through this):
-- shape = no whitespace inside, exactly one '@' with text before it, and a '.' in the domain that
-- is neither its first nor its last character (the regex ^[^@\s]+@[^@\s]+\.[^@\s]+$).
CREATE MACRO cx_email_ws() AS chr(32) || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(160);
CREATE MACRO cx_email_shaped(t, pos) AS
  pos > 1
  AND strpos(substr(t, pos + 1), '@') = 0
  AND contains(substr(t, pos + 2, length(t) - pos - 2), '.')
  AND length(translate(t, cx_email_ws(), '')) = length(t);
CREATE MACRO cx_email_domain(t, pos) AS
  CASE WHEN substr(t, pos + 1) = 'googlemail.com' THEN 'gmail.com' ELSE substr(t, pos + 1) END;
CREATE MACRO cx_email_untag(l, d) AS
  CASE WHEN d IN ('gmail.com', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'me.com',
                  'fastmail.com', 'protonmail.com', 'proton.me')
       THEN split_part(l, '+', 1) ELSE l END;
CREATE MACRO cx_email_local(l, d) AS
  CASE WHEN d = 'gmail.com' THEN replace(cx_email_untag(l, d), '.', '') ELSE cx_email_untag(l, d) END;
CREATE MACRO cx_email_join(l, d) AS CASE WHEN l = '' THEN NULL ELSE l || '@' || d END;
CREATE MACRO cx_email_parts(t, pos) AS
  CASE WHEN cx_email_shaped(t, pos)
       THEN cx_email_join(cx_email_local(left(t, pos - 1), cx_email_domain(t, pos)), cx_email_domain(t, pos))
       ELSE NULL END;
CREATE MACRO cx_email_trimmed(t) AS cx_email_parts(t, strpos(t, '@'));
CREATE MACRO cx_norm_email(e) AS cx_email_trimmed(lower(trim(e, cx_email_ws())));

-- One row per customer record, with the normalised fields the matcher compares. rid is a dense
-- integer id (0..n-1) so candidate pairs are two integers; rebuilt on a full run, appended to
-- on an incremental one.
CREATE TABLE identity_records (
  rid INTEGER NOT NULL,
  record_key VARCHAR NOT NULL,        -- '<source>:<source_id>'
  source VARCHAR NOT NULL,
  source_id VARCHAR NOT NULL,
  user_id VARCHAR,
  email VARCHAR,                      -- cx_norm_email
  phone VARCHAR,                      -- E.164
  first_name VARCHAR,                 -- normaliseFirstName (nicknames mapped)
  last_name VARCHAR,                  -- normaliseName
  birth_date DATE,
  address VARCHAR,
  postcode VARCHAR,
  city VARCHAR,
  national_id VARCHAR,                -- attributes.national_id (tax / social security id)
  first_initial VARCHAR,
  last_key VARCHAR,                   -- soundex(last_name)
  birth_year INTEGER,
  email_local VARCHAR,
  phone_tail VARCHAR,                 -- last 6 digits
  created_at TIMESTAMP
);

-- The resolved customer with its golden record (survivorship rules in golden-record.ts).
CREATE TABLE persons (
  person_id VARCHAR NOT NULL,
  user_id VARCHAR,
  email VARCHAR,
  phone VARCHAR,
  first_name VARCHAR,
  last_name VARCHAR,
  birth_date DATE,
  address VARCHAR,
  postcode VARCHAR,
  city VARCHAR,
  country VARCHAR,
  record_count INTEGER NOT NULL,
  sources VARCHAR[] NOT NULL,
  first_seen_at TIMESTAMP,
  updated_at TIMESTAMP NOT NULL
);

-- Source record → person, with the strongest rule that put it there.
CREATE TABLE identity_links (
  source VARCHAR NOT NULL,
  source_id VARCHAR NOT NULL,
  record_key VARCHAR NOT NULL,
  person_id VARCHAR NOT NULL,
  rule VARCHAR NOT NULL,              -- email | phone | user_id | probabilistic | must_link | singleton
  match_probability DOUBLE,
  linked_at TIMESTAMP NOT NULL
);

-- Lookup keys for analytics (person-ref.ts): each (key_kind, key) names one person.
CREATE TABLE person_keys (
  key_kind VARCHAR NOT NULL,          -- record | email | user_id | anonymous_id
  key VARCHAR NOT NULL,
  person_id VARCHAR NOT NULL
);

-- Manual decisions between two record keys; every later run respects them.
CREATE TABLE identity_overrides (
  kind VARCHAR NOT NULL,              -- must_link | cannot_link
  record_a VARCHAR NOT NULL,
  record_b VARCHAR NOT NULL,
  note VARCHAR,
  created_at TIMESTAMP NOT NULL
);

-- Merges and splits of persons between runs, and manual actions.
CREATE TABLE identity_log (
  logged_at TIMESTAMP NOT NULL,
  run_id VARCHAR,
  action VARCHAR NOT NULL,            -- merge | split | split_record | must_link | cannot_link
  person_id VARCHAR NOT NULL,
  related VARCHAR[] NOT NULL,         -- the other person ids (merged in, or split off)
  record_count INTEGER,
  detail VARCHAR
);

-- The Fellegi–Sunter model of the latest full run: m and u per comparison level.
CREATE TABLE identity_model (
  field VARCHAR NOT NULL,
  level INTEGER NOT NULL,
  label VARCHAR NOT NULL,
  m DOUBLE NOT NULL,
  u DOUBLE NOT NULL,
  m_estimated BOOLEAN NOT NULL
);

-- One row per resolve run; lambda and threshold of the latest full run are the model's prior.
CREATE TABLE identity_runs (
  run_id VARCHAR NOT NULL,
  mode VARCHAR NOT NULL,              -- full | incremental
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  prior DOUBLE NOT NULL,               -- lambda: P(two random records match)
  threshold DOUBLE NOT NULL,
  records INTEGER NOT NULL,
  candidate_pairs BIGINT NOT NULL,
  persons INTEGER NOT NULL,
  stats JSON
);
