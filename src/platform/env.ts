import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which peers may tell us the client's address in X-Forwarded-For. Off by default: trusting the
 * header from anyone lets a client pick its own address and walk past every per-address limit.
 * `true` trusts every peer (only when nothing but the proxy can reach the app); otherwise name the
 * proxies: a comma-separated list of addresses or CIDR ranges.
 */
const trustProxy = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): boolean | string[] => {
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    const peers = value.split(',').map((peer) => peer.trim());
    const valid = peers.every((peer) => {
      const [address = '', bits, extra] = peer.split('/');
      return isIP(address) !== 0 && extra === undefined && (bits === undefined || /^\d{1,3}$/.test(bits));
    });
    if (!valid) ctx.addIssue({ code: 'custom', message: 'expected false, true, or proxy addresses/CIDR ranges separated by commas' });
    return peers;
  });

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  AFTERCLOSE_DATA: z.string().min(1).default('./.afterclose'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  AFTERCLOSE_DEMO_PASSWORD: z.string().min(1).default('afterclose-demo'),
  AFTERCLOSE_SEED: z.coerce.number().int().default(42),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: trustProxy,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Afterclose <no-reply@afterclose.local>'),
  OUTBOX_DIR: z.string().min(1).optional(),
  MESSAGE_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  // Unset, /metrics does not exist (404): the numbers say how busy the business is.
  METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
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
