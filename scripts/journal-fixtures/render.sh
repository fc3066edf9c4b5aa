#!/usr/bin/env bash
# Regenerates test/fixtures/journalctl/ from scripts/journal-fixtures/make-export.mjs
# by building a real journal file with systemd-journal-remote and rendering it with
# the real journalctl in every output format, locale and time zone.
#
#   bash scripts/journal-fixtures/render.sh            # needs journalctl, systemd-journal-remote, locales
#
# Debian 12 setup (as root):
#   apt-get update && apt-get install -y systemd-journal-remote locales
#   for l in zh_CN ja_JP ko_KR de_DE fr_FR ru_RU es_ES; do
#     sed -i "s/^# *\(${l}.UTF-8 UTF-8\)/\1/" /etc/locale.gen; done; locale-gen
#
# A format whose rendering is byte-identical for every locale x zone is written once,
# as <format>/any.txt; otherwise every combination is written as
# <format>/<locale>__<tz with / as ->.txt. variance.json records which was found.
# The journal file itself is written under /tmp (override with JOURNAL_FIXTURE_TMP)
# and is never committed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$repo/test/fixtures/journalctl"
tmp="${JOURNAL_FIXTURE_TMP:-/tmp/klog-eviction-journal-fixtures}"

LOCALES=(C.UTF-8 zh_CN.UTF-8 ja_JP.UTF-8 ko_KR.UTF-8 de_DE.UTF-8 fr_FR.UTF-8 ru_RU.UTF-8 es_ES.UTF-8)
ZONES=(UTC Asia/Shanghai America/New_York)
FORMATS=(short short-precise short-iso short-iso-precise short-full short-unix short-monotonic
         with-unit cat json json-seq export verbose)

die() { echo "render.sh: error: $*" >&2; exit 1; }

# --- prerequisites -------------------------------------------------------------
JOURNALCTL="$(command -v journalctl || true)"
[[ -n "$JOURNALCTL" && -x "$JOURNALCTL" ]] \
  || die "journalctl not found on PATH (Debian: it is part of the 'systemd' package)"
# SYSTEMD_JOURNAL_REMOTE may name the binary explicitly.
REMOTE=""
for c in ${SYSTEMD_JOURNAL_REMOTE:-/lib/systemd/systemd-journal-remote /usr/lib/systemd/systemd-journal-remote}; do
  [[ -x "$c" ]] && { REMOTE="$c"; break; }
done
[[ -n "$REMOTE" ]] \
  || die "systemd-journal-remote not found (looked in: ${SYSTEMD_JOURNAL_REMOTE:-/lib/systemd /usr/lib/systemd}; Debian: apt-get install systemd-journal-remote)"
command -v node >/dev/null || die "node not found on PATH"
# glibc silently falls back to C for a missing locale, which would produce wrong
# fixtures without any error, so check every one explicitly.
have_locales="$(locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')"
for loc in "${LOCALES[@]}"; do
  norm="$(echo "$loc" | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')"
  grep -qxF "$norm" <<<"$have_locales" \
    || die "locale $loc is not installed (enable it in /etc/locale.gen and run locale-gen, or: localedef -i ${loc%%.*} -f UTF-8 $loc)"
done
for tz in "${ZONES[@]}"; do
  [[ -f "/usr/share/zoneinfo/$tz" ]] || die "time zone $tz missing from /usr/share/zoneinfo (apt-get install tzdata)"
done

# --- build the journal ---------------------------------------------------------
rm -rf "$tmp"
mkdir -p "$tmp/render"
node "$here/make-export.mjs" > "$tmp/kubelet.export"
# -o must name a file ending in .journal; the stream is read from stdin ("-").
"$REMOTE" --output="$tmp/kubelet.journal" - < "$tmp/kubelet.export" 2> "$tmp/journal-remote.log" \
  || { cat "$tmp/journal-remote.log" >&2; die "systemd-journal-remote failed"; }
n="$("$JOURNALCTL" --file "$tmp/kubelet.journal" --no-pager -o export | grep -c '^__CURSOR=' || true)"
[[ "$n" == 9 ]] || die "expected 9 entries in $tmp/kubelet.journal, found $n"

# --- render every combination into the scratch dir -------------------------------
for fmt in "${FORMATS[@]}"; do
  mkdir -p "$tmp/render/$fmt"
  for loc in "${LOCALES[@]}"; do
    for tz in "${ZONES[@]}"; do
      f="$tmp/render/$fmt/${loc}__${tz//\//-}.txt"
      LANG="$loc" LC_ALL="$loc" TZ="$tz" \
        "$JOURNALCTL" --file "$tmp/kubelet.journal" --no-pager -o "$fmt" > "$f" 2> "$f.err" \
        || { cat "$f.err" >&2; die "journalctl -o $fmt failed for $loc $tz"; }
      [[ -s "$f.err" ]] && { cat "$f.err" >&2; die "journalctl -o $fmt wrote to stderr for $loc $tz"; }
      rm -f "$f.err"
    done
  done
