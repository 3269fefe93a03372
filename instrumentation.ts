export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Open, migrate and (embedded only) seed at start-up, so the first visitor does not wait and
  // a misconfiguration shows in the server log at once. A failure here is retried per request.
  const { database } = await import("@/lib/db");
  const { env } = await import("@/lib/env");
  env();
  await database().catch((error: Error) => {
    console.error(`Database not ready at start-up: ${error.message}`);
  });
}
