/**
 * Backend messages of the PostgreSQL v3 protocol, written into a MessageBuffer. Each function
 * writes exactly one message as the protocol documentation lays it out
 * (https://www.postgresql.org/docs/current/protocol-message-formats.html).
 */
import type { Field } from '../index.js';
import type { MessageBuffer } from './message-buffer.js';

/** Error and notice fields, by their protocol field codes. */
export interface ErrorFields {
  /** 'ERROR' | 'FATAL' | 'PANIC' for errors; 'WARNING' | 'NOTICE' | 'INFO' | ... for notices. */
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  /** 1-based character position in the query string. */
  readonly position?: number;
}

/** The Int32 that says which Authentication message this is. */
export const AuthRequest = {
  ok: 0,
  cleartextPassword: 3,
  md5Password: 5,
  sasl: 10,
  saslContinue: 11,
  saslFinal: 12,
} as const;

export function authentication(out: MessageBuffer, request: (typeof AuthRequest)[keyof typeof AuthRequest], payload?: Uint8Array): void {
  out.begin('R').int32(request);
  if (payload) out.bytes(payload);
  out.finish();
}

/** AuthenticationSASL: the mechanisms offered, each a String, then an empty String. */
export function authenticationSasl(out: MessageBuffer, mechanisms: readonly string[]): void {
  out.begin('R').int32(AuthRequest.sasl);
  for (const m of mechanisms) out.cstring(m);
  out.byte(0).finish();
}

export function parameterStatus(out: MessageBuffer, name: string, value: string): void {
  out.begin('S').cstring(name).cstring(value).finish();
}

export function backendKeyData(out: MessageBuffer, pid: number, secret: number): void {
  out.begin('K').int32(pid).int32(secret).finish();
}

export function readyForQuery(out: MessageBuffer, status: 'I' | 'T' | 'E'): void {
  out.begin('Z').byte(status.charCodeAt(0)).finish();
}

/** NegotiateProtocolVersion: the newest minor version we speak and the options we ignored. */
export function negotiateProtocolVersion(out: MessageBuffer, newestMinor: number, unsupportedOptions: readonly string[]): void {
  out.begin('v').int32((3 << 16) | newestMinor).int32(unsupportedOptions.length);
  for (const o of unsupportedOptions) out.cstring(o);
  out.finish();
}

export function rowDescription(out: MessageBuffer, fields: readonly Field[], formats: readonly (0 | 1)[]): void {
  out.begin('T').int16(fields.length);
  fields.forEach((f, i) => {
    out
      .cstring(f.name)
      .int32(0) // table OID: results are not tied to a table
      .int16(0) // column number
      .int32(f.typeOid)
      .int16(f.typeSize)
      .int32(f.typeModifier)
      .int16(formats[i] ?? 0);
  });
  out.finish();
}

export function commandComplete(out: MessageBuffer, tag: string): void {
  out.begin('C').cstring(tag).finish();
}

export function emptyQueryResponse(out: MessageBuffer): void {
  out.begin('I').finish();
}

function responseFields(out: MessageBuffer, type: 'E' | 'N', f: ErrorFields): void {
  out.begin(type);
  out.byte(0x53 /* S */).cstring(f.severity);
  out.byte(0x56 /* V: the severity, never localized */).cstring(f.severity);
  out.byte(0x43 /* C */).cstring(f.code);
  out.byte(0x4d /* M */).cstring(f.message);
  if (f.detail !== undefined) out.byte(0x44 /* D */).cstring(f.detail);
  if (f.hint !== undefined) out.byte(0x48 /* H */).cstring(f.hint);
  if (f.position !== undefined) out.byte(0x50 /* P */).cstring(String(f.position));
  out.byte(0).finish();
}

export function errorResponse(out: MessageBuffer, f: ErrorFields): void {
  responseFields(out, 'E', f);
}

export function noticeResponse(out: MessageBuffer, f: ErrorFields): void {
  responseFields(out, 'N', f);
}

export function parseComplete(out: MessageBuffer): void {
  out.begin('1').finish();
}

export function bindComplete(out: MessageBuffer): void {
  out.begin('2').finish();
}

export function closeComplete(out: MessageBuffer): void {
  out.begin('3').finish();
}

export function noData(out: MessageBuffer): void {
  out.begin('n').finish();
}

export function portalSuspended(out: MessageBuffer): void {
  out.begin('s').finish();
}

export function parameterDescription(out: MessageBuffer, typeOids: readonly number[]): void {
  out.begin('t').int16(typeOids.length);
  for (const oid of typeOids) out.int32(oid);
  out.finish();
}

/** Opens a DataRow; the caller writes `columns` values (Int32 length + bytes, -1 for NULL) and finishes it. */
export function dataRowHeader(out: MessageBuffer, columns: number): void {
  out.begin('D').int16(columns);
}
