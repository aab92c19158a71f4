import { useCallback, useEffect, useRef, useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ErrorMessage } from '../../ui/status.tsx';
import { timesInZone } from '../../ui/time-zone.ts';
import { ExportButton } from '../exports/export-button.tsx';
import { BulkActions } from './bulk-actions.tsx';
import { DigestToggle } from './digest-toggle.tsx';
import { type DayTouch, type MyDay, type TouchAction, useMyDay } from './me.api.ts';
import { TouchGroup } from './touch-group.tsx';
import './my-day.css';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';

const actionWords: Record<TouchAction['type'], string> = {
  complete: 'Done',
  skip: 'Skipped',
  snooze: 'Snoozed',
  reschedule: 'Rescheduled',
};

const allTouches = (day: MyDay | undefined): DayTouch[] => (day ? [...day.overdue, ...day.today, ...day.upcoming] : []);

export function MyDayPage() {
  const day = useMyDay();
  const user = useSignedInUser();
  const [announcement, setAnnouncement] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [byAccount, setByAccount] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Where focus goes once the finished touch has left the list: the touch after it, else the one before.
  const focusCandidates = useRef<string[] | null>(null);
  const latest = useRef(day.data);
  latest.current = day.data;

  const onActionDone = useCallback((touch: DayTouch, action: TouchAction) => {
    const ids = allTouches(latest.current).map((t) => t.id);
    const at = ids.indexOf(touch.id);
    focusCandidates.current = [ids[at + 1], ids[at - 1]].filter((id): id is string => id !== undefined);
    setAnnouncement(`${actionWords[action.type]}: ${touch.subject}`);
  }, []);

  useEffect(() => {
    const candidates = focusCandidates.current;
    if (!candidates || !day.data) return;
    focusCandidates.current = null;
    for (const id of candidates) {
      const button = document.querySelector<HTMLElement>(`[data-touch-id="${CSS.escape(id)}"] [data-action="done"]`);
      if (button) return button.focus();
    }
    headingRef.current?.focus();
  }, [day.data]);

  // A touch that left the list (done, or changed elsewhere) cannot stay selected.
  useEffect(() => {
    const listed = new Set(allTouches(day.data).map((t) => t.id));
    setSelected((current) => ([...current].every((id) => listed.has(id)) ? current : new Set([...current].filter((id) => listed.has(id)))));
  }, [day.data]);

  const onSelect = useCallback((ids: string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });
  }, []);

  const data = day.data;
  const total = data ? data.overdue.length + data.today.length : 0;
  const groupProps = data ? { timeZone: data.time_zone, today: data.date, onActionDone, byAccount, selected, onSelect } : null;

  return (
    <>
      <title>My day · Afterclose</title>
      <PageHeader
        title="My day"
        headingRef={headingRef}
        description={data ? `${formatDay(data.date)} · ${total} to do today · ${timesInZone(data.time_zone)}` : null}
        actions={<DigestToggle />}
      />
      <div className="my-day__tools">
        <ExportButton list="touches" filters={{ assignee_id: user.id, status: 'planned' }} label="Export my planned touches" />
        <label className="my-day__toggle">
          <input type="checkbox" checked={byAccount} onChange={(event) => setByAccount(event.target.checked)} />
          Group by account
        </label>
      </div>
      <p className="sr-only" role="status">
        {announcement}
      </p>
      {day.isPending ? <SkeletonRows label="Loading your day…" /> : null}
      {day.isError ? <ErrorMessage error={day.error} title="Could not load your day." /> : null}
      {data && selected.size > 0 ? (
        <BulkActions
          selectedIds={[...selected]}
          today={data.date}
          currentUserId={user.id}
          onDone={setAnnouncement}
          onClear={() => setSelected(new Set())}
        />
      ) : null}
      {data && groupProps ? (
        <div className="my-day">
          <TouchGroup id="overdue" title="Overdue" empty="Nothing overdue." touches={data.overdue} showDate overdue {...groupProps} />
          <TouchGroup id="today" title="Today" empty="Nothing else due today." touches={data.today} showDate={false} {...groupProps} />
          <TouchGroup id="upcoming" title="Next 7 days" empty="Nothing planned for the next 7 days." touches={data.upcoming} showDate {...groupProps} />
        </div>
      ) : null}
    </>
  );
}

function formatDay(date: string): string {
  const at = new Date(`${date}T12:00:00Z`);
  return new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(at);
}
