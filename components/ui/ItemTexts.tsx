// The item's texts as both the unit's item page and the reviewer's card show them, from the
// one item view (lib/assessment/item-view.ts): 考核要求, 分值计算 (原文), 考核办法 (its own or
// inherited from the 二级) and the readings chosen for it.
import type { ItemView } from "@/lib/assessment/item-view";

export function ItemTexts({ leaf }: { leaf: Pick<ItemView, "requirementText" | "scoringText" | "methods" | "readings"> }) {
  return (
    <dl className="mt-2 space-y-2">
      {leaf.requirementText ? (
        <div>
          <dt className="font-medium">考核要求</dt>
          <dd>{leaf.requirementText}</dd>
        </div>
      ) : null}
      {leaf.scoringText ? (
        <div>
          <dt className="font-medium">分值计算（原文）</dt>
          <dd>{leaf.scoringText}</dd>
        </div>
      ) : null}
      {leaf.methods.length > 0 ? (
        <div>
          <dt className="font-medium">考核办法</dt>
          <dd>{leaf.methods.join("、")}</dd>
        </div>
      ) : null}
      {leaf.readings.map((r) => (
        <div key={r.id}>
          <dt className="font-medium">口径 {r.id}</dt>
          <dd>
            原文“{r.source}”：{r.chosen}
          </dd>
        </div>
      ))}
    </dl>
  );
}
