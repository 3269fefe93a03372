import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env, secureCookies } from "../env";
import { logUnexpected } from "../action";
import { isDomainError } from "../errors";
import { contextFromHeaders } from "../request";
import { authenticate } from "./login";
import { ABSOLUTE_LIFETIME_HOURS, endSession } from "./sessions";

/** Error codes the sign-in form turns into messages. */
export const SIGN_IN_ERROR = { failed: "CredentialsSignin", throttled: "RateLimited", unavailable: "Unavailable" } as const;

export function authOptions(): NextAuthOptions {
  const maxAge = ABSOLUTE_LIFETIME_HOURS * 60 * 60;
  return {
    secret: env().AUTH_SECRET,
    useSecureCookies: secureCookies(),
    // The cookie only carries the session id; the database decides idle and absolute expiry.
    session: { strategy: "jwt", maxAge, updateAge: 0 },
    jwt: { maxAge },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const headers = (req.headers ?? {}) as Record<string, string | undefined>;
          const context = contextFromHeaders((name) => headers[name]);
          try {
            const { accountId, sessionId } = await authenticate(
              { email: credentials?.email ?? "", password: credentials?.password ?? "" },
              context,
            );
            return { id: accountId, sid: sessionId };
          } catch (error) {
            if (isDomainError(error) && error.kind === "RateLimited") throw new Error(SIGN_IN_ERROR.throttled);
            if (isDomainError(error)) return null;
            // The error's text would travel to the browser in the redirect URL: log it here instead.
            logUnexpected(context.requestId, "sign-in", error);
            throw new Error(SIGN_IN_ERROR.unavailable);
          }
        },
      }),
    ],
    callbacks: {
      // Keep names and addresses out of the cookie: the session id is all it needs.
      jwt({ token, user }) {
        if (user) return { sub: user.id, sid: (user as { sid?: string }).sid };
        return { sub: token.sub, sid: token.sid };
      },
      session({ session }) {
        return { expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
  };
}
