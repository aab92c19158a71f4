import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { type Product, useLaunchPreview, useLaunchProduct } from './products.api.ts';

/**
 * Launching starts the announcement playbook, which emails every matching customer: so the dialog
 * first shows exactly who that is, from the server's own preview, and launches only on confirmation.
 */
export function LaunchDialog({ product, onClose, onLaunched }: { product: Product; onClose: () => void; onLaunched: () => void }) {
  const preview = useLaunchPreview(product.id);
  const launch = useLaunchProduct();
  const count = preview.data?.recipient_count ?? 0;
  const more = preview.data ? count - preview.data.recipients.length : 0;
  return (
    <ModalDialog title={`Launch ${product.name}?`} onClose={onClose} wide>
      {preview.isPending ? <Loading>Finding who will hear about it…</Loading> : null}
      {preview.isError ? <ErrorMessage error={preview.error} title="Could not preview the launch." /> : null}
      {preview.isSuccess ? (
        <>
          <p className="modal__lead" data-testid="launch-reach">
            {count === 0
              ? product.tags.length === 0
                ? 'This product has no tags, so the announcement reaches no customer. Add tags that match customers’ interests first.'
                : 'No customer’s interests match this product’s tags, so the announcement reaches no one.'
              : `The announcement email goes to ${count} ${count === 1 ? 'customer' : 'customers'} whose interests match: ${product.tags.join(', ')}.`}
          </p>
          {preview.data.recipients.length > 0 ? (
            <ul className="launch-recipients" data-testid="launch-recipients">
              {preview.data.recipients.map((account) => (
                <li key={account.id}>
                  <strong>{account.name}</strong>
                  <span className="launch-recipients__meta">
                    interested in {account.matching_interests.join(', ')} · owner {account.owner_name ?? 'none'}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {more > 0 ? <p className="field-hint">…and {more} more.</p> : null}
        </>
      ) : null}
      {launch.error ? <ErrorMessage error={launch.error} title="Could not launch." /> : null}
      <div className="modal__buttons">
        <button type="button" className="button button--secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button" disabled={!preview.isSuccess || launch.isPending} onClick={() => launch.mutate(product.id, { onSuccess: onLaunched })}>
          {launch.isPending ? 'Launching…' : 'Launch and announce'}
        </button>
      </div>
    </ModalDialog>
  );
}
