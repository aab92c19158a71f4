import { useEffect, useRef, useState } from 'react';
import { type DealOutcome, useCloseDeal } from './deal-changes.api.ts';

export const UNDO_WINDOW_MS = 6000;

export type PendingClose = { dealId: string; title: string; outcome: DealOutcome };

/**
 * Winning or losing a deal starts playbooks and queues customer emails on the server, which cannot
 * be called back. So Undo must mean nothing happened: the request is held here in the browser and
 * sent only when the undo window ends. Leaving the page sends it at once, since the person confirmed
 * and did not undo; closing the tab within the window drops it, which is also nothing irreversible.
 */
export function useUndoableClose() {
  const close = useCloseDeal();
  const [pending, setPending] = useState<PendingClose | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const held = useRef<PendingClose | null>(null);
  const send = useRef(close.mutate);
  send.current = close.mutate;

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const item = held.current;
    held.current = null;
    setPending(null);
    if (item) send.current({ id: item.dealId, outcome: item.outcome });
  };

  const schedule = (item: PendingClose) => {
    if (held.current) flush();
    held.current = item;
    setPending(item);
    timer.current = setTimeout(flush, UNDO_WINDOW_MS);
  };

  const undo = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    held.current = null;
    setPending(null);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on leaving the page.
  useEffect(() => () => flush(), []);

  return { pending, schedule, undo, error: close.error, sending: close.isPending };
}
