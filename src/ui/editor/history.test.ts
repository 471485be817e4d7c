import { describe, expect, it } from 'vitest';
import { EditorRegistry } from './editorRegistry';
import { History } from './history';
import { createProjectStore } from '../store/project';
import type { monaco } from './monaco';

const project = createProjectStore();
const editors = new EditorRegistry();
const history = new History(project, editors);

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
    history.onTextEdited();
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
    editors.registerScriptEditor({ getModel: () => model, onDidDispose: () => ({ dispose() {} }) } as unknown as monaco.editor.IStandaloneCodeEditor);
    const p0 = { 'table:a': { x: 0, y: 0 } };
    project.getState().setPositions(p0);
    model.edit(); // text v1
    const p1 = { 'table:a': { x: 0, y: 0, layer: 'DWD' as const } };
    history.changeSidecar(p1); // lane override at v1
    model.edit(); // text v2

    history.undo(); // the text edit made last
    expect(model.getAlternativeVersionId()).toBe(1);
    expect(project.getState().positions).toBe(p1);
    history.undo(); // then the lane override
    expect(project.getState().positions).toBe(p0);
    expect(model.getAlternativeVersionId()).toBe(1);
    history.undo(); // then the first text edit
    expect(model.getAlternativeVersionId()).toBe(0);

    history.redo();
    expect(model.getAlternativeVersionId()).toBe(1);
    expect(project.getState().positions).toBe(p0);
    history.redo();
    expect(project.getState().positions).toBe(p1);
    history.redo();
    expect(model.getAlternativeVersionId()).toBe(2);
  });
});
