"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from "@/lib/availability";

type Cause = "checking" | "unavailable" | "other";

/**
 * Shown when a page cannot load; nothing technical leaks (in production the error carries only a
 * digest). It asks /api/health why: when the database is out of reach it says so, keeps asking,
 * and offers to try again once it is back.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [cause, setCause] = useState<Cause>("checking");
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function probe() {
      const ok = await fetch("/api/health", { cache: "no-store" }).then((r) => r.ok, () => false);
      if (stopped) return;
      setCause(ok ? "other" : "unavailable");
      if (!ok) timer = setTimeout(probe, 10_000);
    }
    void probe();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [error]);

  function retry() {
    startTransition(() => {
      router.refresh();
      reset();
    });
  }

  const unavailable = cause === "unavailable";
  return (
    <main className="flex min-h-[60dvh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">{unavailable ? UNAVAILABLE_TITLE : "This page could not load"}</h1>
      <p className="max-w-md text-muted-foreground" aria-live="polite">
        {unavailable
          ? UNAVAILABLE_MESSAGE
          : "Tsunagu hit an unexpected problem. Nothing you saved is lost. Try again in a moment; if it keeps happening, tell your administrator the reference below."}
      </p>
      {error.digest && !unavailable ? <p className="text-xs text-muted-foreground">Reference {error.digest}</p> : null}
      <Button onClick={retry} disabled={pending}>
        {pending ? "Trying again…" : "Try again"}
      </Button>
    </main>
  );
}
