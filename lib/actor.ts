import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auditAlone } from "./audit";
import { resolveSession, type Actor } from "./auth/sessions";
import { env, secureCookies } from "./env";
import { can, type Permission } from "./policy";
import { requestContext } from "./request";

export type { Actor };

/** Only the cookie name next-auth sets for this deployment: a planted cookie of the other name is ignored. */
export const sessionCookieName = () => (secureCookies() ? "__Secure-next-auth.session-token" : "next-auth.session-token");

/** The signed-in person, re-checked against the database on every request; null when signed out. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const store = await cookies();
  const token = store.get(sessionCookieName())?.value;
  if (!token) return null;
  const payload = await decode({ token, secret: env().AUTH_SECRET }).catch(() => null);
  return typeof payload?.sid === "string" ? resolveSession(payload.sid) : null;
});

/** For pages: sends a signed-out visitor to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For pages behind a permission: answers "not found" rather than confirming the page exists. */
export async function requirePermission(permission: Permission, page: string): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) {
    await auditAlone(
      { actor, action: "page.view", entityType: "page", entityId: page, outcome: "denied" },
      await requestContext(),
    );
    notFound();
  }
  return actor;
}
