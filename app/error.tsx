"use client";

import { Button } from "@/components/ui/button";

/** Shown when a page cannot load (for example the database is unreachable); nothing technical leaks. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-[60dvh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">This page could not load</h1>
      <p className="max-w-md text-muted-foreground">
        Tsunagu could not reach its database or hit an unexpected problem. Nothing you saved is lost. Try again in a
        moment.
      </p>
      {error.digest ? <p className="text-xs text-muted-foreground">Reference {error.digest}</p> : null}
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
