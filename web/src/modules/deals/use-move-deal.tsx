import { useState } from 'react';
import { ApiError } from '../../api.ts';
import { isPast } from '../../ui/format.ts';
import { type NextStepBody, useChangeDeal } from './deal-changes.api.ts';
import { type Deal, type DealStage, stageLabels } from './deals.api.ts';
import { NextStepDialog } from './next-step-dialog.tsx';

type MovingDeal = Pick<Deal, 'id' | 'title' | 'stage' | 'next_step'>;

/**
 * Moves a deal to another stage. The server refuses a move on a deal with nothing planned ahead
 * unless the move brings its dated next step; the dialog asks for it up front when the deal shows
 * none, and again whenever the server says one is needed.
 */
export function useMoveDeal() {
  const change = useChangeDeal();
  const [asking, setAsking] = useState<{ deal: MovingDeal; stage: DealStage } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const send = (deal: MovingDeal, stage: DealStage, nextStep?: NextStepBody) => {
    setAnnouncement(`Moving ${deal.title} to ${stageLabels[stage]}…`);
    change.mutate(
      { id: deal.id, change: nextStep ? { stage, next_step: nextStep } : { stage } },
      {
        onSuccess: () => {
          setAsking(null);
          setAnnouncement(`${deal.title} moved to ${stageLabels[stage]}.`);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.field?.startsWith('next_step') && !nextStep) {
            setAsking({ deal, stage });
            setAnnouncement(`${deal.title} needs a next step before it moves.`);
            return;
          }
          setAnnouncement(`${deal.title} could not be moved: ${error.message}`);
        },
      },
    );
  };

  const move = (deal: MovingDeal, stage: DealStage) => {
    if (stage === deal.stage) return;
    change.reset();
    const planned = deal.next_step !== null && !isPast(deal.next_step.due_at);
    if (planned) send(deal, stage);
    else setAsking({ deal, stage });
  };

  const dialog = asking ? (
    <NextStepDialog
      title={`Move to ${stageLabels[asking.stage]}: what is the next step?`}
      explanation={`${asking.deal.title} has no next step planned. Every open deal keeps a dated next step, so plan it with the move.`}
      confirmLabel={`Move to ${stageLabels[asking.stage]}`}
      pending={change.isPending}
      error={asking && change.error ? change.error.message : null}
      onConfirm={(step) => send(asking.deal, asking.stage, step)}
      onClose={() => {
        setAsking(null);
        setAnnouncement(`${asking.deal.title} stays in ${stageLabels[asking.deal.stage]}.`);
      }}
    />
  ) : null;

  return { move, dialog, announcement, moving: change.isPending };
}
