import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompanySettings as ServerCompanySettings, EditCompanySettingsInput } from '../../../../src/modules/company/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest } from '../../api.ts';

/** The company settings as the server answers them (types from the server's module face). */
export type CompanySettings = Jsonified<ServerCompanySettings>;
export type CompanySettingsChange = EditCompanySettingsInput;

const companyKey = ['company-settings'] as const;

/**
 * The business name, reply-to address, default currency and logo. Everyone may read them; the web
 * formats an amount that has no currency of its own in `default_currency`. They change rarely, so
 * they are kept fresh for ten minutes.
 */
export function useCompanySettings() {
  return useQuery({
    queryKey: companyKey,
    queryFn: ({ signal }) => apiRequest<CompanySettings>('/api/v1/company-settings', { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useEditCompanySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: CompanySettingsChange) => apiRequest<CompanySettings>('/api/v1/company-settings', { method: 'PATCH', body: change }),
    onSuccess: (settings) => client.setQueryData(companyKey, settings),
  });
}
