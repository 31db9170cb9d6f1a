import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { editionToFileData, exportEditionYaml } from "@/lib/authoring/yaml";
import { importEditionYaml } from "@/lib/authoring/yaml-import";
import { loadEditionOrThrow } from "@/lib/rules/load";

const DIR = "rules/sanming-2017";

describe("edition YAML export/import", () => {
  const edition = loadEditionOrThrow(DIR);

  it("export of sanming-2017 equals the files under rules/sanming-2017 structurally", () => {
    const exported = editionToFileData(edition);
    const names = fs.readdirSync(DIR).filter((n) => n.endsWith(".yaml")).sort();
    expect(Object.keys(exported).sort()).toEqual(names);
    for (const name of names) {
      expect(exported[name], name).toEqual(parse(fs.readFileSync(path.join(DIR, name), "utf8")));
    }
  });

  it("the exported text loads back to the same edition", () => {
    const r = importEditionYaml(exportEditionYaml(edition));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.edition).toEqual(edition);
  });

  it("a bad file comes back as Chinese issues naming file and line, nothing thrown", () => {
    const files = exportEditionYaml(edition);
    files["part1.yaml"] = files["part1.yaml"].replace(/max: 40\b/, "max: -3");
    const r = importEditionYaml(files);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0].file).toBe("part1.yaml");
      expect(r.errors[0].line).toBeGreaterThan(0);
      expect(r.errors.map((e) => e.message).join()).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(importEditionYaml({ "../x.yaml": "a: 1" }).ok).toBe(false);
    // edition.yaml may only name files beside it (an upload must not read the server's files)
    const out = { ...files, "edition.yaml": files["edition.yaml"].replace("- part1.yaml", "- ../../../etc/hostname") };
    expect(importEditionYaml(out)).toMatchObject({ ok: false, errors: [{ file: "edition.yaml", message: expect.stringContaining("“../../../etc/hostname”不是同一文件夹中的 YAML 文件") }] });
  });
});
