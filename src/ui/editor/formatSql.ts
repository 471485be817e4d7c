// Format Document (Shift+Alt+F, F1 > Format Document) for Flink SQL, with sql-formatter. It has
// no Flink dialect; Spark SQL's is the closest (backquoted names, `WITH (...)` options as
// parenthesised lists, hints kept as comments). formatSql.test.ts checks that formatting every
// example leaves its compiled pipeline unchanged.
import { format } from 'sql-formatter';

/** The script formatted, or why it could not be (a sentence) with the script untouched. */
export function formatFlinkSql(script: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    const text = format(script, { language: 'spark', tabWidth: 2, keywordCase: 'preserve', linesBetweenQueries: 1 });
    return { ok: true, text: text.endsWith('\n') ? text : `${text}\n` };
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { ok: false, message: `The script was not formatted: ${why}` };
  }
}
