// In-app dialogs (confirm and notice) as promises, instead of window.confirm / alert: styled like
// the studio, keyboard-accessible, and drivable by tests.
import { create } from 'zustand';

export interface DialogRequest {
  title: string;
  body: string;
  /** Confirm: two buttons; notice: one. */
  kind: 'confirm' | 'notice';
  confirmLabel: string;
  danger: boolean;
  resolve(ok: boolean): void;
}

export const useDialogStore = create<{ current: DialogRequest | null }>()(() => ({ current: null }));

function open(req: Omit<DialogRequest, 'resolve'>): Promise<boolean> {
  // A second request answers the first with "cancel": one dialog at a time.
  useDialogStore.getState().current?.resolve(false);
  return new Promise((resolvePromise) => {
    const request: DialogRequest = {
      ...req,
      resolve: (ok) => {
        useDialogStore.setState((s) => (s.current === request ? { current: null } : s));
        resolvePromise(ok);
      },
    };
    useDialogStore.setState({ current: request });
  });
}

export function confirmDialog(title: string, body: string, opts: { confirmLabel?: string; danger?: boolean } = {}): Promise<boolean> {
  return open({ title, body, kind: 'confirm', confirmLabel: opts.confirmLabel ?? 'OK', danger: opts.danger ?? false });
}

export function noticeDialog(title: string, body: string): Promise<boolean> {
  return open({ title, body, kind: 'notice', confirmLabel: 'OK', danger: false });
}
