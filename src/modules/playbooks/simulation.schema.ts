import { z } from 'zod';
import { calendarDay } from '../../platform/timestamps.ts';
import { createPlaybookBody } from './playbooks.schema.ts';

const day = calendarDay;

/**
 * A playbook of the edited program: saved or not, it passes the same checks as saving one. A client
 * sends back the playbooks it read and edited, so the read-only fields of that answer (version,
 * dates…) are let through and ignored (decision 0050); the steps are checked field by field.
 */
export const simulatedPlaybookSchema = createPlaybookBody.extend({ id: z.string().uuid().optional() }).loose();
export type SimulatedPlaybook = z.infer<typeof simulatedPlaybookSchema>;

export const simulationBody = z
  .object({
    /** First day replayed; a year before `to` when not given. */
    from: day.optional(),
    /** Last day replayed; today when not given. */
    to: day.optional(),
    /** A customer nobody touched for longer than this is forgotten. */
    silent_days: z.number().int().min(7).max(730).default(90),
    /** More emails than this to one customer in one month is a warning. */
    emails_per_month_warning: z.number().int().min(1).max(100).default(4),
    /**
     * `capacity` places each person's tasks by their capacity, as production does; `wanted_day` plans
     * every task on the day its step asks for, to see what the placement changes.
     */
    planning: z.enum(['capacity', 'wanted_day']).default('capacity'),
    /** The edited program to compare with the current one (only its enabled playbooks run). */
    edited: z.array(simulatedPlaybookSchema).max(100).optional(),
  })
  .refine((b) => !b.from || !b.to || b.from <= b.to, { message: 'the period must start before it ends', path: ['from'] })
  .refine((b) => !b.from || !b.to || Date.parse(b.to) - Date.parse(b.from) <= 3 * 366 * 86_400_000, { message: 'the period may be at most three years', path: ['to'] });
export type SimulationInput = z.infer<typeof simulationBody>;
