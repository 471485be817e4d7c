// The planner's entry points: parsed statements -> ScriptPlan + diagnostics -> PipelineGraph.
export { planScript, type PlanOptions, type PlanResult } from './planner';
export { toPipelineGraph, tableInfo } from './pipeline';
export { CHANGELOG_FORMATS } from './tables';
export type * from './graph';
export { NO_CAPABILITIES, type ConnectorCapabilities, type SinkChanges } from './capabilities';
