// In-app dialogs (confirm and notice) as promises, instead of window.confirm / alert: styled like
// the studio, keyboard-accessible, and drivable by tests.
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface DialogRequest {
  title: string;
  body: string;
  /** Confirm: two buttons; notice: one. */
  kind: 'confirm' | 'notice';
  confirmLabel: string;
  danger: boolean;
  resolve(ok: boolean): void;
}

export interface DialogState {
  current: DialogRequest | null;
}

export interface Dialogs {
  /** The open dialog, which DialogHost renders. */
  store: StoreApi<DialogState>;
  confirm(title: string, body: string, opts?: { confirmLabel?: string; danger?: boolean }): Promise<boolean>;
  notice(title: string, body: string): Promise<boolean>;
}

export function createDialogs(): Dialogs {
  const store = createStore<DialogState>()(() => ({ current: null }));
  function open(req: Omit<DialogRequest, 'resolve'>): Promise<boolean> {
    // A second request answers the first with "cancel": one dialog at a time.
    store.getState().current?.resolve(false);
    return new Promise((resolvePromise) => {
      const request: DialogRequest = {
        ...req,
        resolve: (ok) => {
          store.setState((s) => (s.current === request ? { current: null } : s));
          resolvePromise(ok);
        },
      };
      store.setState({ current: request });
    });
  }
  return {
    store,
    confirm: (title, body, opts = {}) => open({ title, body, kind: 'confirm', confirmLabel: opts.confirmLabel ?? 'OK', danger: opts.danger ?? false }),
    notice: (title, body) => open({ title, body, kind: 'notice', confirmLabel: 'OK', danger: false }),
  };
}
