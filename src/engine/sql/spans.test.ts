// Every node the parser builds carries an exact span inside its statement, children inside
// their parents, and the text it covers starts and ends on token boundaries.
import { describe, expect, it } from 'vitest';
import type { Span } from '../types';
import { parseScript, parseType } from './parser';

const SCRIPT = `SET 'a' = 'b';
CREATE TABLE ods_t (
  id BIGINT NOT NULL PRIMARY KEY NOT ENFORCED, v DECIMAL(10, 2) COMMENT 'x', ts TIMESTAMP(3),
  p AS PROCTIME(), m STRING METADATA FROM 'topic' VIRTUAL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) COMMENT 't' PARTITIONED BY (v) WITH ('connector' = 'kafka');
CREATE VIEW vw AS SELECT * FROM ods_t;
INSERT INTO dwd_t /*+ DROP_ROW_KIND('kinds'='-U') */ (id, c)
WITH x AS (SELECT id, v FROM ods_t /*+ OPTIONS('k'='v') */ WHERE v > 0)
SELECT /*+ STATE_TTL('x'='1d') */ x.id, CASE WHEN v BETWEEN 1 AND 2 THEN 'a' ELSE 'b' END AS c
FROM x LEFT JOIN dim FOR SYSTEM_TIME AS OF x.p AS d ON x.id = d.id, (SELECT 1 AS one) AS s
WHERE v IN (1, 2) AND name LIKE 'a%' OR v IS NOT NULL AND NOT EXISTS (SELECT 1)
GROUP BY x.id, FLOOR(ts TO HOUR) HAVING COUNT(DISTINCT v) FILTER (WHERE v > 1) > 0
UNION ALL SELECT 1, CAST(EXTRACT(DAY FROM ts) AS STRING) FROM y
ORDER BY 1 DESC LIMIT 5;
EXECUTE STATEMENT SET BEGIN INSERT INTO a VALUES (1, -2.5e3), (TIMESTAMPDIFF(SECOND, a, b), DATE '2024-01-01'); END;
MERGE INTO t USING (SELECT * FROM s) AS s ON t.id = s.id
WHEN MATCHED AND s.d THEN DELETE WHEN MATCHED THEN UPDATE SET a = s.a
WHEN NOT MATCHED THEN INSERT (a) VALUES (ROW_NUMBER() OVER (PARTITION BY a ORDER BY b));
`;

function inside(inner: Span, outer: Span): boolean {
  return inner.start.offset >= outer.start.offset && inner.end.offset <= outer.end.offset;
}

/** Offsets where tokens start and end (computed independently from the lexer, roughly). */
describe('spans', () => {
  it('every node span is consistent, nested in its parent, and line/column match the offset', () => {
    const r = parseScript(SCRIPT);
    expect(r.diagnostics).toEqual([]);
    const lineStarts = [0];
    for (let i = 0; i < SCRIPT.length; i++) if (SCRIPT[i] === '\n') lineStarts.push(i + 1);
    const checkPos = (p: Span['start']) => {
      expect(lineStarts[p.line - 1]! + p.column - 1).toBe(p.offset);
    };
    let count = 0;
    const walk = (node: unknown, parent: Span | null): void => {
      if (Array.isArray(node)) {
        for (const n of node) walk(n, parent);
        return;
      }
      if (!node || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      let here = parent;
      if (obj.span) {
        const span = obj.span as Span;
        count++;
        checkPos(span.start);
        checkPos(span.end);
        expect(span.end.offset).toBeGreaterThan(span.start.offset);
        const text = SCRIPT.slice(span.start.offset, span.end.offset);
        expect(text).toBe(text.trim());
        if (parent) expect(inside(span, parent), `${String(obj.kind)} ${text}`).toBe(true);
        here = span;
      }
      for (const [k, v] of Object.entries(obj)) if (k !== 'span') walk(v, here);
    };
    walk(r.statements, null);
    expect(count).toBeGreaterThan(150);
  });
});

describe('parseType', () => {
  it('parses a type on its own', () => {
    expect(parseType('DECIMAL(10, 2)').type).toEqual({ name: 'DECIMAL', precision: 10, scale: 2, nullable: true });
    expect(parseType('timestamp(3) with local time zone NOT NULL').type).toEqual({ name: 'TIMESTAMP_LTZ', precision: 3, nullable: false });
    // A close match is reported and read as that type; anything else is no type.
    const bad = parseType('STRNG');
    expect(bad.type).toEqual({ name: 'STRING', nullable: true });
    expect(bad.diagnostics[0]!.message).toBe("unknown type 'STRNG'; did you mean STRING?");
    const worse = parseType('BLOB');
    expect(worse.type).toBeNull();
    expect(worse.diagnostics[0]!.message).toBe("unknown type 'BLOB'");
  });
});
