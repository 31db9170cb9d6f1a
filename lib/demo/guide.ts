// The start output's table of demo accounts: each account with its password (shown once,
// when it is created) and what to try with it on the demo data. Pure.
import { DEMO_USERS } from "../auth/demo-users";
import type { DemoGuide } from "./apply";

/** What each demo account can try; without demo data, only what the role is for. */
function tryWith(username: string, g: DemoGuide | null): string {
  switch (username) {
    case "admin":
      return g
        ? `管理 › 填报期限（截止 ${g.deadline}，可为单位延期）；用户管理：为未开始填报的${g.notStarted?.name ?? "单位"}新建填报员`
        : "管理 › 用户、单位、填报期限";
    case "reviewer":
      return g
        ? `审核：${g.waitingUnits} 个单位（含${g.awaiting.name}）已提交待审核；${g.returned.name}有 ${g.returned.items} 项已退回，等待单位修改`
        : "审核、监测录入、定稿、排名看板";
    case "leader":
      return g ? "排名看板与各单位记分卡（结果暂定，可导出 Excel、打印）" : "排名看板与记分卡";
    case "dept":
      return g ? `自评填报：${g.awaiting.name}已提交，查看填报内容、得分与审核进度` : "本单位的自评填报";
    case "county":
      return g ? `自评填报：审核员退回了 ${g.returned.items} 项，按审核意见修改后重新提交（截止 ${g.deadline}）` : "本单位的自评填报";
    default:
      return "";
  }
}

/**
 * Lines for the start output; empty when there is nothing new to say (accounts already
 * existed and no demo data was loaded this time).
 */
export function demoAccountTable(created: { username: string; password: string }[], guide: DemoGuide | null, opts: { sharedPassword?: boolean } = {}): string[] {
  if (created.length === 0 && !guide) return [];
  const pw = new Map(created.map((c) => [c.username, c.password]));
  const rows = DEMO_USERS.map((u) => [u.username, pw.get(u.username) ?? "（首次启动时已显示）", u.displayName, tryWith(u.username, guide)]);
  const header = ["账号", "密码", "身份", guide ? "可以试试" : "用途"];
  const width = (i: number) => Math.max(...[header, ...rows].map((r) => [...r[i]].length));
  const line = (r: string[]) => `  | ${r.map((c, i) => (i < 2 ? c.padEnd(width(i)) : c)).join(" | ")} |`;
  return [
    "",
    `[demo] 演示账号（${opts.sharedPassword ? "五个账号的密码都是 DEMO_PASSWORD 设定的值" : "每个账号一个随机密码，只显示这一次"}；登录后可在“修改密码”中更改，管理员可在“管理 › 用户管理”中重置）：`,
    line(header),
    line(header.map((h, i) => "-".repeat(i < 2 ? width(i) : [...h].length))),
    ...rows.map(line),
    "",
  ];
}
