// POST /api/editions/[id]/yaml?revision=N  the edition's rules/ files (edition.yaml, units.yaml,
//      part1.yaml…, as exported by /api/editions/[id]/yaml/[file]) replace a draft's content
//      (admin:editions). Body: {"files": {"edition.yaml": "…", …}}. Loaded by the same loader
//      and validator as `npm run rules:check`: 422 with every issue (file:line), nothing
//      saved; 409 on a stale revision or a published edition.
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { uploadIntoDraft } from "@/lib/authoring/draft-upload";
import { importEditionYaml } from "@/lib/authoring/yaml-import";
import { formatIssue } from "@/lib/rules/validate";

export const dynamic = "force-dynamic";
const MAX_BYTES = 2 * 1024 * 1024;
const TOO_LARGE = "文件合计超过 2 MB，请确认上传的是本系统导出的考核版本 YAML 文件";

const ZUpload = z.object({ id: z.coerce.number().int().positive("版本编号无效"), revision: z.coerce.number().int().nonnegative("缺少草稿修订号") });
const ZFiles = z.object({ files: z.record(z.string().max(64), z.string()).refine((f) => Object.keys(f).length > 0, "请选择要导入的 YAML 文件") });

export const POST = defineRoute(
  {
    name: "editions.yaml.upload",
    action: "admin:editions",
    schema: ZUpload,
    input: (req, p: { id: string }) => ({ id: p.id, revision: new URL(req.url).searchParams.get("revision") }),
    body: { kind: "binary", types: ["application/json"], maxBytes: MAX_BYTES, tooLarge: () => TOO_LARGE },
  },
  async ({ user, input, ip, req }) =>
    uploadIntoDraft(
      { id: input.id, revision: input.revision, req, actor: { user, ip } },
      {
        maxBytes: MAX_BYTES,
        tooLarge: TOO_LARGE,
        empty: "请选择要导入的 YAML 文件",
        convert: async (bytes, row) => {
          let raw: unknown;
          try {
            raw = JSON.parse(new TextDecoder().decode(bytes));
          } catch {
            return { ok: false, body: { error: "请求内容不是有效的 JSON", errors: [] } };
          }
          const parsed = ZFiles.safeParse(raw);
          if (!parsed.success) return { ok: false, body: { error: parsed.error.issues[0]?.message ?? "请求内容不正确", errors: [] } };
          const r = importEditionYaml(parsed.data.files);
          if (!r.ok) return { ok: false, body: { error: `发现 ${r.errors.length} 处错误，未保存任何内容。请按错误报告修改后重新导入。`, errors: r.errors.map(formatIssue) } };
          if (r.edition.id !== row.key) return { ok: false, body: { error: `文件中的版本代码“${r.edition.id}”与本草稿“${row.key}”不一致，未保存任何内容`, errors: [] } };
          return { ok: true, edition: r.edition };
        },
      },
    ),
);
