// What an evidence file may be, judged by its content (the type file-type detects from its
// magic bytes, see sniff.ts), and how its name is kept for display. Pure: the panel imports
// the accepted extensions from here.

type Allowed = { label: string; mime: string; exts: readonly string[] };

/** Detected type (file-type's ext) → what we accept it as. CFB cannot tell doc/xls/ppt apart: the name decides. */
const ALLOWED: Record<string, Allowed> = {
  pdf: { label: "PDF 文档", mime: "application/pdf", exts: ["pdf"] },
  png: { label: "PNG 图片", mime: "image/png", exts: ["png"] },
  jpg: { label: "JPEG 图片", mime: "image/jpeg", exts: ["jpg", "jpeg", "jpe"] },
  gif: { label: "GIF 图片", mime: "image/gif", exts: ["gif"] },
  webp: { label: "WebP 图片", mime: "image/webp", exts: ["webp"] },
  docx: { label: "Word 文档", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", exts: ["docx"] },
  xlsx: { label: "Excel 表格", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exts: ["xlsx"] },
  pptx: { label: "PowerPoint 演示文稿", mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", exts: ["pptx"] },
  cfb: { label: "Office 97–2003 文档", mime: "application/x-cfb", exts: ["doc", "xls", "ppt"] },
  zip: { label: "ZIP 压缩包", mime: "application/zip", exts: ["zip"] },
};

const LEGACY_OFFICE: Record<string, string> = { doc: "application/msword", xls: "application/vnd.ms-excel", ppt: "application/vnd.ms-powerpoint" };

/** Names of what was found, for the refusal message ("检测到 Windows 可执行程序（exe）"). */
const KNOWN_BAD: Record<string, string> = {
  exe: "Windows 可执行程序",
  elf: "Linux 可执行程序",
  macho: "macOS 可执行程序",
  msi: "Windows 安装包",
  apk: "安卓安装包",
  jar: "Java 程序包",
  docm: "含宏的 Word 文档",
  xlsm: "含宏的 Excel 表格",
  pptm: "含宏的 PowerPoint 演示文稿",
};

export const ACCEPTED_EXTENSIONS = Object.values(ALLOWED).flatMap((a) => a.exts);
/** For <input accept>: extensions only (MIME types from browsers are not trusted anyway). */
export const ACCEPT_ATTRIBUTE = ACCEPTED_EXTENSIONS.map((e) => `.${e}`).join(",");

export type Sniffed = { ok: true; mimeType: string; ext: string; label: string } | { ok: false; message: string };

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1].toLowerCase() : "";
}

/** Decide from the detected type and the (sanitised) file name. */
export function judgeFileType(detected: { ext: string; mime: string } | undefined, fileName: string): Sniffed {
  const ext = extensionOf(fileName);
  const refuse = (found: string) => ({ ok: false as const, message: `文件内容与扩展名不符或类型不允许：检测到${found}${ext ? `，扩展名为 .${ext}` : ""}。允许的类型：PDF、图片（PNG/JPEG/GIF/WebP）、Word/Excel/PowerPoint、ZIP。` });
  if (!detected) return refuse("无法识别的内容（如纯文本或未知格式）");
  const allowed = ALLOWED[detected.ext];
  if (!allowed) return refuse(`${KNOWN_BAD[detected.ext] ?? "不允许的类型"}（${detected.ext}）`);
  if (ext && !allowed.exts.includes(ext)) return refuse(`${allowed.label}（${detected.ext}）`);
  if (detected.ext === "cfb") {
    if (!ext) return refuse(`${allowed.label}（无法判断是 doc、xls 还是 ppt，请保留文件扩展名）`);
    return { ok: true, mimeType: LEGACY_OFFICE[ext], ext, label: allowed.label };
  }
  return { ok: true, mimeType: allowed.mime, ext: ext || allowed.exts[0], label: allowed.label };
}

/** Images and PDFs can be previewed inline (served sandboxed, see the download route). */
export function isPreviewable(mimeType: string | null | undefined): boolean {
  return mimeType === "application/pdf" || /^image\/(png|jpeg|gif|webp)$/.test(mimeType ?? "");
}

const MAX_NAME = 200;

/**
 * The original name, safe to show: no directories, no control or bidi-override characters
 * (which can disguise "exe.pdf" as "fdp.exe"), whitespace collapsed, at most 200 characters
 * with the extension kept.
 */
export function sanitiseFileName(raw: string, fallbackExt = ""): string {
  let name = raw.split(/[\\/]/).pop() ?? "";
  name = name
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (!name) name = fallbackExt ? `未命名文件.${fallbackExt}` : "未命名文件";
  const chars = [...name];
  if (chars.length > MAX_NAME) {
    const ext = extensionOf(name);
    const tail = ext ? [...`.${ext}`] : [];
    name = chars.slice(0, MAX_NAME - tail.length).join("") + tail.join("");
  }
  return name;
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(kind: "attachment" | "inline", name: string, asciiFallback?: string): string {
  const ascii = (asciiFallback ?? name).replace(/[^\x20-\x7e]/g, "_").replace(/["\\%;]/g, "_") || "file";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
