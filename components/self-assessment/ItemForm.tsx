"use client";
// One item's self-assessment form. The engine scores what is typed (server preview,
// debounced 400 ms); changes are saved automatically 2 s after the last edit and by the
// 保存 button, with optimistic concurrency (a stale save shows the other version and lets
// the user choose). A copy of unsaved input stays in localStorage so a reload or a lost
// connection does not lose it.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { previewItemAction, saveItemAction } from "@/app/self-assessment/actions";
import { Dialog } from "./Dialog";
import { described, FieldError, fieldId } from "./fields";
import { buildPayload, canonical, describePayload, initialFormState, modifierAt, type FieldErrors, type FormState, type ValueState } from "@/lib/assessment/form-state";
import { ModifierFields, modifierReasonKey } from "./ModifierFields";
import { ScorePanel } from "./ScorePanel";
import type { ConflictView, LockView, ScoreView, StoredView } from "./types";
import type { ItemView as LeafView } from "@/lib/assessment/item-view";
import { inputClass, primaryButton, secondaryButton } from "./ui";
import { ValueFields } from "./ValueFields";

const PREVIEW_DELAY_MS = 400;
const AUTOSAVE_DELAY_MS = 2_000;

type SaveState = "clean" | "dirty" | "saving" | "saved" | "network" | "conflict" | "error";

const timeFmt = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
const dateTimeFmt = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

type LocalCopy = { state: FormState; baseVersion: number; at: number };

function storageKey(editionId: number, unitCode: string, itemCode: string) {
  return `egov.self.${editionId}.${unitCode}.${itemCode}`;
}
function readLocal(key: string): LocalCopy | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as LocalCopy) : null;
  } catch {
    return null;
  }
}
function writeLocal(key: string, copy: LocalCopy) {
  try {
    window.localStorage.setItem(key, JSON.stringify(copy));
  } catch {
    // storage full or disabled: the form still holds the input
  }
}
function clearLocal(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* ignore */
  }
}

