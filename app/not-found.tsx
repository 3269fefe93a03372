import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="max-w-md text-muted-foreground">
        This page does not exist, or you do not have access to it.
      </p>
      <Link href="/" className="font-medium text-primary underline underline-offset-4">
        Back to home
      </Link>
    </main>
  );
}
