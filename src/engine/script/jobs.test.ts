import { describe, expect, it } from 'vitest';
import { parseScript } from '../sql';
import { modelOf } from './model';
import { numberJobs } from './jobs';

describe('job numbering', () => {
  const script = `CREATE TABLE a (x INT) WITH ('connector' = 'datagen');
INSERT INTO b SELECT x FROM a;
INSERT INTO c SELEC x FROM a;
MERGE INTO b USING a ON b.x = a.x WHEN NOT MATCHED THEN INSERT *;
EXECUTE STATEMENT SET BEGIN
  INSERT INTO c SELECT x FROM a;
  INSERT INTO b SELECT x FROM a;
END;`;

  it('numbers every INSERT (in statement sets too) and MERGE in order, counting the ones that do not parse', () => {
    const jobs = modelOf(script).jobs;
    expect(jobs.map((j) => [j.id, j.kind])).toEqual([
      ['job-1', 'Insert'],
      ['job-2', 'Unknown'],
      ['job-3', 'Merge'],
      ['job-4', 'Insert'],
      ['job-5', 'Insert'],
    ]);
    expect(script.slice(jobs[1]!.offset, jobs[1]!.offset + jobs[1]!.length)).toBe('INSERT INTO c SELEC x FROM a');
  });

  it('gives every parsed job statement its id; over parsed statements alone, the same order', () => {
    const model = modelOf(script);
    expect([...model.jobIds.values()]).toEqual(['job-1', 'job-3', 'job-4', 'job-5']);
    const clean = script.replace('SELEC x', 'SELECT x');
    expect([...numberJobs(parseScript(clean).statements).values()]).toEqual([...modelOf(clean).jobIds.values()]);
  });
});
