-- scripts/sql/dashboard.sql: what a regional reporting dashboard (Superset, Metabase,
-- Grafana, QGIS on a shared database) asks of a schema geomention map --pg fills.
-- Each query follows a "-- query: NAME" line; run them with psql -v schema=geomention
-- (scripts/dashboard-example does). tests/pg checks every answer against the layer
-- files of the same run. "This week" is the seven days up to the latest date in the
-- database, so that an archive answers as a live feed would (a live dashboard writes
-- current_date there).

-- query: events_per_type_per_day_per_admin1
-- events told as news (not history) at a place, per day, first-level division and type
SELECT e.date, e.country, e.admin1, e.type, count(*) AS events,
       coalesce(sum(e.fatalities) FILTER (WHERE e.fatalities > 0), 0) AS fatalities
FROM :"schema".events e
WHERE e.background = 0 AND e.place_id IS NOT NULL
GROUP BY e.date, e.country, e.admin1, e.type
ORDER BY e.date, e.country, e.admin1, e.type;

-- query: top_places_this_week
-- the ten places most mentioned in the last seven days, with their events
SELECT d.place_id, d.name_en, d.name_ar, d.country, sum(d.mentions) AS mentions, sum(d.events) AS events
FROM :"schema".daily d
WHERE d.place_id IS NOT NULL
  AND d.date > (SELECT max(date) FROM :"schema".daily) - 7
GROUP BY d.place_id, d.name_en, d.name_ar, d.country
ORDER BY mentions DESC, events DESC, d.place_id
LIMIT 10;

-- query: fatalities_by_country
-- ACLED's reading: events_acled, fatalities 0 where the text gives none
SELECT a.iso, a.country, a.region, count(*) AS events, sum(a.fatalities) AS fatalities
FROM :"schema".events_acled a
GROUP BY a.iso, a.country, a.region
ORDER BY fatalities DESC, events DESC, a.country;
