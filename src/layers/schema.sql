-- schema.sql: the PostGIS sink's schema, as the statements it runs at every
-- open, in this order (compiled into the library; pgtext.c fills it in,
-- postgis.c runs it in one transaction).
--
-- A statement ends with ";" at the end of a line; lines that start with "--"
-- are comments. @S@ is the schema's name (one that needs no quoting:
-- gm__pg_valid_schema). The other @NAME@ parts are written from the tables the
-- layer files are written from, so the database and the files cannot drift:
--   @DOCUMENT_COLUMNS@  the documents table's columns (run.json's entries)
--   @COUNTRY_ROWS@      the countries the library holds (gazetteer/countries.tsv)
--   @FEATURE_TABLES@    a statement of its own: the mentions, demonyms and
--                       events tables with the layers' fields, the columns
--                       added since an older schema, and their indexes
--   @TYPE_COUNTS@       the daily view's count of events per type ...
--   @TYPE_COLUMNS@      ... and its columns, named as the daily layer's

CREATE SCHEMA IF NOT EXISTS "@S@";

CREATE TABLE IF NOT EXISTS "@S@".runs (run_id text PRIMARY KEY, started timestamptz NOT NULL,
  finished timestamptz, tool_version text, gazetteer text, gazetteer_checksum text, options text,
  documents integer, skipped integer, mentions integer, places integer, demonyms integer,
  events integer);

CREATE TABLE IF NOT EXISTS "@S@".documents (run_id text NOT NULL@DOCUMENT_COLUMNS@);

CREATE TABLE IF NOT EXISTS "@S@".gazetteer (place_id text PRIMARY KEY, name_ar text, name_en text,
  country text, admin1 text, feature text, population bigint, geom geometry(Point, 4326),
  admin1_id text);

-- a schema an older geomention made gets the columns added since
ALTER TABLE "@S@".gazetteer ADD COLUMN IF NOT EXISTS admin1_id text;

CREATE TABLE IF NOT EXISTS "@S@".countries (cca2 text PRIMARY KEY, cca3 text, ccn3 text,
  name_en text, acled_region text);

-- the country table the library holds, as it is in this version
INSERT INTO "@S@".countries (cca2, cca3, ccn3, name_en, acled_region) VALUES @COUNTRY_ROWS@
  ON CONFLICT (cca2) DO UPDATE SET cca3 = EXCLUDED.cca3, ccn3 = EXCLUDED.ccn3,
  name_en = EXCLUDED.name_en, acled_region = EXCLUDED.acled_region;

@FEATURE_TABLES@;

-- the views anew each run (a newer geomention may have changed them)
DROP VIEW IF EXISTS "@S@".places;
DROP VIEW IF EXISTS "@S@".daily;
DROP VIEW IF EXISTS "@S@".events_acled;

-- places: what the places layer holds, from the rows (background events are
-- history, not counted)
CREATE VIEW "@S@".places AS WITH
  m AS (SELECT place_id, count(*) AS mentions, count(DISTINCT doc_id) AS docs, min(date) AS d0,
        max(date) AS d1 FROM "@S@".mentions GROUP BY place_id),
  d AS (SELECT place_id, count(*) AS demonyms FROM "@S@".demonyms GROUP BY place_id),
  e AS (SELECT place_id, count(*) AS events, sum(fatalities) FILTER (WHERE fatalities > 0) AS fatalities,
        sum(injured) FILTER (WHERE injured > 0) AS injured, min(date) AS d0, max(date) AS d1
        FROM "@S@".events WHERE background = 0 AND place_id IS NOT NULL GROUP BY place_id)
  SELECT g.place_id, g.name_ar, g.name_en, g.country, g.admin1, g.feature,
    coalesce(m.mentions, 0)::integer AS mentions, coalesce(m.docs, 0)::integer AS docs,
    least(m.d0, e.d0) AS first_date, greatest(m.d1, e.d1) AS last_date,
    coalesce(d.demonyms, 0)::integer AS demonyms, coalesce(e.events, 0)::integer AS events,
    coalesce(e.fatalities, 0)::integer AS fatalities, coalesce(e.injured, 0)::integer AS injured,
    c.cca3 AS iso3, g.admin1_id, g.geom
  FROM "@S@".gazetteer g LEFT JOIN m USING (place_id) LEFT JOIN d USING (place_id)
    LEFT JOIN e USING (place_id) LEFT JOIN "@S@".countries c ON c.cca2 = g.country
  WHERE m.place_id IS NOT NULL OR d.place_id IS NOT NULL OR e.place_id IS NOT NULL;

