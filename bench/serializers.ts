// How fast a page of 50 deals is written as JSON: JSON.stringify (no response schema), the
// serializer compiled from the response schema (src/platform/response-serializer.ts), and
// fastify-type-provider-zod's own serializer (zod encode, then JSON.stringify). Decision 0032.
//   npx tsx bench/serializers.ts

import { serializerCompiler as zodLibrarySerializer } from 'fastify-type-provider-zod';
import { dealPage } from '../src/modules/deals/index.ts';
import { serializerCompiler } from '../src/platform/response-serializer.ts';

const route = { schema: dealPage, method: 'GET', url: '/api/v1/deals/stalled', httpStatus: '200' };
const at = new Date('2026-12-01T09:30:00.123Z');
const page = {
  items: Array.from({ length: 50 }, (_, i) => ({
    id: `3f0c1d2e-0000-4000-8000-${String(i).padStart(12, '0')}`,
    account_id: '3f0c1d2e-0000-4000-8000-000000000001',
    account_name: `Bäckerei Nummer ${i}`,
    title: `Renewal ${i}`,
    value: 1250.5 * i,
    currency: 'EUR',
    stage: 'proposal' as const,
    status: 'open' as const,
    owner_id: '3f0c1d2e-0000-4000-8000-000000000002',
    owner_name: 'Sam Seller',
    expected_close_on: '2026-12-24',
    closed_at: null,
    lost_reason: null,
    created_at: at,
    updated_at: at,
    days_stalled: i,
    next_step: i % 2 ? { id: '3f0c1d2e-0000-4000-8000-000000000003', kind: 'call' as const, subject: 'Call back', due_at: at, assignee_id: null, assignee_name: null } : null,
    stalled: true,
  })),
  next: 'WyIyMDI2LTEyLTAxVDA5OjMwOjAwLjEyMzQ1NloiXQ',
};

const writers: [string, (data: unknown) => string][] = [
  ['JSON.stringify (no response schema)', (data) => JSON.stringify(data)],
  ['compiled from the response schema', serializerCompiler(route)],
  ["fastify-type-provider-zod's serializer", zodLibrarySerializer(route)],
];

const expected = JSON.stringify(page);
for (const [name, write] of writers) {
  if (JSON.stringify(JSON.parse(write(page))) !== JSON.stringify(JSON.parse(expected))) throw new Error(`${name} writes a different answer`);
}
const runs = 5_000;
for (let round = 0; round < 3; round++) {
  const line = writers.map(([name, write]) => {
    for (let i = 0; i < 500; i++) write(page);
    const started = process.hrtime.bigint();
    for (let i = 0; i < runs; i++) write(page);
    return `${name} ${(Number(process.hrtime.bigint() - started) / runs / 1000).toFixed(0)} µs`;
  });
  console.log(`page of 50 deals, round ${round + 1}: ${line.join(' · ')}`);
}
