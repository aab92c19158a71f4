import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LaunchPreview as ServerLaunchPreview, ProductView } from '../../../../src/modules/products/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page, withQuery } from '../../api.ts';
import type { Role } from '../auth/auth.api.ts';

// The server's own types, as JSON.
export type Product = Jsonified<ProductView>;
export type LaunchPreview = Jsonified<ServerLaunchPreview>;
export type ProductFields = Pick<Product, 'sku' | 'name' | 'category' | 'tags' | 'price' | 'active' | 'getting_started_url'>;

/** The catalogue is everyone's to read and managers' to change (docs/permissions.md). */
export const canEditCatalogue = (role: Role): boolean => role === 'admin' || role === 'manager';

const PRODUCTS_SHOWN = 200;

export const productKeys = {
  all: ['products'] as const,
  list: (q: string) => ['products', 'list', { q }] as const,
  launchPreview: (id: string) => ['products', 'launch-preview', id] as const,
};

export function useProducts(q: string) {
  return useQuery({
    queryKey: productKeys.list(q),
    queryFn: ({ signal }) => apiRequest<Page<Product>>(withQuery('/api/v1/products', { q, limit: PRODUCTS_SHOWN }), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useLaunchPreview(id: string) {
  return useQuery({
    queryKey: productKeys.launchPreview(id),
    queryFn: ({ signal }) => apiRequest<LaunchPreview>(`/api/v1/products/${encodeURIComponent(id)}/launch-preview`, { signal }),
  });
}

function useProductChange<TInput>(send: (input: TInput) => Promise<Product>) {
  const queryClient = useQueryClient();
  return useMutation<Product, Error, TInput>({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: productKeys.all }),
  });
}

export const useCreateProduct = () =>
  useProductChange((body: ProductFields) => apiRequest<Product>('/api/v1/products', { method: 'POST', body }));

export const useUpdateProduct = () =>
  useProductChange(({ id, body }: { id: string; body: ProductFields }) =>
    apiRequest<Product>(`/api/v1/products/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  );

export const useLaunchProduct = () =>
  useProductChange((id: string) => apiRequest<Product>(`/api/v1/products/${encodeURIComponent(id)}/launch`, { method: 'POST' }));
