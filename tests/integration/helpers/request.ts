/** The request a test is playing: what the mocked next/headers returns. */
export const requestState = {
  cookies: new Map<string, string>(),
  headers: {} as Record<string, string>,
  reset() {
    this.cookies.clear();
    this.headers = { "user-agent": "vitest", "x-forwarded-for": "203.0.113.7" };
  },
};
