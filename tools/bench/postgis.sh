#!/bin/sh
# PostGIS comparison for `korpu bench engine`: the 10 nearest of the same 100,000 candidate
# points with the KNN operator `<->` (GiST index), in a throwaway database.
# Usage: korpu bench engine --only none --write-points /tmp/pg-points
#        tools/bench/postgis.sh /tmp/pg-points [postgres://postgres@127.0.0.1:5432]
set -eu
dir=${1:?points folder}
base=${2:-postgres://postgres@127.0.0.1:5432}
db=korpu_postgis_bench
psql -q "$base/postgres" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -q "$base/$db" <<SQL
CREATE EXTENSION postgis;
CREATE TABLE candidates (id bigint PRIMARY KEY, lon double precision, lat double precision);
CREATE TABLE clients (id bigint PRIMARY KEY, lon double precision, lat double precision);
\copy candidates FROM '$dir/candidates.csv' WITH (FORMAT csv)
\copy clients FROM '$dir/clients.csv' WITH (FORMAT csv)
ALTER TABLE candidates ADD COLUMN geom geometry(Point, 4326);
UPDATE candidates SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326);
ALTER TABLE clients ADD COLUMN geom geometry(Point, 4326);
UPDATE clients SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326);
CREATE INDEX ON candidates USING gist (geom);
VACUUM ANALYZE candidates;
VACUUM ANALYZE clients;
SQL
n=$(psql -Atq "$base/$db" -c "SELECT count(*) FROM clients")
# Server-side: every client's 10 nearest, timed inside the server (no round trips), twice
# (the first pass warms the cache); the second is reported.
for pass in warm-up timed; do
psql -Atq "$base/$db" <<SQL
DO \$\$
DECLARE q record; t0 timestamptz; total interval := '0'; ids bigint[];
BEGIN
  FOR q IN SELECT geom FROM clients ORDER BY id LOOP
    t0 := clock_timestamp();
    SELECT array_agg(id) INTO ids FROM (SELECT id FROM candidates ORDER BY geom <-> q.geom LIMIT 10) s;
    total := total + (clock_timestamp() - t0);
  END LOOP;
  RAISE NOTICE '$pass: PostGIS <-> 10 nearest of 100,000 points, in the server: % µs per query (mean of $n)',
    round(extract(epoch FROM total) * 1e6 / $n, 1);
END \$\$;
SQL
done
# Through a client connection, as an application would ask (pgbench, one connection).
cat > /tmp/postgis-knn.sql <<'SQL'
\set i random(1, 2000)
SELECT id FROM candidates ORDER BY geom <-> (SELECT geom FROM clients WHERE id = :i) LIMIT 10;
SQL
pgbench -n -c 1 -T 10 -f /tmp/postgis-knn.sql "$base/$db" | grep -E "latency average|tps"
