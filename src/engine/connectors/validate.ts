// Compile-time checks of the tables' connectors, without building a simulation: that each table
// names a connector the engine knows (as Flink's factory discovery fails), then the option values
// each connector's store would reject, then each read's options (WITH plus OPTIONS hints). Errors
// carry the table and option; index.ts turns them into diagnostics.
import type { CreateTableStmt, Statement } from '../sql/ast';
import type { Diagnostic } from '../types';
import type { JobPlan, TableDef } from '../plan/graph';
import { ConnectorError } from '../errors';
import type { ValidationScope } from './connector';
import { CONNECTOR_NAMES, connectorNamed, SIMULATED_CONNECTOR_NAMES } from './registry';
import { lowerOptions } from './store';

function statementOf(statements: readonly Statement[], def: TableDef): CreateTableStmt | undefined {
  const st = statements.find((s) => s.kind === 'CreateTable' && s.span.start.offset === def.span.start.offset);
  return st?.kind === 'CreateTable' ? st : undefined;
}

/** Each declared table names a connector the engine knows and has what that connector needs. */
export function declarationDiagnostics(statements: readonly Statement[], tables: readonly TableDef[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = CONNECTOR_NAMES.join(', ');
  for (const def of tables) {
    const s = statementOf(statements, def);
    if (!s) continue;
    const connectorOpt = s.options.find((o) => o.key === 'connector');
    // A table of an Iceberg catalog takes its connector from the catalog.
    const connector = def.impliedConnector ? def.connector : (connectorOpt?.value ?? '');
    const known = connectorNamed(connector);
    if (!connectorOpt && !def.impliedConnector) {
      out.push({
        severity: 'error',
        message: `table ${def.name} has no 'connector' option; supported connectors: ${names}`,
        span: s.name.span,
        code: 'missing-connector',
      });
    } else if (known && !known.createStore) {
      out.push({ severity: 'error', message: `not supported yet: the ${connector} connector`, span: s.span, code: 'unsupported' });
    } else if (!known) {
      out.push({
        severity: 'error',
        message: `unknown connector '${connector}'; supported connectors: ${names}`,
        span: connectorOpt?.valueSpan ?? s.name.span,
        code: 'unknown-connector',
      });
    }
    if (known?.spec.requiresPrimaryKey && def.primaryKeyIndices.length === 0) {
      out.push({
        severity: 'error',
        message: `'${connector}' tables require a PRIMARY KEY; add PRIMARY KEY (...) NOT ENFORCED to ${def.name}`,
        span: s.name.span,
        code: 'primary-key',
      });
    }
  }
  return out;
}

export interface TableProblem {
  def: TableDef;
  error: ConnectorError;
}

export interface ReadProblem {
  job: JobPlan;
  error: ConnectorError;
}

/**
 * The option values of every simulated table (one error per table, the first its store would
 * throw), then, when they are all good, the reads of each job in `jobsInRunOrder` up to the first
 * that fails, as building the simulation would stop there.
 */
export function validateConnectors(tables: readonly TableDef[], jobsInRunOrder: readonly JobPlan[]): { tables: TableProblem[]; read: ReadProblem | null } {
  const scope: ValidationScope = { topicPartitions: new Map() };
  const problems: TableProblem[] = [];
  for (const def of tables) {
    const connector = connectorNamed(def.connector.toLowerCase());
    if (!connector || !SIMULATED_CONNECTOR_NAMES.includes(connector.spec.name)) continue;
    try {
      connector.validateTable(def, scope);
    } catch (e) {
      if (!(e instanceof ConnectorError)) throw e;
      problems.push({ def, error: e });
    }
  }
  if (problems.length > 0) return { tables: problems, read: null };
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  for (const job of jobsInRunOrder)
    for (const node of job.nodes) {
      if (node.kind !== 'Source') continue;
      const def = byName.get(node.table.toLowerCase());
      const connector = def && connectorNamed(def.connector.toLowerCase());
      if (!def || !connector) continue;
      try {
        connector.validateRead(def, { ...lowerOptions(def.options), ...lowerOptions(node.optionOverrides) }, scope);
      } catch (e) {
        if (!(e instanceof ConnectorError)) throw e;
        return { tables: [], read: { job, error: e } };
      }
    }
  return { tables: [], read: null };
}
