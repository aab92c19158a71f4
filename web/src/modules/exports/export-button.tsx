import type { ExportFilterParams } from '../../../../src/modules/exports/index.ts';
import { withQuery } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { canExport } from '../auth/permissions.ts';

type ExportButtonProps<L extends keyof ExportFilterParams> = { list: L; filters: ExportFilterParams[L]; label?: string };

/**
 * Downloads the list as CSV with the filters it is shown with. Only managers and admins may export
 * (a list holds every owner's customers), so nobody else sees the button.
 */
export function ExportButton<L extends keyof ExportFilterParams>({ list, filters, label = 'Export CSV' }: ExportButtonProps<L>) {
  const user = useSignedInUser();
  if (!canExport(user.role)) return null;
  return (
    <a className="button button--secondary export-button" href={withQuery(`/api/v1/exports/${list}.csv`, filters)} download>
      {label}
    </a>
  );
}
