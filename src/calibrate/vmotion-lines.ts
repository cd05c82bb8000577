import { hexMidToDecimal, normalizeDecimalId } from "./migration-id.js";

/**
 * Classifies one ESXi log line (vmkernel.log, hostd.log, vpxa.log, vmware.log) into an event
 * about a vMotion, from verbatim lines published in Broadcom KBs 436882, 441977, 432796, 435078, 308477 and 1010045
 * and in community copies (sexilog.fr, virtuallypeculiar.com, haewon83.tistory.com).
 *
 * Matching is by message content, not by prefix: the prefix differs across ESXi 5.x-8.x
 * (`cpu3:427570)`, `In() vmkernel: cpu## opID=...)`, `| vmx| I120:`, `In(05) vmx -`, syslog PRI,
 * hostname or none) and module line numbers change between builds, so they are never parsed.
 * A line that matches nothing yields `null` and is counted by the caller.
 */

/** Why a migration failed, from the failure lines in Broadcom KBs 435078 (maximum switchover time exceeded), 308477
 * (checkpoint too big) and 1010045 (FSR switchover timeout). */
export type FailureKind = "max-switchover-exceeded" | "checkpoint-too-big" | "timeout" | "failed";

export type LineEvent =
  | {
      readonly kind: "start";
      readonly id: string;
      readonly side: "S" | "D";
      readonly sourceIp: string;
      readonly destinationIp: string;
      readonly encrypted: boolean;
    }
  | {
      readonly kind: "stop-precopy";
      readonly id: string;
      readonly pagesLeft: number;
      readonly switchoverGoalSec: number | null;
      /** The logged `~X MB/s`, as logged (not yet converted to bytes/s). */
      readonly bandwidthMBPerSec: number | null;
      readonly t2dPercent: number | null;
    }
  | { readonly kind: "sent-all"; readonly id: string; readonly bandwidthMBPerSec: number | null }
  | { readonly kind: "precopy-stun"; readonly id: string; readonly microseconds: number }
  | { readonly kind: "downtime"; readonly id: string; readonly microseconds: number }
  | { readonly kind: "vm-stopped"; readonly id: string | null; readonly microseconds: number }
  | {
      readonly kind: "failure";
      readonly id: string | null;
      readonly failure: FailureKind;
      readonly message: string;
    }
  /** A line that names a migration (and maybe its IPs) but carries no measurement. */
  | {
      readonly kind: "mention";
      readonly id: string | null;
      readonly sourceIp?: string;
      readonly destinationIp?: string;
    };

const IP = String.raw`<?([0-9A-Fa-f.:]+)>?`;
const NUM = String.raw`(\d+(?:\.\d+)?)`;

const START = new RegExp(
  String.raw`\b(Source|Dest)\b.*?\bts\s*=\s*<?(\d{1,20})>?,?\s*src\s*ip\s*=\s*${IP},?\s*(?:dest|dst)\s*ip\s*=\s*${IP}`,
  "i",
);
const STOP_PRECOPY = new RegExp(
  String.raw`(\d{1,20}) [SD]: Stopping pre-copy: only (\d+) pages left to send(?:, which can be sent within the switchover time goal of ${NUM} seconds(?: \(network bandwidth ~${NUM} MB/s(?:, ${NUM}% t2d)?)?)?`,
);
const SENT_ALL = new RegExp(
  String.raw`(\d{1,20}) [SD]: Sent all modified pages to destination(?: \(network bandwidth ~${NUM} MB/s)?`,
);
const VMK_ID = /\b(\d{13,20}) ([SD]): /;
const HOSTD_ID = /VMotion(?:Src|Dst|Dest|Source)?\s*\((\d{1,20})\)/;
const PRECOPY_STUN = /precopyStunTime to (\d+)/;
const VPXA_ID = /\[MIGRATE\] \((\d{1,20})\)/;
const DOWNTIME = /downtime value (\d+)/;
const VM_STOPPED = /Checkpoint_Unstun: vm stopped for (\d+) us/;
const XDR_SPEC = new RegExp(
  String.raw`MigrateVMXdrToSpec:.*?srcIp=${IP}\s+dstIp=${IP}\s+mid=([0-9A-Fa-f]{1,16})\b`,
);
const SET_INFO = new RegExp(
  String.raw`MigrateSetInfo:.*?srcIp=${IP}\s+dstIp=${IP}\s+mid=([0-9A-Fa-f]{1,20})\b`,
);
const MID_REQUEST = new RegExp(
  String.raw`migrate '(?:to|from)' request for mid id (\d{1,20}), src ip ${IP}, dst ip ${IP}`,
);
const MIGRATE_OPEN = new RegExp(String.raw`Migrate_Open: Restoring from ${IP} with migration id (\d{1,20})`);
const TOOBIG_ID = /vMotion migration \[[0-9A-Fa-f]+:([0-9A-Fa-f]{1,16})\]/;
const VMX_STATE =
  /MigrateSetState|MigrateSetStateFinished|Migrate: VM (?:starting stun|successfully stunned)|Migrate: Remote Log:|MigrateWriteHostLog|Migrate: Attempting to continue/;