export function ItemForm({
  editionId,
  unitCode,
  leaf,
  stored,
  initialScore,
  lock,
  unitHref,
}: {
  editionId: number;
  unitCode: string;
  leaf: LeafView;
  stored: StoredView | null;
  initialScore: ScoreView;
  lock: LockView;
  unitHref: string;
}) {
  const key = storageKey(editionId, unitCode, leaf.code);
  const [form, setForm] = useState<FormState>(() => initialFormState(leaf, stored?.payload ?? null));
  const [score, setScore] = useState<ScoreView>(initialScore);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [saveState, setSaveState] = useState<SaveState>("clean");
  const [message, setMessage] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [locked, setLocked] = useState<LockView>(lock);
  const [conflict, setConflict] = useState<ConflictView | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [localOffer, setLocalOffer] = useState<LocalCopy | null>(null);
  const [restored, setRestored] = useState(false);

  // The latest values for timers and async callbacks (state is stale inside them).
  const formRef = useRef(form);
  const versionRef = useRef(stored?.version ?? 0);
  const editSeq = useRef(0);
  const savingRef = useRef(false);
  const saveAgain = useRef(false);
  const previewSeq = useRef(0);
  const previewTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // the dialog focuses the safe choice: loading theirs destroys nothing already saved
  const loadTheirsRef = useRef<HTMLButtonElement>(null);
  const saveRef = useRef<(() => Promise<void>) | null>(null);
  const firstSave = useRef(stored === null);
  const router = useRouter();

  const editable = locked.editable;
  const storedCanonical = useMemo(() => canonical(stored?.payload ?? {}), [stored]);

  const runPreview = useCallback(async () => {
    const { payload, errors } = buildPayload(leaf, formRef.current);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const seq = ++previewSeq.current;
    setPreviewing(true);
    try {
      const res = await previewItemAction({ editionId, unitCode, itemCode: leaf.code, payload });
      if (seq !== previewSeq.current) return;
      if (!res.ok) return; // preview is advisory; saving reports errors
      if (res.data.status === "scored") {
        setScore(res.data.score);
        setServerErrors({});
      } else setServerErrors(res.data.fieldErrors);
    } catch {
      // offline: the score stays as it was; saving reports the network error
    } finally {
      if (seq === previewSeq.current) setPreviewing(false);
    }
  }, [editionId, unitCode, leaf]);

  const save = useCallback(async () => {
    if (saveTimer.current) clearTimeout(saveTimer.current);
    if (savingRef.current) {
      saveAgain.current = true;
      return;
    }
    const { payload, errors } = buildPayload(leaf, formRef.current);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      setSaveState("error");
      setMessage("有未保存的修改：请先更正标出的字段");
      return;
    }
    const seqAtStart = editSeq.current;
    savingRef.current = true;
    setSaveState("saving");
    setMessage(null);
    try {
      const res = await saveItemAction({ editionId, unitCode, itemCode: leaf.code, payload, expectedVersion: versionRef.current });
      if (!res.ok) {
        if (res.status === 423) setLocked({ editable: false, message: res.error });
        if (res.fieldErrors) setServerErrors(res.fieldErrors);
        setSaveState("error");
        setMessage(res.error);
        return;
      }
      if (res.data.status === "conflict") {
        setConflict(res.data.current);
        setSaveState("conflict");
        return;
      }
      versionRef.current = res.data.version;
      setScore(res.data.score);
      setServerErrors({});
      setSavedAt(res.data.savedAt);
      // the first save turns 未填写 into 草稿: let the server parts of the page show it
      if (firstSave.current) {
        firstSave.current = false;
        router.refresh();
      }
      if (editSeq.current === seqAtStart) {
        setSaveState("saved");
        clearLocal(key);
      } else {
        setSaveState("dirty");
        writeLocal(key, { state: formRef.current, baseVersion: versionRef.current, at: Date.now() });
      }
    } catch {
      setSaveState("network");
      setMessage("网络异常，修改尚未保存");
    } finally {
      savingRef.current = false;
      if (saveAgain.current) {
        // edits arrived while saving: save them too (through the ref, the latest closure)
        saveAgain.current = false;
        void saveRef.current?.();
      }
    }
  }, [editionId, unitCode, leaf, key, router]);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);

  const change = useCallback(
    (next: FormState) => {
      formRef.current = next;
      editSeq.current += 1;
      setForm(next);
      setSaveState((s) => (s === "conflict" ? s : "dirty"));
      writeLocal(key, { state: next, baseVersion: versionRef.current, at: Date.now() });
      if (previewTimer.current) clearTimeout(previewTimer.current);
      previewTimer.current = setTimeout(() => void runPreview(), PREVIEW_DELAY_MS);
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    },
    [key, runPreview, save],
  );

  // A copy of unsaved input from an earlier visit: restore it when it was based on the
  // version that is still current; otherwise offer it (saving it then shows the conflict).
  useEffect(() => {
    const local = readLocal(key);
    if (!local) return;
    const localPayload = canonical(buildPayload(leaf, local.state).payload);
    const t = setTimeout(() => {
      if (localPayload === storedCanonical) return clearLocal(key);
      if (!lock.editable) return setLocalOffer(local);
      if (local.baseVersion === (stored?.version ?? 0)) {
        setRestored(true);
        change(local.state);
      } else setLocalOffer(local);
    }, 0);
    return () => clearTimeout(t);
    // only on first render: later changes are this session's own
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const unsaved = saveState === "dirty" || saveState === "saving" || saveState === "network" || saveState === "conflict" || (saveState === "error" && editable);

  // Warn before leaving with unsaved changes: closing/reloading the tab, and links inside the app.
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.("a[href]");
      if (!a || (a as HTMLAnchorElement).target === "_blank" || e.metaKey || e.ctrlKey || e.shiftKey) return;
      const href = (a as HTMLAnchorElement).href;
      if (href.split("#")[0] === window.location.href.split("#")[0]) return;
      if (!window.confirm("有未保存的修改，确定离开此页吗？")) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [unsaved]);

  // Back online after a failed save: try again.
  useEffect(() => {
    if (saveState !== "network") return;
    const onOnline = () => void save();
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [saveState, save]);

  useEffect(
    () => () => {
      if (previewTimer.current) clearTimeout(previewTimer.current);
      if (saveTimer.current) clearTimeout(saveTimer.current);
    },
    [],
  );

  const errors: FieldErrors = { ...serverErrors, ...clientErrors };
  const err = (k: string) => errors[k];
  const setValue = (value: ValueState) => change({ ...form, value });

  function loadTheirs() {
    if (!conflict) return;
    const next = initialFormState(leaf, conflict.payload);
    formRef.current = next;
    versionRef.current = conflict.version;
    editSeq.current += 1;
    setForm(next);
    setConflict(null);
    setSaveState("clean");
    setSavedAt(conflict.updatedAt);
    setMessage("已载入对方保存的版本");
    clearLocal(key);
    void runPreview();
  }

  function overwrite() {
    if (!conflict) return;
    versionRef.current = conflict.version;
    setConflict(null);
    void save();
  }

  function restoreOffer() {
    if (!localOffer) return;
    // keep the version the copy was based on: if someone saved since, the save shows the conflict
    versionRef.current = localOffer.baseVersion;
    setLocalOffer(null);
    change(localOffer.state);
  }

  const statusText = (() => {
    switch (saveState) {
      case "saving":
        return "正在保存…";
      case "saved":
        return `已保存 ${timeFmt.format(new Date(savedAt!))}`;
      case "dirty":
        return "有未保存的修改";
      case "network":
        return "网络异常，修改尚未保存";
      case "conflict":
        return "他人已修改本项，修改尚未保存";
      case "error":
        return message ?? "保存失败";
      case "clean":
        if (message) return message;
        return stored ? `上次保存：${dateTimeFmt.format(new Date(stored.updatedAt))}${stored.updatedBy ? `（${stored.updatedBy}）` : ""}` : "尚未填写";
    }
  })();
  const statusTone = saveState === "network" || saveState === "error" || saveState === "conflict" ? "text-red-700" : saveState === "dirty" ? "text-amber-800" : "text-slate-700";

  const naKey = "notApplicable.reason";
  // each problem once: the validator's general "value has the wrong shape" line adds
  // nothing when a field of the value says what is wrong, nor does a repeated message
  const errorList = Object.entries(errors).filter(
    ([k, m], i, all) => !(k === "value" && all.some(([o]) => o.startsWith("value."))) && all.findIndex(([, x]) => x === m) === i,
  );

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (editable) void save();
        }}
        className="space-y-6"
        aria-label={`${leaf.name}自评`}
      >
        {restored ? (
          <p className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sky-900" role="status">
            已恢复本机保存的未提交修改，正在自动保存。
          </p>
        ) : null}
        {localOffer ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900" role="status">
            <p>
              本机有一份 {dateTimeFmt.format(new Date(localOffer.at))} 未保存的修改
              {editable ? "，而服务器上的内容已被更新。" : "，但本项已锁定，不能再保存。"}
            </p>
            <div className="mt-2 flex gap-3">
              {editable ? (
                <button type="button" className={secondaryButton} onClick={restoreOffer}>
                  恢复本机的修改
                </button>
              ) : null}
              <button
                type="button"
                className={secondaryButton}
                onClick={() => {
                  clearLocal(key);
                  setLocalOffer(null);
                }}
              >
                丢弃
              </button>
            </div>
          </div>
        ) : null}

        <fieldset disabled={!editable} className="space-y-6">
          <legend className="sr-only">填报内容</legend>
          {leaf.allowNotApplicable ? (
            <section className="rounded-md border border-slate-200 bg-white p-4">
              <label className="flex items-center gap-2 font-medium">
                <input type="checkbox" checked={form.na} onChange={(e) => change({ ...form, na: e.target.checked })} />
                本项不适用于本单位
              </label>
              {leaf.optIn ? <p className="mt-1 text-sm text-slate-600">本项按申报参与：未填写时按“未申报参与”处理（不适用，不计入折算基数）。</p> : null}
              {form.na ? (
                <div className="mt-3">
                  <label htmlFor={described(naKey, err(naKey)).id} className="block font-medium">
                    不适用理由（必填）
                  </label>
                  <textarea
                    {...described(naKey, err(naKey) ?? err("notApplicable"))}
                    rows={2}
                    value={form.naReason}
                    onChange={(e) => change({ ...form, naReason: e.target.value })}
                    className={inputClass}
                  />
                  <FieldError k={naKey} message={err(naKey) ?? err("notApplicable")} />
                </div>
              ) : null}
            </section>
          ) : null}

          {!form.na ? (
            <>
              <section className="rounded-md border border-slate-200 bg-white p-4">
                <h2 className="mb-3 text-lg font-semibold">填报内容</h2>
                <ValueFields leaf={leaf} state={form.value} onChange={setValue} err={err} />
              </section>

              {leaf.preconditions.length > 0 ? (
                <section className="rounded-md border border-slate-200 bg-white p-4">
                  <fieldset>
                    <legend className="font-semibold">前提条件</legend>
                    <p className="text-sm text-slate-600">勾选表示已满足；填报后未勾选的条件视为不满足，本项计 0 分。</p>
                    <div className="mt-2 space-y-2">
                      {leaf.preconditions.map((c) => {
                        const k = `conditions.${c.code}`;
                        return (
                          <div key={c.code}>
                            <label className="flex items-center gap-2">
                              <input
                                type="checkbox"
                                {...described(k, err(k))}
                                checked={!!form.conditions[c.code]}
                                onChange={(e) => change({ ...form, conditions: { ...form.conditions, [c.code]: e.target.checked } })}
                              />
                              {c.label}
                            </label>
                            <FieldError k={k} message={err(k)} />
                          </div>
                        );
                      })}
                    </div>
                  </fieldset>
                </section>
              ) : null}

              {leaf.modifiers.length > 0 ? <ModifierFields leaf={leaf} form={form} change={change} err={err} /> : null}
            </>
          ) : null}

          <section className="rounded-md border border-slate-200 bg-white p-4">
            <label htmlFor={described("note", err("note")).id} className="block font-semibold">
              备注
            </label>
            <textarea {...described("note", err("note"))} rows={3} value={form.note} onChange={(e) => change({ ...form, note: e.target.value })} className={inputClass} />
            <FieldError k="note" message={err("note")} />
          </section>
        </fieldset>

        {errorList.length > 0 ? (
          <div className="rounded-md border border-red-200 bg-red-50 p-3 text-red-800">
            <p className="font-medium">请更正以下 {errorList.length} 处：</p>
            <ul className="mt-1 list-disc pl-6">
              {errorList.map(([k, m]) => (
                <li key={k}>
                  <a href={`#${fieldIdFor(leaf, form, k)}`} className="underline">
                    {m}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        <div className="flex flex-wrap items-center gap-4">
          {editable ? (
            <button type="submit" className={primaryButton} disabled={saveState === "saving"}>
              保存
            </button>
          ) : null}
          <Link href={unitHref} className="text-brand-700 underline-offset-2 hover:underline">
            返回我的填报
          </Link>
          <p role="status" aria-live="polite" data-testid="save-status" className={`min-h-6 ${statusTone}`}>
            {editable || saveState !== "clean" ? statusText : null}
          </p>
        </div>
      </form>

      <ScorePanel score={score} pending={previewing} stale={Object.keys(clientErrors).length > 0 || Object.keys(serverErrors).length > 0} />

      <Dialog open={conflict !== null} title="他人已修改本项" initialFocus={loadTheirsRef}>
        {conflict ? (
          <div className="space-y-4">
            <p>
              在您编辑期间，{conflict.updatedBy ?? "另一位用户"}于 {dateTimeFmt.format(new Date(conflict.updatedAt))} 保存了本项（第 {conflict.version} 版）。请选择保留哪一份：
            </p>
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="rounded-md border border-slate-200 p-3">
                <h3 className="font-semibold">对方保存的内容</h3>
                <ul className="mt-2 list-disc space-y-1 pl-5 text-sm" data-testid="conflict-theirs">
                  {describePayload(leaf, conflict.payload).map((l, i) => (
                    <li key={i}>{l}</li>
                  ))}
                </ul>
              </div>
              <div className="rounded-md border border-slate-200 p-3">
                <h3 className="font-semibold">您的修改</h3>
                <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                  {describePayload(leaf, buildPayload(leaf, form).payload).map((l, i) => (
                    <li key={i}>{l}</li>
                  ))}
                </ul>
              </div>
            </div>
            <div className="flex flex-wrap justify-end gap-3">
              <button ref={loadTheirsRef} type="button" className={primaryButton} onClick={loadTheirs}>
                载入对方的版本
              </button>
              <button type="button" className={secondaryButton} onClick={overwrite}>
                用我的修改覆盖
              </button>
            </div>
          </div>
        ) : null}
      </Dialog>
    </div>
  );
}

/** Where an error's field is: modifier reasons are keyed by payload index, their ids by code (and occurrence). */
function fieldIdFor(leaf: LeafView, form: FormState, key: string): string {
  const m = /^modifiers\.(\d+)\.reason$/.exec(key);
  if (m) {
    const at = modifierAt(leaf, form, Number(m[1]));
    if (at) return fieldId(modifierReasonKey(at.code, at.n));
  }
  return fieldId(key);
}

