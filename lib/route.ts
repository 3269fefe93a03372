import "server-only";
import { currentActor, type Actor } from "./actor";
import { logUnexpected } from "./action";
import { auditAlone } from "./audit";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "./availability";
import { httpStatus, isDomainError } from "./errors";
import { can, type Permission } from "./policy";
import { requestContext, type RequestContext } from "./request";

const noStore = { "Cache-Control": "no-store" };

/**
 * The one way to expose a download or API endpoint: signed-in actor (401 if not), the permission
 * (404 if missing, so the endpoint's existence is not confirmed, and audited), the domain call,
 * domain errors mapped to their status and unexpected ones to a generic 500 with a reference.
 */
export function route<P>(
  name: string,
  permission: Permission,
  work: (actor: Actor, request: Request, params: P, context: RequestContext) => Promise<Response>,
) {
  return async (request: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    const context = await requestContext();
    try {
      const actor = await currentActor();
      if (!actor) return Response.json({ error: "Sign in first." }, { status: 401, headers: noStore });
      if (!can(actor, permission)) {
        await auditAlone({ actor, action: name, outcome: "denied", details: { reason: "Forbidden" } }, context);
        return Response.json({ error: "Not found." }, { status: 404, headers: noStore });
      }
      return await work(actor, request, await params, context);
    } catch (error) {
      if (isDomainError(error)) {
        // A refusal looks like absence, as for pages.
        const status = error.kind === "Forbidden" ? 404 : httpStatus[error.kind];
        return Response.json({ error: error.message, fieldErrors: error.fieldErrors }, { status, headers: noStore });
      }
      if (isDatabaseUnavailable(error)) {
        return Response.json({ error: UNAVAILABLE_MESSAGE }, { status: 503, headers: { ...noStore, "Retry-After": "30" } });
      }
      logUnexpected(context.requestId, `route ${name}`, error);
      return Response.json({ error: `Something went wrong. Reference ${context.requestId}.` }, { status: 500, headers: noStore });
    }
  };
}

/** A CSV attachment that no cache keeps. */
export function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      ...noStore,
    },
  });
}
