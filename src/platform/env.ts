import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  AFTERCLOSE_DATA: z.string().min(1).default('./.afterclose'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  AFTERCLOSE_DEMO_PASSWORD: z.string().min(1).default('demo'),
  AFTERCLOSE_SEED: z.coerce.number().int().default(42),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Afterclose <no-reply@afterclose.local>'),
  OUTBOX_DIR: z.string().min(1).optional(),
  MESSAGE_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  NODE_ENV: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

/** Reads the environment once at start and fails fast, naming the variable to fix. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new Error(`Invalid environment variable ${name}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
