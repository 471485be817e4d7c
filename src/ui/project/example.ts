// The bundled example project: examples/orders-pipeline.sql, bundled as text.
import exampleScript from '../../../examples/orders-pipeline.sql?raw';

export const EXAMPLE_FILE = 'orders-pipeline.sql';
export const EXAMPLE_SCRIPT: string = exampleScript;
