import { useState } from 'react';
import type { Layer } from '../engine/api';
import { LAYERS, PALETTE_CONNECTORS } from './project/templates';
import { ConnectorIcon } from './ConnectorIcon';
import { useStudio } from './studio/context';
import { LakeTableDialog } from './lake/LakeTableDialog';
import './lake/lake.css';

export function Palette() {
  const studio = useStudio();
  const [layer, setLayer] = useState<Exclude<Layer, 'OTHER'>>('ODS');
  // An Iceberg table asks for its format version and key before it is added.
  const [askLake, setAskLake] = useState(false);
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
              aria-haspopup={c.connector === 'iceberg' ? 'dialog' : undefined}
              onClick={() => (c.connector === 'iceberg' ? setAskLake(true) : void studio.actions.addTable(layer, c.connector))}
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
        <p>
          Click to add a {layer} table. Drag from a table's right handle to another table to write an <code>INSERT INTO … SELECT</code>.
        </p>
        <p>
          Drag a table into another lane to change its layer. <kbd>F2</kbd> renames, <kbd>Del</kbd> deletes, <kbd>Ctrl+Z</kbd> undoes canvas and
          editor edits alike.
        </p>
      </div>
      {askLake && (
        <LakeTableDialog
          layer={layer}
          onCancel={() => setAskLake(false)}
          onAdd={(choice) => {
            setAskLake(false);
            void studio.actions.addTable(layer, 'iceberg', choice);
          }}
        />
      )}
    </aside>
  );
}
