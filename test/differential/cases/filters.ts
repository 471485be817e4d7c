// Stateless queries over an insert-only CSV input: filters, projections, functions, casts.
import { cols, type DiffCase } from '../harness';

export const FILTERS_CASES: DiffCase[] = [
  {
    name: 'filter_compare_decimal',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'customer_id INT', 'amount DECIMAL(10, 2)'),
    sinkKind: 'append',
    sql: `SELECT order_id, customer_id, amount FROM orders WHERE amount > 100`,
  },
  {
    name: 'filter_in_and_between',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'status STRING', 'qty INT'),
    sql: `SELECT order_id, status, qty FROM orders WHERE status IN ('NEW', 'PAID') AND qty BETWEEN 1 AND 5`,
  },
  {
    name: 'filter_like_and_empty_string',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'product STRING'),
    sql: `SELECT order_id, product FROM orders WHERE product LIKE 'a%' OR product LIKE '%rr%' OR product LIKE '_ate' OR product = ''`,
  },
  {
    // Flink's java.util.regex through Freshet's RE2 translation against DuckDB's RE2. DuckDB's
    // regexp_extract gives '' without a match where Flink gives NULL.
    name: 'regexp_functions',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'tail STRING', 'masked STRING', 'doubled BOOLEAN', 'whole STRING'),
    sinkKind: 'append',
    sql: `SELECT order_id, REGEXP_EXTRACT(product, '([aeiou])([^aeiou]+)', 2), REGEXP_REPLACE(product, '[aeiou]', '*'), REGEXP(product, 'rr|pp'),
                 REGEXP_EXTRACT(product, '^\\w{2}')
          FROM orders`,
    duck: `SELECT order_id, NULLIF(regexp_extract(product, '([aeiou])([^aeiou]+)', 2), ''), regexp_replace(product, '[aeiou]', '*', 'g'),
                  regexp_matches(product, 'rr|pp'), NULLIF(regexp_extract(product, '^\\w{2}'), '')
           FROM orders`,
  },
  {
    name: 'filter_not_three_valued',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'qty INT', 'price DOUBLE'),
    // NOT (NULL) is NULL and filters the row; NOT (FALSE AND NULL) is TRUE and keeps it.
    sql: `SELECT order_id, qty, price FROM orders WHERE NOT (qty > 3 AND price < 50)`,
  },
  {
    name: 'filter_or_with_nulls',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'customer_id INT', 'qty INT', 'is_gift BOOLEAN'),
    sql: `SELECT order_id, customer_id, qty, is_gift FROM orders WHERE customer_id IS NULL OR (qty IS NOT NULL AND qty < 0) OR is_gift`,
  },
  {
    name: 'filter_not_equal_drops_nulls',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'product STRING', 'status STRING'),
    sql: `SELECT order_id, product, status FROM orders WHERE product <> 'apple' AND NOT (status = 'NEW') AND qty <> 0`,
  },
  {
    name: 'project_arithmetic',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'q2 INT', 'aq INT', 'm7 BIGINT', 'mq INT', 'a2 DECIMAL(38, 2)', 'p4 DOUBLE', 'neg DECIMAL(10, 2)', 'pq DOUBLE'),
    sql: `SELECT order_id, qty * 2 + 1, ABS(qty), MOD(order_id, 7), MOD(qty, 3), amount * 2, price / 4, -amount, price * qty - 1.5
          FROM orders`,
    duck: `SELECT order_id, qty * 2 + 1, ABS(qty), order_id % 7, qty % 3, amount * 2, price / 4, -amount, price * qty - 1.5 FROM orders`,
  },
  {
    name: 'project_string_functions',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'up STRING', 'low STRING', 'len INT', 'cat STRING', 'sub STRING', 'trimmed STRING', 'rep STRING'),
    sql: `SELECT order_id, UPPER(product), LOWER(product), CHAR_LENGTH(product), CONCAT(product, '-', status),
                 SUBSTRING(product, 2, 3), TRIM(product), REPLACE(product, 'a', 'A')
          FROM orders`,
    // DuckDB's concat() skips NULLs; Flink's CONCAT returns NULL if any argument is NULL, as || does.
    duck: `SELECT order_id, UPPER(product), LOWER(product), CHAR_LENGTH(product), product || '-' || status,
                  SUBSTRING(product, 2, 3), TRIM(product), REPLACE(product, 'a', 'A')
           FROM orders`,
  },
  {
    name: 'substring_from_for_syntax',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 's1 STRING', 's2 STRING'),
    // Flink documents SUBSTRING(string FROM integer1 [ FOR integer2 ]) as the primary form.
    sql: `SELECT order_id, SUBSTRING(product FROM 2 FOR 3), SUBSTRING(status FROM 3) FROM orders`,
  },
  {
    name: 'project_timestamps',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'hr BIGINT', 'dy BIGINT', 'd DATE', 'fl TIMESTAMP(3)', 'later TIMESTAMP(3)', 'yr BIGINT'),
    sql: `SELECT order_id, EXTRACT(HOUR FROM order_ts), EXTRACT(DAY FROM order_ts), CAST(order_ts AS DATE),
                 FLOOR(order_ts TO HOUR), order_ts + INTERVAL '90' MINUTE, EXTRACT(YEAR FROM order_date)
          FROM orders`,
    duck: `SELECT order_id, EXTRACT(HOUR FROM order_ts), EXTRACT(DAY FROM order_ts), CAST(order_ts AS DATE),
                  date_trunc('hour', order_ts), order_ts + INTERVAL '90' MINUTE, EXTRACT(YEAR FROM order_date)
           FROM orders`,
  },
  {
    name: 'project_date_format_and_diff',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'txt STRING', 'mins INT', 'hrs INT'),
    sql: `SELECT order_id, DATE_FORMAT(order_ts, 'yyyy-MM-dd HH:mm'),
                 TIMESTAMPDIFF(MINUTE, order_ts, TIMESTAMP '2026-01-02 12:00:00'),
                 TIMESTAMPDIFF(HOUR, TIMESTAMP '2026-01-02 12:00:00', order_ts)
          FROM orders`,
    // Flink's TIMESTAMPDIFF counts whole elapsed units (truncating), as DuckDB's datesub does.
    duck: `SELECT order_id, strftime(order_ts, '%Y-%m-%d %H:%M'),
                  datesub('minute', order_ts, TIMESTAMP '2026-01-02 12:00:00'),
                  datesub('hour', TIMESTAMP '2026-01-02 12:00:00', order_ts)
           FROM orders`,
  },
  {
    name: 'project_casts_and_rounding',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'qs STRING', 'ad DOUBLE', 'r1 DECIMAL(38, 1)', 'fl DECIMAL(38, 0)', 'ce DECIMAL(38, 0)', 'qd DECIMAL(5, 1)', 'pi BIGINT'),
    sql: `SELECT order_id, CAST(qty AS STRING), CAST(amount AS DOUBLE), ROUND(amount, 1), FLOOR(amount), CEIL(amount),
                 CAST(qty AS DECIMAL(5, 1)), CAST(qty AS BIGINT) * 1000
          FROM orders`,
  },
  {
    name: 'filter_on_dates_and_timestamps',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'order_ts TIMESTAMP(3)', 'order_date DATE'),
    sql: `SELECT order_id, order_ts, order_date FROM orders
          WHERE order_ts >= TIMESTAMP '2026-01-02 00:00:00' AND order_ts < TIMESTAMP '2026-01-03 06:30:00'
             OR order_date = DATE '2026-01-05'`,
  },
  {
    name: 'trim_both_leading_trailing_syntax',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'both_a STRING', 'lead STRING', 'trail STRING'),
    // Flink documents TRIM([ BOTH | LEADING | TRAILING ] string1 FROM string2).
    sql: `SELECT order_id, TRIM(BOTH 'a' FROM product), TRIM(LEADING ' ' FROM product), TRIM(TRAILING 'e' FROM product) FROM orders`,
  },
  {
    name: 'string_ordering_and_like_specials',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'product STRING', 'len INT'),
    sql: `SELECT order_id, product, CHAR_LENGTH(product) FROM orders
          WHERE (product > 'banana' AND product <= 'fig') OR product BETWEEN 'A' AND 'B'
             OR product LIKE '%,%' OR product LIKE '%"%' OR product LIKE ' %' OR product NOT LIKE '%e%'`,
  },
  {
    name: 'null_safe_comparisons',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'not_three BOOLEAN', 'empty_product BOOLEAN', 'qty INT'),
    sql: `SELECT order_id, customer_id IS DISTINCT FROM 3, product IS NOT DISTINCT FROM '', qty FROM orders
          WHERE qty IS DISTINCT FROM 2`,
  },
  {
    name: 'time_functions_more',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'up_hour TIMESTAMP(3)', 'day_start TIMESTAMP(3)', 'next_day DATE', 'fixed TIMESTAMP(3)', 'mon BIGINT', 'mi BIGINT', 'sec BIGINT'),
    // DuckDB: DATE + INTERVAL is a TIMESTAMP (Flink keeps a DATE), date_trunc('day') a DATE; CEIL to an hour spelled out.
    sql: `SELECT order_id, CEIL(order_ts TO HOUR), FLOOR(order_ts TO DAY), order_date + INTERVAL '1' DAY, TO_TIMESTAMP('2026-01-02 03:04:05'),
                 EXTRACT(MONTH FROM order_date), EXTRACT(MINUTE FROM order_ts), EXTRACT(SECOND FROM order_ts)
          FROM orders`,
    duck: `SELECT order_id,
                  CASE WHEN date_trunc('hour', order_ts) = order_ts THEN order_ts ELSE date_trunc('hour', order_ts) + INTERVAL 1 HOUR END,
                  CAST(date_trunc('day', order_ts) AS TIMESTAMP), CAST(order_date + INTERVAL '1' DAY AS DATE), TIMESTAMP '2026-01-02 03:04:05',
                  EXTRACT(MONTH FROM order_date), EXTRACT(MINUTE FROM order_ts), EXTRACT(SECOND FROM order_ts)
           FROM orders`,
  },
  {
    name: 'cast_decimal_and_date_to_string',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'amount_text STRING', 'date_text STRING', 'concat_text STRING'),
    // DECIMAL keeps its scale as text: 12.30, not 12.3.
    sql: `SELECT order_id, CAST(amount AS STRING), CAST(order_date AS STRING), product || '#' || CAST(qty AS STRING) FROM orders`,
  },
  {
    name: 'like_with_escape',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'product STRING'),
    sql: `SELECT order_id, product FROM orders WHERE product LIKE '%!%%' ESCAPE '!' OR product LIKE 'a!_%' ESCAPE '!' OR product LIKE '%e_'`,
  },
  {
    name: 'numeric_casts_truncate',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'price_int INT', 'amount_int INT', 'amount_big BIGINT', 'neg_price_int INT'),
    // Flink truncates toward zero casting DOUBLE / DECIMAL to an integer type; DuckDB rounds.
    sql: `SELECT order_id, CAST(price AS INT), CAST(amount AS INT), CAST(amount * 100 AS BIGINT), CAST(-price AS INT) FROM orders`,
    duck: `SELECT order_id, CAST(trunc(price) AS INTEGER), CAST(trunc(amount) AS INTEGER), CAST(trunc(amount * 100) AS BIGINT),
                  CAST(trunc(-price) AS INTEGER)
           FROM orders`,
  },
  {
    name: 'decimal_division_scale',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'per_unit DECIMAL(38, 8)', 'third DECIMAL(38, 6)'),
    // DECIMAL(10, 2) / DECIMAL(5, 0) is DECIMAL(16, 8) in Flink: no tie can appear at the 8th digit for divisors up to 10.
    sql: `SELECT order_id, amount / CAST(NULLIF(qty, 0) AS DECIMAL(5, 0)), amount / 3 FROM orders`,
  },
  {
    name: 'more_date_parts_and_formats',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'quarter BIGINT', 'wk BIGINT', 'txt STRING', 'month_start TIMESTAMP(3)', 'secs BIGINT', 'days INT', 'earlier TIMESTAMP(3)'),
    sql: `SELECT order_id, EXTRACT(QUARTER FROM order_date), EXTRACT(WEEK FROM order_ts),
                 DATE_FORMAT(order_ts, 'yyyyMMdd HH:mm:ss.SSS'), FLOOR(order_ts TO MONTH), TIMESTAMPDIFF(SECOND, TIMESTAMP '2026-01-02 00:00:00', order_ts),
                 TIMESTAMPDIFF(DAY, order_ts, TIMESTAMP '2026-01-09 00:00:00'), order_ts - INTERVAL '36' HOUR
          FROM orders`,
    duck: `SELECT order_id, EXTRACT(QUARTER FROM order_date), EXTRACT(WEEK FROM order_ts),
                  strftime(order_ts, '%Y%m%d %H:%M:%S.%g'), CAST(date_trunc('month', order_ts) AS TIMESTAMP),
                  datesub('second', TIMESTAMP '2026-01-02 00:00:00', order_ts), datesub('day', order_ts, TIMESTAMP '2026-01-09 00:00:00'),
                  order_ts - INTERVAL '36' HOUR
           FROM orders`,
  },
  {
    name: 'extract_dow_doy',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'dow BIGINT', 'doy BIGINT'),
    // EXTRACT(DOW) is 1 (Sunday) .. 7 in Flink, 0 .. 6 in DuckDB.
    sql: `SELECT order_id, EXTRACT(DOW FROM order_ts), EXTRACT(DOY FROM order_date) FROM orders`,
    duck: `SELECT order_id, EXTRACT(DOW FROM order_ts) + 1, EXTRACT(DOY FROM order_date) FROM orders`,
  },
  {
    name: 'extract_epoch_millisecond_isodow',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'ep BIGINT', 'ms BIGINT', 'isodow BIGINT', 'date_ep BIGINT', 'decade BIGINT'),
    // EPOCH is whole seconds in Flink (a BIGINT), fractional in DuckDB.
    sql: `SELECT order_id, EXTRACT(EPOCH FROM order_ts), EXTRACT(MILLISECOND FROM order_ts), EXTRACT(ISODOW FROM order_ts),
                 EXTRACT(EPOCH FROM order_date), EXTRACT(DECADE FROM order_date)
          FROM orders`,
    duck: `SELECT order_id, CAST(trunc(EXTRACT(EPOCH FROM order_ts)) AS BIGINT), EXTRACT(MILLISECOND FROM order_ts), EXTRACT(ISODOW FROM order_ts),
                  CAST(EXTRACT(EPOCH FROM order_date) AS BIGINT), EXTRACT(DECADE FROM order_date)
           FROM orders`,
  },
  {
    name: 'long_in_lists',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'customer_id INT', 'product STRING'),
    // More than 20 values: Flink plans these as a join against VALUES, with the same semantics.
    sql: `SELECT order_id, customer_id, product FROM orders
          WHERE customer_id IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43)
             OR product NOT IN ('apple', 'banana', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't')`,
  },
  {
    name: 'cast_to_sized_strings',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'v3 STRING', 'c5 STRING', 'raw VARCHAR(3)'),
    // Flink (1.15+) truncates on CAST to VARCHAR(n) and pads on CAST to CHAR(n); a sink column of
    // VARCHAR(3) keeps longer values (table.exec.sink.type-length-enforcer = IGNORE).
    sql: `SELECT order_id, CAST(product AS VARCHAR(3)), CAST(status AS CHAR(5)), product FROM orders`,
    duck: `SELECT order_id, left(product, 3), rpad(status, 5, ' '), product FROM orders`,
  },
  {
    name: 'to_timestamp_round_trips',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'to_sec TIMESTAMP(3)', 'custom TIMESTAMP(3)', 'tail STRING', 'past_end STRING'),
    sql: `SELECT order_id, TO_TIMESTAMP(DATE_FORMAT(order_ts, 'yyyy-MM-dd HH:mm:ss')),
                 TO_TIMESTAMP(DATE_FORMAT(order_ts, 'yyyyMMddHHmmss'), 'yyyyMMddHHmmss'),
                 SUBSTRING(product, 2), SUBSTRING(product, 9, 3)
          FROM orders`,
    duck: `SELECT order_id, CAST(strftime(order_ts, '%Y-%m-%d %H:%M:%S') AS TIMESTAMP),
                  strptime(strftime(order_ts, '%Y%m%d%H%M%S'), '%Y%m%d%H%M%S'),
                  SUBSTRING(product, 2), SUBSTRING(product, 9, 3)
           FROM orders`,
  },
  {
    name: 'like_with_dynamic_pattern',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'product STRING', 'status STRING'),
    // The pattern comes from another column: 'A%' for APPLE-ish products of ... status.
    sql: `SELECT order_id, product, status FROM orders WHERE UPPER(product) LIKE SUBSTRING(status, 2, 1) || '%' OR product LIKE '%' || LOWER(SUBSTRING(status, 1, 1))`,
  },
  {
    name: 'integer_division_truncates',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'half INT', 'seventh BIGINT', 'neg_third INT', 'dec_half DECIMAL(38, 6)'),
    // Flink: INT / INT is an INT, truncated toward zero (Java); DuckDB's / is a DOUBLE division.
    sql: `SELECT order_id, qty / 2, order_id / 7, -qty / 3, amount / 2 FROM orders`,
    duck: `SELECT order_id, CAST(trunc(qty / 2) AS INTEGER), CAST(trunc(order_id / 7) AS BIGINT), CAST(trunc(-qty / 3) AS INTEGER), amount / 2
           FROM orders`,
  },
  {
    name: 'numeric_cast_overflow_is_java_narrowing',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'id_tiny TINYINT', 'id_small SMALLINT', 'amount_tiny TINYINT', 'price_int INT'),
    // Flink casts between numeric primitives with Java narrowing (CastRuleUtils.castToPrimitive):
    // integers wrap around, DOUBLE -> INT saturates; DECIMAL -> TINYINT truncates to a long, then wraps.
    // (DuckDB's GREATEST/LEAST skip NULLs, so the saturation is a CASE that keeps a NULL price NULL.)
    sql: `SELECT order_id, CAST(order_id AS TINYINT), CAST(order_id * 1000 AS SMALLINT), CAST(amount AS TINYINT), CAST(price * 100000000 AS INT)
          FROM orders`,
    duck: `SELECT order_id,
                  CAST(((order_id + 128) % 256 + 256) % 256 - 128 AS TINYINT),
                  CAST(((order_id * 1000 + 32768) % 65536 + 65536) % 65536 - 32768 AS SMALLINT),
                  CAST(((CAST(trunc(amount) AS BIGINT) + 128) % 256 + 256) % 256 - 128 AS TINYINT),
                  CAST(CASE WHEN price * 100000000 >= 2147483647 THEN 2147483647 WHEN price * 100000000 <= -2147483648 THEN -2147483648
                            ELSE trunc(price * 100000000) END AS INTEGER)
           FROM orders`,
  },
  {
    name: 'cast_precision_reduction',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'ts0 TIMESTAMP(3)', 'd31 DECIMAL(3, 1)', 'd52 DECIMAL(5, 2)'),
    // TIMESTAMP(3) -> TIMESTAMP(0) drops the milliseconds. DECIMAL casts round HALF_UP to the scale
    // and give NULL when the value no longer fits the precision (DecimalData.fromBigDecimal).
    sql: `SELECT order_id, CAST(CAST(order_ts AS TIMESTAMP(0)) AS TIMESTAMP(3)), CAST(amount AS DECIMAL(3, 1)), CAST(price AS DECIMAL(5, 2))
          FROM orders`,
    duck: `SELECT order_id, date_trunc('second', order_ts),
                  CASE WHEN abs(round(amount, 1)) >= 100 THEN NULL ELSE CAST(amount AS DECIMAL(3, 1)) END,
                  CAST(price AS DECIMAL(5, 2))
           FROM orders`,
  },
  {
    name: 'double_division_by_zero',
    inputs: ['orders'],
    sink: cols('order_id BIGINT', 'q DOUBLE', 'z DOUBLE'),
    // DOUBLE arithmetic is IEEE (Java): x / 0.0 is +-Infinity or NaN. DuckDB returns NULL, so its
    // variant spells IEEE out.
    sql: `SELECT order_id, price / CAST(qty - qty AS DOUBLE), CAST(qty AS DOUBLE) / 0.0 FROM orders WHERE qty IS NOT NULL`,
    duck: `SELECT order_id,
                  CASE WHEN price > 0 THEN 'Infinity'::DOUBLE WHEN price < 0 THEN '-Infinity'::DOUBLE WHEN price = 0 THEN 'NaN'::DOUBLE END,
                  CASE WHEN qty > 0 THEN 'Infinity'::DOUBLE WHEN qty < 0 THEN '-Infinity'::DOUBLE ELSE 'NaN'::DOUBLE END
           FROM orders WHERE qty IS NOT NULL`,
  },
];

