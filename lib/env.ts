import { z } from "zod";

/** Shipped so `npm run dev` works out of the box; a production server refuses to start with it. */
export const DEV_AUTH_SECRET = "tsunagu-development-secret-do-not-use-in-production";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  // The schema owner's connection, for migrations, when DATABASE_URL is the restricted app role.
  DATABASE_MIGRATION_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  // "no": the app never changes the schema itself and refuses to start while migrations are pending.
  TSUNAGU_MIGRATE_ON_START: z.enum(["yes", "no"]).default("yes"),
  TSUNAGU_DATA_DIR: z.string().min(1).default(".data/pglite"),
  TSUNAGU_DEMO_DATA: z.enum(["auto", "off"]).default("auto"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").default(DEV_AUTH_SECRET),
  NEXTAUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
  // How often an active case is due an HQ-25.
  TSUNAGU_HQ25_INTERVAL_DAYS: z.coerce.number().int().min(7).max(730).default(90),
});

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Read lazily, so `next build` never needs runtime secrets. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse({
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    DATABASE_MIGRATION_URL: process.env.DATABASE_MIGRATION_URL || undefined,
    TSUNAGU_MIGRATE_ON_START: process.env.TSUNAGU_MIGRATE_ON_START || undefined,
    AUTH_SECRET: process.env.AUTH_SECRET || undefined,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || undefined,
  });
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  }
  if (parsed.data.NODE_ENV === "production" && parsed.data.AUTH_SECRET === DEV_AUTH_SECRET) {
    throw new Error(
      "AUTH_SECRET is the development default. Set a random secret of at least 32 characters " +
        "(for example `openssl rand -base64 32`), or start with `npm start`, which creates one.",
    );
  }
  const url = parsed.data.NEXTAUTH_URL ? new URL(parsed.data.NEXTAUTH_URL) : null;
  if (parsed.data.NODE_ENV === "production" && url?.protocol === "http:" && !LOCAL_HOSTS.has(url.hostname)) {
    throw new Error("NEXTAUTH_URL must use https:// in production (plain http is allowed for localhost only).");
  }
  cached = parsed.data;
  return cached;
}

export function databaseConfig(): { url?: string; migrationUrl?: string; migrateOnStart: boolean; dataDir: string } {
  const { DATABASE_URL, DATABASE_MIGRATION_URL, TSUNAGU_MIGRATE_ON_START, TSUNAGU_DATA_DIR } = env();
  if (DATABASE_MIGRATION_URL && !DATABASE_URL) {
    throw new Error("DATABASE_MIGRATION_URL is set without DATABASE_URL: set both, or neither for the embedded database.");
  }
  return {
    url: DATABASE_URL,
    migrationUrl: DATABASE_MIGRATION_URL,
    migrateOnStart: TSUNAGU_MIGRATE_ON_START === "yes",
    dataDir: TSUNAGU_DATA_DIR,
  };
}

/** Cookies get the Secure flag and the __Secure- prefix whenever the public URL is https. */
export function secureCookies(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}
