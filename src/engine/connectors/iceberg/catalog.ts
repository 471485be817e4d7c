// `CREATE CATALOG lake WITH ('type' = 'iceberg', 'catalog-type' = 'hive' | 'hadoop' | 'rest', ...)`:
// Iceberg's FlinkCatalogFactory. Every table created in the catalog is an Iceberg table (its WITH
// options are table properties, `format-version` among them), and the factory's checks give
// their own messages. The catalog itself is simulated in memory: `warehouse`, `uri` and the
// metastore options are kept for export only.
import type { CatalogType } from '../../plan/capabilities';

const CATALOG_TYPES = ['hive', 'hadoop', 'rest'];

export function describeIcebergCatalog(name: string, options: Record<string, string>): CatalogType {
  const catalogType = options['catalog-type'];
  const catalogImpl = options['catalog-impl'];
  let problem: CatalogType['problem'] = null;
  if (catalogImpl !== undefined && catalogType !== undefined) {
    problem = {
      option: 'catalog-impl',
      message: `Cannot create catalog ${name}, both catalog-type and catalog-impl are set: catalog-type=${catalogType}, catalog-impl=${catalogImpl}`,
    };
  } else if (catalogImpl === undefined) {
    // FlinkCatalogFactory's default catalog-type is hive.
    const type = (catalogType ?? 'hive').trim().toLowerCase();
    if (!CATALOG_TYPES.includes(type)) problem = { option: 'catalog-type', message: `Unknown catalog-type: ${catalogType} (Must be 'hive', 'hadoop' or 'rest')` };
    else if (type === 'hadoop' && !(options['warehouse'] ?? '').trim())
      problem = { option: 'catalog-type', message: 'Cannot initialize HadoopCatalog because warehousePath must not be null or empty' };
  }
  return {
    connector: 'iceberg',
    defaultDatabase: (options['default-database'] ?? 'default').trim().toLowerCase(),
    problem,
    connectorOptionMessage:
      "Cannot create the table with 'connector'='iceberg' table property in an iceberg catalog, Please create table with 'connector'='iceberg' property in a non-iceberg catalog or create table without 'connector'='iceberg' related properties in an iceberg table.",
  };
}
