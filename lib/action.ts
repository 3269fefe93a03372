import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { currentActor, type Actor } from "./actor";
import { auditAlone } from "./audit";
import { CommitOutcomeUnknown, isDatabaseUnavailable, UNAVAILABLE_ACTION_MESSAGE, UNKNOWN_OUTCOME_MESSAGE } from "./availability";
import { DomainError, isDomainError, type FieldErrors } from "./errors";
import { requestContext, type RequestContext } from "./request";

import type { ActionResult, FormState } from "./action-result";

export type { ActionResult, FormState };

const UNEXPECTED = "Something went wrong and nothing was saved. Try again; if it keeps happening, tell your administrator the reference shown here.";

/**
 * Error messages can quote the values that caused them (a database error names the duplicate
 * key), so the log gets the error's kind and where it happened, never its message.
 */
export function logUnexpected(requestId: string, where: string, error: unknown): void {
  const { name, code, stack } = (error ?? {}) as { name?: string; code?: string; stack?: string };
  const frames = stack?.split("\n").filter((line) => line.trimStart().startsWith("at ")).slice(0, 8).join("\n");
  console.error(`[request ${requestId}] ${where} failed: ${name ?? "Error"}${code ? ` (${code})` : ""}\n${frames ?? ""}`);
}

/** FormData to a plain object; React's own bookkeeping fields are dropped. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const text = typeof value === "string" ? value : "";
    result[key] = key in result ? ([] as unknown[]).concat(result[key], text) : text;
  }
  return result;
}

/**
 * A server action's arguments are whatever the request encodes, not necessarily FormData: anything
 * else goes to the strict schema as it is, to be refused there like any other bad payload (rather
 * than a TypeError becoming an unexpected error).
 */
const formInput = (formData: unknown): unknown => (formData instanceof FormData ? formDataToObject(formData) : formData);

type Options<T> = { success?: string | ((data: T) => string) };

async function run<S extends z.ZodType, T>(
  name: string,
  schema: S,
  input: unknown,
  needsActor: boolean,
  work: (actor: Actor | null, input: z.output<S>, context: RequestContext) => Promise<T>,
  options: Options<T>,
): Promise<ActionResult<T>> {
  const context = await requestContext();
  let actor: Actor | null = null;
  try {
    actor = needsActor ? await currentActor() : null;
    if (needsActor && !actor) throw new DomainError("Unauthenticated", "Your session has ended. Sign in again.");
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        error: "Some fields need attention.",
        fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors,
      };
    }
    const data = await work(actor, parsed.data, context);
    const message = typeof options.success === "function" ? options.success(data) : options.success;
    return { ok: true, data, message };
  } catch (error) {
    unstable_rethrow(error);
    if (isDomainError(error)) {
      if (error.kind === "Forbidden" || error.kind === "Unauthenticated" || error.kind === "NotFound") {
        await auditAlone({ actor, action: name, outcome: "denied", ...error.subject, details: { reason: error.kind } }, context);
      }
      return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    }
    if (error instanceof CommitOutcomeUnknown) {
      console.error(`[request ${context.requestId}] action ${name}: the database connection was lost while committing`);
      return { ok: false, error: UNKNOWN_OUTCOME_MESSAGE };
    }
    if (isDatabaseUnavailable(error)) {
      // Not a bug: the database server is down or restarting, and the save was cut off before COMMIT.
      console.error(`[request ${context.requestId}] action ${name}: the database is unreachable`);
      return { ok: false, error: UNAVAILABLE_ACTION_MESSAGE };
    }
    logUnexpected(context.requestId, `action ${name}`, error);
    return { ok: false, error: `${UNEXPECTED} (Reference ${context.requestId})` };
  }
}

/**
 * The one way to expose a domain command as a server action: signed-in actor, zod parse,
 * domain call, typed result. Refusals are audited here so no action can forget to.
 */
export function action<S extends z.ZodType, T>(
  name: string,
  schema: S,
  work: (actor: Actor, input: z.output<S>, context: RequestContext) => Promise<T>,
  options: Options<T> = {},
) {
  return async (_previous: FormState<T>, formData: FormData): Promise<ActionResult<T>> =>
    run(name, schema, formInput(formData), true, (actor, input, context) => work(actor!, input, context), options);
}

/** The same for the few actions a signed-out person may take (following a set-password link). */
export function publicAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  work: (input: z.output<S>, context: RequestContext) => Promise<T>,
  options: Options<T> = {},
) {
  return async (_previous: FormState<T>, formData: FormData): Promise<ActionResult<T>> =>
    run(name, schema, formInput(formData), false, (_actor, input, context) => work(input, context), options);
}
