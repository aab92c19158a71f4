import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { type Product, type ProductFields, useCreateProduct, useUpdateProduct } from './products.api.ts';

const fieldLabels: Record<string, string> = { sku: 'SKU', name: 'Name', category: 'Category', tags: 'Tags', price: 'Price', getting_started_url: 'Getting-started link' };

/** Creates a product, or edits one when given. Tags are typed comma-separated, as people list them. */
export function ProductFormDialog({ product, onClose }: { product: Product | null; onClose: () => void }) {
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const saving = product ? update : create;
  const [sku, setSku] = useState(product?.sku ?? '');
  const [name, setName] = useState(product?.name ?? '');
  const [category, setCategory] = useState(product?.category ?? '');
  const [tags, setTags] = useState(product?.tags.join(', ') ?? '');
  const [price, setPrice] = useState(product ? String(product.price) : '');
  const [active, setActive] = useState(product?.active ?? true);
  const [guide, setGuide] = useState(product?.getting_started_url ?? '');
  const [missing, setMissing] = useState<string | null>(null);

  const apiError = saving.error instanceof ApiError ? saving.error : null;
  const invalid = missing ?? apiError?.field?.split('.')[0] ?? null;
  const message = missing
    ? `${fieldLabels[missing]} is required.`
    : // The server's message already names the field in words ("Price must be at least 0").
      (saving.error?.message ?? null);
  const errorProps = (field: string) => (invalid === field ? { 'aria-invalid': true, 'aria-describedby': 'product-form-error' } : {});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!sku.trim()) return setMissing('sku');
    if (!name.trim()) return setMissing('name');
    if (price.trim() === '' || Number.isNaN(Number(price))) return setMissing('price');
    setMissing(null);
    const body: ProductFields = {
      sku: sku.trim(),
      name: name.trim(),
      category: category.trim() || null,
      tags: [...new Set(tags.split(',').map((tag) => tag.trim().toLowerCase()).filter(Boolean))],
      price: Number(price),
      active,
      getting_started_url: guide.trim() || null,
    };
    if (product) update.mutate({ id: product.id, body }, { onSuccess: onClose });
    else create.mutate(body, { onSuccess: onClose });
  };

  return (
    <ModalDialog title={product ? `Edit ${product.name}` : 'New product'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {message ? (
          <div id="product-form-error" className="status status--error" role="alert">
            {message}
          </div>
        ) : null}
        <div className="fields-row">
          <div className="field">
            <label htmlFor="product-name">Name</label>
            <input id="product-name" className="input" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} {...errorProps('name')} />
          </div>
          <div className="field">
            <label htmlFor="product-sku">SKU</label>
            <input id="product-sku" className="input" maxLength={64} value={sku} onChange={(e) => setSku(e.target.value)} {...errorProps('sku')} />
          </div>
        </div>
        <div className="fields-row">
          <div className="field">
            <label htmlFor="product-price">Price</label>
            <input id="product-price" className="input" type="number" min={0} step="any" value={price} onChange={(e) => setPrice(e.target.value)} {...errorProps('price')} />
          </div>
          <div className="field">
            <label htmlFor="product-category">Category (optional)</label>
            <input id="product-category" className="input" maxLength={100} value={category} onChange={(e) => setCategory(e.target.value)} {...errorProps('category')} />
          </div>
        </div>
        <div className="field">
          <label htmlFor="product-tags">Tags</label>
          <input id="product-tags" className="input" value={tags} aria-describedby="product-tags-hint" onChange={(e) => setTags(e.target.value)} {...errorProps('tags')} />
          <p id="product-tags-hint" className="field-hint">
            Separate with commas. A launch reaches the customers whose interests share a tag.
          </p>
        </div>
        <div className="field">
          <label htmlFor="product-guide">Getting-started link (optional)</label>
          <input id="product-guide" className="input" type="url" inputMode="url" maxLength={2000} placeholder="https://" value={guide} aria-describedby="product-guide-hint" onChange={(e) => setGuide(e.target.value)} {...errorProps('getting_started_url')} />
          <p id="product-guide-hint" className="field-hint">
            A page that shows how to use it. A new customer's first delivery sends it in a short follow-up email.
          </p>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          On sale
        </label>
        <div className="modal__buttons">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={saving.isPending}>
            {saving.isPending ? 'Saving…' : product ? 'Save' : 'Create product'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
