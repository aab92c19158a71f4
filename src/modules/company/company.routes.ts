import { type App, type AppContext, currentUser } from '../../platform/http.ts';
import { assertManager } from '../../platform/permissions.ts';
import { editCompanySettingsBody } from './company.schema.ts';
import { editCompanySettings, readCompanySettings, uploadedLogo, uploadedLogoPath } from './company.service.ts';

export function registerCompanyRoutes(app: App, { db }: AppContext): void {
  const tags = ['settings'];
  app.get('/api/v1/company-settings', { schema: { tags } }, async () => readCompanySettings(db));
  app.patch('/api/v1/company-settings', { schema: { body: editCompanySettingsBody, tags }, bodyLimit: 512 * 1024 }, async (request) => {
    const user = currentUser(request);
    assertManager(user, 'change the company settings');
    return editCompanySettings(db, request.body, user.id);
  });
  // Public like the survey pages that show it. Only checked image types are stored, and nosniff
  // plus a sandboxing CSP keep a browser from treating the bytes as anything but an image.
  app.get(uploadedLogoPath, { schema: { hide: true } }, async (_request, reply) => {
    const logo = await uploadedLogo(db);
    if (!logo) return reply.status(404).send({ error: { code: 'not_found', message: 'No logo has been uploaded' } });
    return reply
      .header('content-type', logo.type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'public, max-age=86400')
      .send(logo.bytes);
  });
}
