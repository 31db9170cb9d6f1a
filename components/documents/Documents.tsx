// Print renderings of the official documents (A4; "打印 / 另存为 PDF" prints them in the
// browser). Same data as the Word files (lib/documents/data.ts).
import type { BulletinData, NoticeData } from "@/lib/documents/data";

const doc = "mx-auto max-w-[210mm] bg-white p-10 font-serif leading-loose text-black shadow print:p-0 print:shadow-none";

function Head({ title, docNo, final }: { title: string; docNo: string; final: boolean }) {
  return (
    <header className="mb-6 text-center">
      <p>数字办{docNo}</p>
      <h1 className="mt-4 text-2xl font-bold">{title}</h1>
      {!final ? <p className="mt-2">（暂定结果，未定稿）</p> : null}
    </header>
  );
}

function Signature({ date }: { date: string }) {
  return (
    <div className="mt-10 text-right">
      <p>电子政务绩效考核办公室</p>
      <p>{date}</p>
    </div>
  );
}

export function BulletinDocument({ d }: { d: BulletinData }) {
  return (
    <article className={doc} data-testid="bulletin">
      <Head title={d.title} docNo={d.docNo} final={d.final} />
      <p>各县（市、区）人民政府，市直各单位：</p>
      <p className="indent-8">{d.summary}</p>
      {d.groups.map((g, i) => (
        <section key={g.label} className="mt-6 break-inside-auto">
          <h2 className="font-bold">
            {["一", "二", "三", "四"][i] ?? i + 1}、{g.label}考核排名
          </h2>
          <table className="mt-2 w-full border-collapse text-sm">
            <thead>
              <tr>
                {["名次", "单位", ...d.partNames, "总分"].map((h) => (
                  <th key={h} scope="col" className="border border-black px-2 py-1">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.rows.map((r) => (
                <tr key={r.name} className="break-inside-avoid">
                  <td className="border border-black px-2 py-1 text-center tabular-nums">{r.rank}</td>
                  <td className="border border-black px-2 py-1">
                    {r.name}
                    {r.vetoed ? "（一票否决）" : ""}
                  </td>
                  {r.parts.map((p, j) => (
                    <td key={j} className="border border-black px-2 py-1 text-center tabular-nums">
                      {p}
                    </td>
                  ))}
                  <td className="border border-black px-2 py-1 text-center font-bold tabular-nums">{r.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {d.readings.length ? (
        <section className="mt-6">
          <h2 className="font-bold">说明</h2>
          <p className="indent-8">本次考核对评分细则中表述不够明确之处，按以下口径执行：</p>
          <ul>
            {d.readings.map((r) => (
              <li key={r.id} className="indent-8">
                {r.id}：{r.chosen}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Signature date={d.date} />
    </article>
  );
}

export function NoticeDocument({ d }: { d: NoticeData }) {
  return (
    <article className={doc} data-testid="notice">
      <Head title={d.title} docNo={d.docNo} final={d.final} />
      <p>{d.unit.name}：</p>
      <p className="indent-8">
        {d.total !== null ? `本单位总分 ${d.total} 分${d.rank ? `，本组排名 ${d.rank}` : ""}。` : ""}以下 {d.items.length} 项指标未得满分，现将扣分原因和整改要求通知如下，请逐项整改。
      </p>
      {d.items.length === 0 ? <p className="indent-8">本单位各项指标均得满分。</p> : null}
      <ol>
        {d.items.map((it, i) => (
          <li key={i} className="mt-4 break-inside-avoid">
            <h2 className="font-bold">
              {i + 1}. {it.name}（得 {it.score} 分 / 满分 {it.max} 分，扣 {it.lost} 分）
            </h2>
            <p className="indent-8 text-sm">所属指标：{it.path}</p>
            <p className="indent-8 font-bold">扣分原因：</p>
            {it.why.map((w, j) => (
              <p key={j} className="indent-8">
                {w}
              </p>
            ))}
            <p className="indent-8">整改要求：{it.fix}</p>
          </li>
        ))}
      </ol>
      <Signature date={d.date} />
    </article>
  );
}
