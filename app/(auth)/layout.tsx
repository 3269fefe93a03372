export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-primary">Tsunagu</p>
          <p className="text-sm text-muted-foreground">Case management for hikikomori support</p>
        </div>
        {children}
      </div>
    </main>
  );
}
