import { z } from 'zod';
import { type App, type AppContext, idParams, requireRole } from '../../platform/http.ts';
import { eraseContact } from './erase-contact.ts';
import { exportPersonalData } from './personal-data.ts';

// Asking for a person's data or erasing them is a request a business handles deliberately: managers and admins.
const privacyRoles = ['admin', 'manager'] as const;
const eraseBody = z.object({ confirm: z.literal(true, { message: 'send confirm: true to erase this contact for good' }) });

export function registerPrivacyRoutes(app: App, { db }: AppContext): void {
  const tags = ['contacts'];
  app.get('/api/v1/contacts/:id/personal-data', { schema: { params: idParams, tags } }, async (request, reply) => {
    const user = requireRole(request, [...privacyRoles]);
    const data = await exportPersonalData(db, request.params.id, user.id);
    return reply.header('content-disposition', `attachment; filename="contact-${request.params.id}.json"`).send(data);
  });
  app.post('/api/v1/contacts/:id/erase', { schema: { params: idParams, body: eraseBody, tags } }, async (request) => {
    const user = requireRole(request, [...privacyRoles]);
    return eraseContact(db, request.params.id, user.id);
  });
}
