-- Operator-level state cleanup on a regular join (STATE_CLEANUP, a Freshet extension;
-- docs/dialect.md). A logistics waybill stays open for days or weeks, far longer than the job's
-- 1-day state TTL: under that TTL a late status change would find its route gone and come out
-- unmatched. Each join input gets its own rule instead: a waybill is kept 30 days, and cleared as
-- soon as it is signed or has been open 15 days by its own timestamps (business time, not
-- processing time); the route dimension is kept 90 days.
--   src_waybill_events   scan events of waybills (datagen; a stage 1..4 per scan)
--   ods_waybills         the current row of each waybill as a CDC topic (-U/+U per change)
--   dim_routes           the route dimension (bounded datagen)
--   dwd_waybill_routes   waybills with their route (changelog topic)
-- Run it: npx freshet run examples/logistics-cleanup.sql --json

SET 'execution.checkpointing.interval' = '10 s';
SET 'table.exec.state.ttl' = '1 d';
SET 'sim.duration' = '5 min';

CREATE TABLE src_waybill_events (
  waybill_id BIGINT,
  stage      INT,
  event_time TIMESTAMP(3)
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '40',
  'fields.waybill_id.min' = '1',
  'fields.waybill_id.max' = '3000',
  'fields.stage.min' = '1',
  'fields.stage.max' = '4',
  -- scans of one waybill spread over the last 20 days
  'fields.event_time.max-past' = '20 d'
);

CREATE TABLE ods_waybills (
  waybill_id  BIGINT,
  route_id    INT,
  status      STRING,
  create_time TIMESTAMP(3),
  update_time TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'ods_waybills',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'changelog-json'
);

CREATE TABLE dim_routes (
  route_id    INT,
  carrier     STRING,
  opened_time TIMESTAMP(3)
) WITH (
  'connector' = 'datagen',
  'fields.route_id.kind' = 'sequence',
  'fields.route_id.start' = '1',
  'fields.route_id.end' = '50',
  'fields.carrier.values' = 'SF,JD,ZTO,YTO',
  'fields.opened_time.max-past' = '90 d'
);

CREATE TABLE dwd_waybill_routes (
  waybill_id  BIGINT,
  status      STRING,
  create_time TIMESTAMP(3),
  update_time TIMESTAMP(3),
  route_id    INT,
  carrier     STRING
) WITH (
  'connector' = 'kafka',
  'topic' = 'dwd_waybill_routes',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'changelog-json'
);

-- ODS: a waybill's status only moves forward, so its furthest stage is its status.
INSERT INTO ods_waybills
SELECT waybill_id,
       route_id,
       CASE MAX(stage) WHEN 1 THEN 'CREATED' WHEN 2 THEN 'PICKED_UP' WHEN 3 THEN 'IN_TRANSIT' ELSE 'SIGNED' END AS status,
       MIN(event_time) AS create_time,
       MAX(event_time) AS update_time
FROM (
  SELECT waybill_id, CAST(MOD(waybill_id, 50) + 1 AS INT) AS route_id, stage, event_time
  FROM src_waybill_events
) AS e
GROUP BY waybill_id, route_id;

-- DWD: each input is cleaned by its own rule. A cleaned waybill leaves the join's state; a later
-- change of it is joined against nothing it kept, which is the point: it is finished.
INSERT INTO dwd_waybill_routes
SELECT /*+ STATE_CLEANUP('w.ttl' = '30 d',
                         'w.condition' = 'status = ''SIGNED'' OR TIMESTAMPDIFF(DAY, create_time, update_time) >= 15',
                         'r.ttl' = '90 d') */
       w.waybill_id, w.status, w.create_time, w.update_time, r.route_id, r.carrier
FROM ods_waybills AS w
LEFT JOIN dim_routes AS r ON w.route_id = r.route_id;
