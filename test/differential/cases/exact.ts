// Exact numbers (issue 13): snowflake-sized BIGINT ids (~1.8e18, consecutive, so a double would
// merge neighbours) as join and GROUP BY keys, and DECIMAL(38, 10) sums with 20 integer digits.
// The ledger is JSON lines with raw 19-digit numbers; its accounts are CSV.
import { cols, type DiffCase } from '../harness';

export const EXACT_CASES: DiffCase[] = [
  {
    name: 'group_by_snowflake_id_decimal_38_10_sum',
    inputs: ['ledger'],
    sink: cols('account BIGINT', 'n BIGINT', 'total DECIMAL(38, 10)', 'lo DECIMAL(38, 10)', 'hi DECIMAL(38, 10)'),
    key: ['account'],
    sql: `SELECT account, COUNT(*), SUM(amount), MIN(amount), MAX(amount) FROM ledger GROUP BY account`,
  },
  {
    name: 'group_by_each_snowflake_id',
    inputs: ['ledger'],
    sink: cols('entry_id BIGINT', 'n BIGINT'),
    key: ['entry_id'],
    sql: `SELECT entry_id, COUNT(*) FROM ledger GROUP BY entry_id`,
  },
  {
    name: 'join_on_snowflake_ids',
    inputs: ['ledger', 'ledger_accounts'],
    sink: cols('entry_id BIGINT', 'account BIGINT', 'owner STRING', 'amount DECIMAL(38, 10)'),
    sinkKind: 'append',
    sql: `SELECT l.entry_id, l.account, a.owner, l.amount FROM ledger l JOIN ledger_accounts a ON l.account = a.account`,
  },
  {
    name: 'left_join_snowflake_ids_then_sum',
    inputs: ['ledger', 'ledger_accounts'],
    sink: cols('owner STRING', 'total DECIMAL(38, 10)', 'n BIGINT'),
    key: ['owner'],
    sql: `SELECT COALESCE(a.owner, '?'), SUM(l.amount), COUNT(*) FROM ledger l LEFT JOIN ledger_accounts a ON l.account = a.account GROUP BY COALESCE(a.owner, '?')`,
  },
  {
    name: 'exact_arithmetic_and_filters_beyond_2_53',
    inputs: ['ledger'],
    sink: cols('next_id BIGINT', 'doubled DECIMAL(38, 10)', 'note STRING'),
    sinkKind: 'append',
    sql: `SELECT entry_id + 1, amount * 2, note FROM ledger WHERE entry_id > 1800000000000000007 AND amount < 1000000000000000000.5`,
    // Flink types DECIMAL(38, 10) * INT as DECIMAL(38, 6) (precision capped, at least 6 places
    // kept: LogicalTypeMerging.adjustPrecisionScale); DuckDB keeps DECIMAL(38, 10).
    duck: `SELECT entry_id + 1, CAST(amount * 2 AS DECIMAL(38, 6)), note FROM ledger WHERE entry_id > 1800000000000000007 AND amount < 1000000000000000000.5`,
  },
];
