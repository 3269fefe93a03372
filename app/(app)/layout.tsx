import Link from "next/link";
import { AccountMenu } from "@/components/shell/account-menu";
import { MobileNav } from "@/components/shell/mobile-nav";
import { navigationFor } from "@/components/shell/navigation";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import { roleLabels } from "@/lib/accounts/labels";
import { requireActor } from "@/lib/actor";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const items = navigationFor(actor);
  return (
    <div className="flex min-h-dvh">
      <aside className="hidden w-60 shrink-0 border-r bg-sidebar lg:block">
        <div className="sticky top-0 p-4">
          <Link href="/" className="mb-6 block px-3 text-lg font-semibold tracking-tight text-primary">
            Tsunagu
          </Link>
          <nav aria-label="Main">
            <SidebarNav items={items} />
          </nav>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-10 flex h-14 items-center gap-2 border-b bg-background/95 px-4 backdrop-blur">
          <MobileNav items={items} />
          <Link href="/" className="text-lg font-semibold text-primary lg:hidden">
            Tsunagu
          </Link>
          <div className="ml-auto">
            <AccountMenu name={actor.name} roleLabel={roleLabels[actor.role]} teamName={actor.teamName} />
          </div>
        </header>
        <main id="main" className="flex-1 p-4 md:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