-- daily: one row per place (or none) and date, events per type; the rows of
-- both tables in one GROUP BY, which takes NULL (no place, no date) as a key
-- like any other
CREATE VIEW "@S@".daily AS WITH
  u AS (SELECT place_id, date, 1 AS mentions, 0 AS events, 0 AS fatalities, 0 AS injured,
        NULL::text AS type FROM "@S@".mentions
        UNION ALL SELECT place_id, date, 0, 1, greatest(fatalities, 0), greatest(injured, 0), type
        FROM "@S@".events WHERE background = 0),
  k AS (SELECT place_id, date, sum(mentions)::integer AS mentions, sum(events)::integer AS events,
        coalesce(sum(fatalities), 0)::integer AS fatalities,
        coalesce(sum(injured), 0)::integer AS injured@TYPE_COUNTS@
        FROM u GROUP BY place_id, date)
  SELECT k.place_id, g.name_ar, g.name_en, g.country, k.date, k.mentions, k.events, k.fatalities,
    k.injured@TYPE_COLUMNS@, g.geom
  FROM k LEFT JOIN "@S@".gazetteer g USING (place_id);

-- events_acled: events.csv's rows (acled.c), ACLED's names; timestamp is when
-- the run that wrote the row ended
CREATE VIEW "@S@".events_acled AS SELECT e.event_id AS event_id_cnty, e.date AS event_date,
    extract(year FROM e.date)::integer AS year, CASE WHEN e.date IS NOT NULL THEN 1 END AS time_precision,
    CASE WHEN e.event_type IS NULL THEN NULL
      WHEN e.event_type IN ('Protests', 'Riots') THEN 'Demonstrations'
      WHEN e.event_type = 'Strategic developments' THEN 'Strategic developments'
      ELSE 'Political violence' END AS disorder_type,
    e.event_type, e.sub_type AS sub_event_type,
    NULL::text AS actor1, NULL::text AS assoc_actor_1, NULL::text AS inter1,
    NULL::text AS actor2, NULL::text AS assoc_actor_2, NULL::text AS inter2, NULL::text AS interaction,
    CASE WHEN e.event_type = 'Violence against civilians' THEN 'Civilian targeting' END AS civilian_targeting,
    nullif(c.ccn3, '')::integer AS iso, c.acled_region AS region, c.name_en AS country,
    e.admin1, NULL::text AS admin2, NULL::text AS admin3, e.name_en AS location,
    round(ST_Y(e.geom)::numeric, 4) AS latitude, round(ST_X(e.geom)::numeric, 4) AS longitude,
    e.precision AS geo_precision, coalesce(e.source, substring(e.url FROM '://([^/?#:]+)')) AS source,
    NULL::text AS source_scale, e.snippet AS notes, greatest(coalesce(e.fatalities, 0), 0) AS fatalities,
    CASE WHEN e.injured >= 0 THEN 'injured=' || e.injured END AS tags,
    extract(epoch FROM r.finished)::bigint AS timestamp, e.geom
  FROM "@S@".events e LEFT JOIN "@S@".countries c ON c.cca2 = e.country
    LEFT JOIN "@S@".runs r USING (run_id)
  WHERE e.place_id IS NOT NULL AND e.background = 0;