const FAILURES: readonly [FailureKind, RegExp][] = [
  ["max-switchover-exceeded", /maximum switchover time|maxSwitchoverTimeExceeded/i],
  ["checkpoint-too-big", /chkpt\.toobig|maximum checkpoint data length/i],
  ["timeout", /most likely a timeout|\btimed out\b/i],
  [
    "failed",
    /\bFailed: |failed to end preCopy|Migrate_SetFailure|precopyfailure|msg\.migrate\.fail|Failed to write checkpoint data|failed to resume|continue running on the source/i,
  ],
];

function decimalId(text: string | undefined): string | null {
  return text === undefined ? null : normalizeDecimalId(text);
}

/** `mid=` in MigrateSetInfo is decimal in the notes; a value with hex letters is read as hex. */
function midId(text: string | undefined): string | null {
  if (text === undefined) return null;
  return /[a-f]/i.test(text) ? hexMidToDecimal(text) : normalizeDecimalId(text);
}

function finite(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The message part of a line for failure reports: from the module or bracketed key on, trimmed. */
function failureMessage(line: string): string {
  const cut = line.replace(/^.*?(?=\[(?:msg|vob)\.|WARNING:|Migrate|FSR:|VMotion)/, "");
  return cut.trim().slice(0, 400);
}

export function classifyLine(line: string): LineEvent | null {
  let m: RegExpExecArray | null;
  const failure = FAILURES.find(([, re]) => re.test(line));
  if (failure) {
    const id =
      decimalId(VMK_ID.exec(line)?.[1]) ??
      decimalId(HOSTD_ID.exec(line)?.[1]) ??
      decimalId(VPXA_ID.exec(line)?.[1]) ??
      (() => {
        const hex = TOOBIG_ID.exec(line)?.[1];
        return hex === undefined ? null : hexMidToDecimal(hex);
      })();
    return { kind: "failure", id, failure: failure[0], message: failureMessage(line) };
  }
  if ((m = STOP_PRECOPY.exec(line))) {
    const id = decimalId(m[1]);
    const pagesLeft = finite(m[2]);
    if (id !== null && pagesLeft !== null) {
      return {
        kind: "stop-precopy",
        id,
        pagesLeft,
        switchoverGoalSec: finite(m[3]),
        bandwidthMBPerSec: finite(m[4]),
        t2dPercent: finite(m[5]),
      };
    }
  }
  if ((m = SENT_ALL.exec(line))) {
    const id = decimalId(m[1]);
    if (id !== null) return { kind: "sent-all", id, bandwidthMBPerSec: finite(m[2]) };
  }
  if ((m = START.exec(line))) {
    const id = decimalId(m[2]);
    if (id !== null && m[3] !== undefined && m[4] !== undefined) {
      const encrypted = /\bencrypted\b/i.test(line) && !/\b(?:un|not )encrypted\b/i.test(line);
      const side = m[1]?.toLowerCase() === "source" ? "S" : "D";
      return { kind: "start", id, side, sourceIp: m[3], destinationIp: m[4], encrypted };
    }
  }
  if ((m = PRECOPY_STUN.exec(line))) {
    const id = decimalId(HOSTD_ID.exec(line)?.[1]);
    const us = finite(m[1]);
    if (id !== null && us !== null) return { kind: "precopy-stun", id, microseconds: us };
  }
  if ((m = DOWNTIME.exec(line))) {
    const id = decimalId(VPXA_ID.exec(line)?.[1]);
    const us = finite(m[1]);
    if (id !== null && us !== null) return { kind: "downtime", id, microseconds: us };
  }
  if ((m = VM_STOPPED.exec(line))) {
    const us = finite(m[1]);
    if (us !== null) return { kind: "vm-stopped", id: null, microseconds: us };
  }
  if ((m = XDR_SPEC.exec(line))) {
    const id = hexMidToDecimal(m[3] ?? "");
    if (id !== null) return mention(id, m[1], m[2]);
  }
  if ((m = SET_INFO.exec(line))) {
    const id = midId(m[3]);
    if (id !== null) return mention(id, m[1], m[2]);
  }
  if ((m = MID_REQUEST.exec(line))) {
    const id = decimalId(m[1]);
    if (id !== null) return mention(id, m[2], m[3]);
  }
  if ((m = MIGRATE_OPEN.exec(line))) {
    const id = decimalId(m[2]);
    if (id !== null) return mention(id, m[1], undefined);
  }
  const anyId = VMK_ID.exec(line)?.[1] ?? HOSTD_ID.exec(line)?.[1] ?? VPXA_ID.exec(line)?.[1];
  const id = decimalId(anyId);
  if (id !== null) return { kind: "mention", id };
  if (VMX_STATE.test(line)) return { kind: "mention", id: null };
  return null;
}

function mention(id: string, sourceIp: string | undefined, destinationIp: string | undefined): LineEvent {
  return {
    kind: "mention",
    id,
    ...(sourceIp !== undefined && /\d/.test(sourceIp) ? { sourceIp } : {}),
    ...(destinationIp !== undefined && /\d/.test(destinationIp) ? { destinationIp } : {}),
  };
}
