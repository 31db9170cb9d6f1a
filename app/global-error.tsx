"use client";

// Last resort when the root layout itself fails: plain HTML, no exception text.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body style={{ fontFamily: "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif", padding: "4rem", textAlign: "center" }}>
        <h1>系统暂时不可用</h1>
        <p>可能是数据库暂不可用。已保存的数据不会丢失，请稍后重试。</p>
        <button type="button" onClick={() => reset()}>
          重试
        </button>
      </body>
    </html>
  );
}
