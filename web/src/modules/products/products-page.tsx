import { useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { formatDate, formatMoney } from '../../ui/format.ts';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { LaunchDialog } from './launch-dialog.tsx';
import { ProductFormDialog } from './product-form-dialog.tsx';
import { canEditCatalogue, type Product, useProducts } from './products.api.ts';
import './products.css';

export function ProductsPage() {
  const user = useSignedInUser();
  const editor = canEditCatalogue(user.role);
  const [q, setQ] = useState('');
  const products = useProducts(q.trim());
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [launching, setLaunching] = useState<Product | null>(null);
  const [notice, setNotice] = useState('');
  const items = products.data?.items ?? [];

  return (
    <>
      <title>Products · Afterclose</title>
      <div className="page-header">
        <div>
          <h1>Products</h1>
          <p className="page-header__meta">
            {editor ? 'The catalogue orders are priced from. Launch a product to announce it to interested customers.' : 'The catalogue orders are priced from.'}
          </p>
        </div>
        {editor ? (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            New product
          </button>
        ) : null}
      </div>
      <div className="field products-search">
        <label htmlFor="product-search">Search products</label>
        <input id="product-search" className="input" type="search" value={q} placeholder="Name or SKU" onChange={(e) => setQ(e.target.value)} />
      </div>
      <p className="sr-only" aria-live="polite">
        {notice}
      </p>
      {notice ? <p className="status status--success">{notice}</p> : null}
      {products.isPending ? <Loading>Loading products…</Loading> : null}
      {products.isError ? <ErrorMessage error={products.error} title="Could not load products." /> : null}
      {products.isSuccess && items.length === 0 ? (
        <EmptyState>{q ? 'No product matches that search.' : editor ? 'No products yet. Add the first with “New product”.' : 'No products yet.'}</EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table products-table" data-testid="products-table">
            <caption className="sr-only">Products</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Price</th>
                <th scope="col">Tags</th>
                <th scope="col">Launched</th>
                {editor ? <th scope="col"><span className="sr-only">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((product) => (
                <tr key={product.id} data-testid="product-row">
                  <th scope="row">
                    {product.name}
                    <span className="products-table__sku">
                      {product.sku}
                      {product.category ? ` · ${product.category}` : ''}
                      {product.active ? '' : ' · not on sale'}
                    </span>
                  </th>
                  <td>{formatMoney(product.price)}</td>
                  <td>
                    <ul className="tag-list">
                      {product.tags.map((tag) => (
                        <li key={tag} className="badge badge--info">
                          {tag}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{product.launched_at ? formatDate(product.launched_at) : 'Not yet'}</td>
                  {editor ? (
                    <td className="products-table__actions">
                      <button type="button" className="button button--secondary button--small" aria-label={`Edit ${product.name}`} onClick={() => setEditing(product)}>
                        Edit
                      </button>
                      <button type="button" className="button button--small" aria-label={`Launch ${product.name}`} onClick={() => setLaunching(product)}>
                        Launch
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? <ProductFormDialog product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {launching ? (
        <LaunchDialog
          product={launching}
          onClose={() => setLaunching(null)}
          onLaunched={() => {
            setNotice(`${launching.name} launched: the announcement playbook is informing the interested customers.`);
            setLaunching(null);
          }}
        />
      ) : null}
    </>
  );
}
