import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { useCreateDeal } from './deal-changes.api.ts';
import { DealFormDialog } from './deal-form-dialog.tsx';
import { NextStepDialog } from './next-step-dialog.tsx';
import type { DealDraft } from './deal-form-dialog.tsx';

/**
 * Creates a deal on an account in two short steps: what the deal is, then its first dated step —
 * an open deal always has one, so the new card never starts out stalled.
 */
export function NewDealButton({ accountId }: { accountId: string }) {
  const me = useSignedInUser();
  const navigate = useNavigate();
  const create = useCreateDeal();
  const [step, setStep] = useState<'closed' | 'deal' | 'next'>('closed');
  const [draft, setDraft] = useState<DealDraft>({ title: '', value: '', currency: 'EUR', stage: 'lead', owner_id: me.id, expected_close_on: '' });
  const close = () => {
    create.reset();
    setStep('closed');
  };
  return (
    <>
      <button type="button" className="button button--small" onClick={() => setStep('deal')}>
        New deal
      </button>
      {step === 'deal' ? (
        <DealFormDialog
          title="New deal"
          initial={draft}
          askStage
          submitLabel="Next: first step"
          pending={false}
          error={null}
          onClose={close}
          onSubmit={(filled) => {
            setDraft(filled);
            setStep('next');
          }}
        />
      ) : null}
      {step === 'next' ? (
        <NextStepDialog
          title={`First step for ${draft.title}`}
          explanation="Every open deal keeps a dated next step. What happens first, who does it, and when?"
          confirmLabel="Create deal"
          pending={create.isPending}
          error={create.error?.message ?? null}
          onClose={close}
          onConfirm={(nextStep) =>
            create.mutate(
              {
                account_id: accountId,
                title: draft.title.trim(),
                value: Number(draft.value),
                currency: draft.currency,
                stage: draft.stage,
                owner_id: draft.owner_id,
                expected_close_on: draft.expected_close_on || null,
                next_step: nextStep,
              },
              { onSuccess: (deal) => navigate(`/deals/${encodeURIComponent(deal.id)}`) },
            )
          }
        />
      ) : null}
    </>
  );
}
