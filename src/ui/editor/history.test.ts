import { describe, expect, it } from 'vitest';
import { registerScriptEditor } from './editorRegistry';
import { changeSidecar, onTextEdited, redo, undo } from './history';
import { useProjectStore } from '../store/project';
import type { monaco } from './monaco';

/** A stand-in for Monaco's script model: a text undo stack with alternative version ids. */
class FakeModel {
  readonly id = 'model-1';
  private versions = [0];
  private at = 0;
  private next = 1;
  edit(): void {
    this.versions = this.versions.slice(0, this.at + 1);
    this.versions.push(this.next++);
    this.at++;
    onTextEdited();
  }
  getAlternativeVersionId(): number {
    return this.versions[this.at]!;
  }
  undo(): void {
    if (this.at > 0) this.at--;
  }
  redo(): void {
    if (this.at < this.versions.length - 1) this.at++;
  }
}

describe('one history for text and layout', () => {
  it('interleaves sidecar changes with text edits in the order they were made', () => {
    const model = new FakeModel();
    registerScriptEditor({ getModel: () => model, onDidDispose: () => ({ dispose() {} }) } as unknown as monaco.editor.IStandaloneCodeEditor);
    const p0 = { 'table:a': { x: 0, y: 0 } };
    useProjectStore.getState().setPositions(p0);
    model.edit(); // text v1
    const p1 = { 'table:a': { x: 0, y: 0, layer: 'DWD' as const } };
    changeSidecar(p1); // lane override at v1
    model.edit(); // text v2

    undo(); // the text edit made last
    expect(model.getAlternativeVersionId()).toBe(1);
    expect(useProjectStore.getState().positions).toBe(p1);
    undo(); // then the lane override
    expect(useProjectStore.getState().positions).toBe(p0);
    expect(model.getAlternativeVersionId()).toBe(1);
    undo(); // then the first text edit
    expect(model.getAlternativeVersionId()).toBe(0);

    redo();
    expect(model.getAlternativeVersionId()).toBe(1);
    expect(useProjectStore.getState().positions).toBe(p0);
    redo();
    expect(useProjectStore.getState().positions).toBe(p1);
    redo();
    expect(model.getAlternativeVersionId()).toBe(2);
  });
});
