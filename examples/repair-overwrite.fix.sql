-- The same fix as INSERT OVERWRITE: every row of the table is written again (run with
-- examples/repair-merge.sql).
INSERT OVERWRITE dwd_orders
SELECT order_id, product_id, qty, qty * 10 FROM dwd_orders;
