/**
 * Log text is hostile until proven otherwise: before it reaches a terminal,
 * strip escape sequences, C0/C1 controls and bidirectional overrides.
 */
// CSI / OSC / other ESC sequences, then lone controls (TAB and LF become spaces
// elsewhere), DEL, C1, and the bidi controls that can reorder what is shown.
const ESCAPES =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Text safe to print on a terminal: no escape sequences or control characters from the input. */
export function safeText(s: string): string {
  // Almost every string is clean: skip the replace (and its allocation) then.
  if (!ANY_CONTROL.test(s)) return s;
  return s.replace(ESCAPES, '').replace(/[\t\n]/g, ' ');
}
