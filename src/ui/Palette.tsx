import { useState } from 'react';
import type { Layer } from '../engine/api';
import { LAYERS, PALETTE_CONNECTORS, appendStatement, createTableSql, freshName, type PaletteConnector } from './project/templates';
import { useProjectStore } from './store/project';
import { useCompileStore } from './store/compile';
import { useUiStore } from './store/ui';
import { ConnectorIcon } from './ConnectorIcon';

export function addTable(layer: Layer, connector: PaletteConnector): string {
  const existing = useCompileStore.getState().pipeline?.tables.map((t) => t.name) ?? [];
  const project = useProjectStore.getState();
  const fromScript = [...project.script.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?([\w$]+)/gi)].map((m) => m[1]!);
  const name = freshName(layer, [...existing, ...fromScript], connector === 'datagen' ? 'gen' : 'table');
  project.setScript(appendStatement(project.script, createTableSql(name, connector)), 'canvas');
  useUiStore.getState().select({ kind: 'table', name });
  return name;
}

export function Palette() {
  const [layer, setLayer] = useState<Layer>('ODS');
  return (
    <aside className="palette" data-testid="palette">
      <div className="section-title">Layer</div>
      <div className="layer-chips">
        {LAYERS.map((l) => (
          <button
            key={l}
            className={`chip layer-${l} ${layer === l ? 'on' : ''}`}
            data-testid={`palette.layer.${l}`}
            onClick={() => setLayer(l)}
          >
            {l}
          </button>
        ))}
      </div>
      <div className="section-title">Tables by connector</div>
      <ul className="palette-list">
        {PALETTE_CONNECTORS.map((c) => (
          <li key={c.connector}>
            <button
              className="palette-item"
              data-testid={`palette.item.${c.connector}`}
              disabled={!c.supported}
              title={c.supported ? `Add a ${layer} ${c.label} table` : `${c.label}: not supported yet`}
              onClick={() => addTable(layer, c.connector)}
            >
              <ConnectorIcon connector={c.connector} />
              <span className="palette-text">
                <span className="palette-label">
                  {c.label}
                  {!c.supported && <span className="tag">soon</span>}
                </span>
                <span className="palette-doc">{c.doc}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="palette-hint muted small">
        Click to add a {layer} table. Drag from a table's right handle to another table to write an <code>INSERT INTO … SELECT</code>.
      </div>
    </aside>
  );
}
