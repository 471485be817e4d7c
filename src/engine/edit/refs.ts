// Where a statement names tables: the CREATE, INSERT/MERGE targets, FROM/JOIN references,
// qualified column references (`orders.amount`, `orders.*`) and STATE_TTL hint keys. CTE names
// and aliases are resolved by scope, so `WITH orders AS (...)` or `FROM x AS orders` never count
// as the table `orders`.
import type { FromItem, Hint, Ident, QualifiedName, Query, Statement } from '../sql/ast';
import type { Span } from '../types';

export type RefRole = 'create' | 'write' | 'read' | 'qualifier' | 'hintKey';

export interface RefSite {
  role: RefRole;
  /** Normalized name of the table referred to. */
  table: string;
  /** The text to replace on rename: the last part of a name, a qualifier, or a hint argument. */
  span: Span;
  /** For hintKey: the key as written (without quotes). */
  key?: string;
}

interface Binding {
  /** Set when the binding is a real table written without alias (so its name qualifies columns). */
  table?: string;
}

interface Scope {
  parent?: Scope;
  ctes: Set<string>;
  bindings: Map<string, Binding>;
}

const child = (parent?: Scope): Scope => ({ parent, ctes: new Set(), bindings: new Map() });

function isCte(scope: Scope | undefined, name: string): boolean {
  for (let s = scope; s; s = s.parent) if (s.ctes.has(name)) return true;
  return false;
}

function resolve(scope: Scope | undefined, name: string): Binding | undefined {
  for (let s = scope; s; s = s.parent) {
    const b = s.bindings.get(name);
    if (b) return b;
  }
  return undefined;
}

function lastPart(n: QualifiedName): Ident {
  return n.parts.length > 0 ? n.parts[n.parts.length - 1]! : n;
}

function bindFrom(item: FromItem | undefined, scope: Scope): void {
  if (!item) return;
  switch (item.kind) {
    case 'TableRef': {
      const cte = item.name.parts.length <= 1 && isCte(scope, item.name.name);
      if (item.alias) scope.bindings.set(item.alias.name, {});
      else scope.bindings.set(lastPart(item.name).name, cte ? {} : { table: item.name.name });
      return;
    }
    case 'SubqueryRef':
      if (item.alias) scope.bindings.set(item.alias.name, {});
      return;
    case 'Join':
      bindFrom(item.left, scope);
      bindFrom(item.right, scope);
      return;
    case 'WindowTvf':
    case 'ChangelogTvf':
      if (item.alias) scope.bindings.set(item.alias.name, {});
      else bindFrom(item.input, scope);
      return;
  }
}

function isHint(o: object): o is Hint {
  return !('kind' in o) && 'nameSpan' in o && Array.isArray((o as { args?: unknown }).args);
}

/** Every table reference in one statement. */
export function tableRefs(stmt: Statement): RefSite[] {
  const out: RefSite[] = [];

  const qualifier = (q: Ident, scope: Scope | undefined): void => {
    const b = resolve(scope, q.name);
    if (b && b.table === undefined) return; // an alias, a CTE or a subquery
    out.push({ role: 'qualifier', table: b?.table ?? q.name, span: q.span });
  };

  // The walk keeps its own stack of tasks (a node in a scope, or a step to take between nodes),
  // so a generated chain of 100,000 operators does not take a frame each. Tasks are pushed in
  // reverse, so sites come out in the order the statement writes them.
  type Task = { node: unknown; scope: Scope | undefined } | (() => void);
  const tasks: Task[] = [];
  // An array, not rest arguments: a VALUES list or IN list can have 100,000 items.
  const later = (next: readonly Task[]): void => {
    for (let i = next.length - 1; i >= 0; i--) tasks.push(next[i]!);
  };
  const walk = (node: unknown, scope: Scope | undefined): Task => ({ node, scope });

  const visit = (node: unknown, scope: Scope | undefined): void => {
    if (Array.isArray(node)) {
      later(node.map((n) => walk(n, scope)));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown> & { kind?: string };
    if (isHint(o)) {
      if (o.name === 'STATE_TTL') {
        for (const arg of o.args) {
          if (arg.key === undefined) continue;
          const b = resolve(scope, arg.key) ?? resolve(scope, arg.key.toLowerCase());
          if (b && b.table === undefined) continue;
          out.push({ role: 'hintKey', table: b?.table ?? arg.key, span: arg.span, key: arg.key });
        }
      }
      return;
    }
    switch (o.kind) {
      case 'CreateTable': {
        const st = node as Extract<Statement, { kind: 'CreateTable' }>;
        out.push({ role: 'create', table: st.name.name, span: lastPart(st.name).span });
        return;
      }
      case 'CreateView': {
        const st = node as Extract<Statement, { kind: 'CreateView' }>;
        out.push({ role: 'create', table: st.name.name, span: lastPart(st.name).span });
        later([walk(st.query, scope)]);
        return;
      }
      case 'Insert': {
        const st = node as Extract<Statement, { kind: 'Insert' }>;
        out.push({ role: 'write', table: st.table.name, span: lastPart(st.table).span });
        later([walk(st.hints, scope), walk(st.partition, scope), walk(st.source, scope)]);
        return;
      }
      case 'Merge': {
        const st = node as Extract<Statement, { kind: 'Merge' }>;
        const s = child(scope);
        bindFrom(st.target, s);
        bindFrom(st.source, s);
        out.push({ role: 'write', table: st.target.name.name, span: lastPart(st.target.name).span });
        later([walk(st.target.hints, s), walk(st.source, s), walk(st.on, s), walk(st.clauses, s)]);
        return;
      }
      case 'With': {
        const q = node as Extract<Query, { kind: 'With' }>;
        const s = child(scope);
        // Each CTE's name is in scope from the next one on.
        const steps: Task[] = [];
        for (const cte of q.ctes) steps.push(walk(cte.query, s), () => s.ctes.add(cte.name.name));
        steps.push(walk(q.body, s));
        later(steps);
        return;
      }
      case 'Select': {
        const s = child(scope);
        bindFrom((o as { from?: FromItem }).from, s);
        later(Object.entries(o).flatMap(([k, v]) => (k !== 'span' ? [walk(v, s)] : [])));
        return;
      }
      case 'TableRef': {
        const ref = node as Extract<FromItem, { kind: 'TableRef' }>;
        const cte = ref.name.parts.length <= 1 && isCte(scope, ref.name.name);
        if (!cte) out.push({ role: 'read', table: ref.name.name, span: lastPart(ref.name).span });
        later([walk(ref.hints, scope), walk(ref.forSystemTimeAsOf, scope)]);
        return;
      }
      case 'ColumnRef': {
        const q = (o as { qualifier?: Ident }).qualifier;
        if (q) qualifier(q, scope);
        return;
      }
      case 'Star': {
        const q = (o as { qualifier?: Ident }).qualifier;
        if (q) qualifier(q, scope);
        return;
      }
      default:
        later(Object.entries(o).flatMap(([k, v]) => (k === 'span' || k.endsWith('Span') || v === null || typeof v !== 'object' ? [] : [walk(v, scope)])));
    }
  };

  tasks.push(walk(stmt, undefined));
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    if (typeof task === 'function') task();
    else visit(task.node, task.scope);
  }
  return out;
}
