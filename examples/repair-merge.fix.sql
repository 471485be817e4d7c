-- The fix as MERGE INTO: only product 7's rows change (run with examples/repair-merge.sql).
MERGE INTO dwd_orders AS t
USING (SELECT order_id, qty FROM dwd_orders WHERE product_id = 7) AS s
ON t.order_id = s.order_id
WHEN MATCHED THEN UPDATE SET amount = s.qty * 10;
