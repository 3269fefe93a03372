import { afterAll, beforeAll, beforeEach, vi } from "vitest";
import { closeTestDatabase, openTestDatabase, resetTestDatabase } from "./helpers/database";
import { requestState } from "./helpers/request";

// Server actions read the request through next/headers; outside a Next server the test plays
// the request: its cookies (a real session cookie, or none) and its headers.
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => {
      const value = requestState.cookies.get(name);
      return value === undefined ? undefined : { name, value };
    },
  }),
  headers: async () => new Headers(requestState.headers),
}));

// Page revalidation belongs to the Next server; here it is a no-op.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

beforeAll(openTestDatabase);
beforeEach(async () => {
  await resetTestDatabase();
  requestState.reset();
});
afterAll(closeTestDatabase);