done

# --- decide per format what varies, then write the fixtures ------------------------
# journalctl -o json / json-seq print each entry's fields in a random order that
# changes on every invocation (hashmap iteration order), so for those formats two
# renderings are compared after sorting each record's keys; every other format is
# compared byte for byte.
canon() { # canon FORMAT FILE -> path of the file to compare
  case "$1" in
    json|json-seq)
      node -e '
        const fs = require("fs");
        const recs = fs.readFileSync(process.argv[1], "latin1").split(/[\n\x1e]/).filter(Boolean);
        const out = recs.map((r) => { const o = JSON.parse(r);
          return JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]])); });
        fs.writeFileSync(process.argv[1] + ".canon", out.join("\n") + "\n");
      ' "$2"
      echo "$2.canon" ;;
    *) echo "$2" ;;
  esac
}
same() { cmp -s "$(canon "$1" "$2")" "$(canon "$1" "$3")"; }
mkdir -p "$out"
variance="$tmp/variance.json"
echo "{" > "$variance"
first=1
for fmt in "${FORMATS[@]}"; do
  d="$tmp/render/$fmt"
  # Locale-dependent: within some zone, two locales differ. Zone-dependent: within
  # some locale, two zones differ.
  by_loc=false; by_tz=false
  for tz in "${ZONES[@]}"; do
    ref="$d/${LOCALES[0]}__${tz//\//-}.txt"
    for loc in "${LOCALES[@]}"; do same "$fmt" "$ref" "$d/${loc}__${tz//\//-}.txt" || by_loc=true; done
  done
  for loc in "${LOCALES[@]}"; do
    ref="$d/${loc}__${ZONES[0]//\//-}.txt"
    for tz in "${ZONES[@]}"; do same "$fmt" "$ref" "$d/${loc}__${tz//\//-}.txt" || by_tz=true; done
  done
  rm -rf "${out:?}/$fmt"
  mkdir -p "$out/$fmt"
  if [[ $by_loc == false && $by_tz == false ]]; then
    cp "$d/${LOCALES[0]}__${ZONES[0]//\//-}.txt" "$out/$fmt/any.txt"
    files='["any.txt"]'
  else
    cp "$d"/*.txt "$out/$fmt/"
    files="$(cd "$out/$fmt" && ls *.txt | sed 's/.*/"&"/' | paste -sd, -)"
    files="[$files]"
  fi
  [[ $first == 1 ]] || echo "," >> "$variance"
  first=0
  printf '  "%s": { "localeDependent": %s, "zoneDependent": %s, "files": %s }' \
    "$fmt" "$by_loc" "$by_tz" "$files" >> "$variance"
  printf '%-18s locale-dependent=%-5s zone-dependent=%-5s\n' "$fmt" "$by_loc" "$by_tz"
done
printf '\n}\n' >> "$variance"
cp "$variance" "$out/variance.json"

# --- extras: markers and switches the main matrix does not show (C.UTF-8, UTC) -----
rm -rf "$out/extras"
mkdir -p "$out/extras"
jc() { LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC "$JOURNALCTL" --no-pager "$@"; }
# 1. a _BOOT_ID change between entries 7 and 8 (same entries otherwise)
node "$here/make-export.mjs" --boot-change > "$tmp/boot-change.export"
"$REMOTE" --output="$tmp/boot-change.journal" - < "$tmp/boot-change.export" 2>> "$tmp/journal-remote.log" \
  || { cat "$tmp/journal-remote.log" >&2; die "systemd-journal-remote failed (boot-change)"; }
for fmt in short short-monotonic verbose; do
  jc --file "$tmp/boot-change.journal" -o "$fmt" > "$out/extras/boot-change__$fmt.txt"
done
# 2. a filter that matches nothing
for fmt in short json; do
  jc --file "$tmp/kubelet.journal" -o "$fmt" _PID=999 > "$out/extras/no-entries__$fmt.txt"
done
# 3. --all: print the non-UTF-8 MESSAGE instead of "[61B blob data]"
for fmt in short verbose; do
  jc --file "$tmp/kubelet.journal" -o "$fmt" --all > "$out/extras/all__$fmt.txt"
done

node "$here/make-export.mjs" --entries-json > "$out/entries.json"
"$JOURNALCTL" --version | head -n1 > "$out/journalctl-version.txt"

echo "render.sh: wrote fixtures to ${out#"$repo"/} with $("$JOURNALCTL" --version | head -n1)"
