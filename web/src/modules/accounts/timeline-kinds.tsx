import type { BadgeTone } from '../../ui/badge.tsx';
import type { TimelineType } from './accounts.api.ts';

type Look = { label: string; tone: BadgeTone; icon: keyof typeof iconPaths };

// 24×24 stroke icons: one per kind of entry, so a glance at the timeline tells a call from an order.
const iconPaths = {
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2',
  people: 'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8M22 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8',
  mail: 'M3 5h18v14H3zM3 6l9 7 9-7',
  note: 'M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4',
  check: 'M20 6 9 17l-5-5',
  card: 'M3 6h18v12H3zM3 10h18M7 15h4',
  chart: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  box: 'M21 8 12 3 3 8v8l9 5 9-5zM3 8l9 5 9-5M12 13v8',
  diamond: 'M12 2 22 12 12 22 2 12z',
  wrench: 'M14.7 6.3a4 4 0 0 0 5 5L21 13l-8 8-3-3 8-8-1.3-1.3a4 4 0 0 0-5-5L14 2z M3 21l6-6',
  arrows: 'M17 3l4 4-4 4M21 7H9M7 21l-4-4 4-4M3 17h12',
  flag: 'M5 21V4h11l-1.5 4L16 12H5',
  star: 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1 6.2-5.5-2.9-5.5 2.9 1-6.2L3 9.6l6.2-.9z',
  bell: 'M6 9a6 6 0 0 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10 21h4',
  dot: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8',
} as const;

export const timelineLooks: Record<TimelineType, Look> = {
  call: { label: 'Call', tone: 'info', icon: 'phone' },
  meeting: { label: 'Meeting', tone: 'info', icon: 'people' },
  email: { label: 'Email', tone: 'info', icon: 'mail' },
  check_in: { label: 'Check-in', tone: 'info', icon: 'check' },
  management_call: { label: 'Management call', tone: 'info', icon: 'phone' },
  task: { label: 'Task', tone: 'neutral', icon: 'check' },
  card: { label: 'Card', tone: 'info', icon: 'card' },
  survey: { label: 'Survey', tone: 'neutral', icon: 'chart' },
  referral_ask: { label: 'Referral ask', tone: 'info', icon: 'arrows' },
  clipping: { label: 'Clipping', tone: 'neutral', icon: 'note' },
  note: { label: 'Note', tone: 'neutral', icon: 'note' },
  order: { label: 'Order', tone: 'success', icon: 'box' },
  deal: { label: 'Deal', tone: 'warning', icon: 'diamond' },
  account: { label: 'Account', tone: 'neutral', icon: 'star' },
  contact: { label: 'Contact', tone: 'neutral', icon: 'people' },
  csat: { label: 'Satisfaction', tone: 'neutral', icon: 'chart' },
  goal: { label: 'Goal', tone: 'success', icon: 'flag' },
  issue: { label: 'Service issue', tone: 'danger', icon: 'wrench' },
  mention: { label: 'Mention', tone: 'neutral', icon: 'bell' },
  message: { label: 'Message', tone: 'neutral', icon: 'mail' },
  playbook: { label: 'Playbook', tone: 'neutral', icon: 'check' },
  product: { label: 'Product', tone: 'neutral', icon: 'box' },
  referral: { label: 'Referral', tone: 'success', icon: 'arrows' },
};

/** What the kind filter offers, most asked-for first; every kind of entry is reachable. */
export const timelineFilterTypes = Object.keys(timelineLooks) as TimelineType[];

export function TimelineIcon({ type }: { type: TimelineType }) {
  const look = timelineLooks[type] ?? { icon: 'dot' as const };
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={iconPaths[look.icon]} />
    </svg>
  );
}
