import Link from "next/link";
import { MainNav } from "./MainNav";
import { NAV_ITEMS, PRODUCT_NAME } from "./nav-items";

export function AppHeader() {
  return (
    <header className="no-print bg-brand-700 text-white shadow">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-6 py-3">
        <Link href="/" className="text-xl font-bold tracking-wide">
          {PRODUCT_NAME}
        </Link>
        <MainNav items={NAV_ITEMS} />
      </div>
    </header>
  );
}
