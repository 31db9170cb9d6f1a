import { PageTitle } from "./PageTitle";

/** A section that is planned but not built yet: says so plainly instead of showing nothing. */
export function Placeholder({ title, description }: { title: string; description: string }) {
  return (
    <section>
      <PageTitle title={title} />
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-slate-600">
        <p className="text-lg">该功能正在建设中。</p>
        <p className="mt-2">{description}</p>
      </div>
    </section>
  );
}
