#!/usr/bin/env bash
# Checks both installs of the README on this machine, from nothing, in a temporary folder:
#  1. `dotnet pack` makes the pointer package and one package per platform, each with that
#     platform's native libraries only; `dotnet tool install` from a fresh NuGet cache installs
#     the one for this machine, and the installed tcplens runs --version, sessions, sql and plot;
#  2. the native publish is one executable and the native libraries it loads, nothing else,
#     and runs the same commands.
# Prints package and install sizes. Usage: scripts/check-install.sh [--keep]  (about 4 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
keep=${1:-}
work=$(mktemp -d /tmp/tcplens-install.XXXXXX)
[ "$keep" = --keep ] || trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
version=$(dotnet msbuild src/TcpLens.Cli -getProperty:Version)
rid=$(dotnet --info | awk '/^ *RID:/ {print $2; exit}')
case "$rid" in linux-x64|linux-arm64|osx-arm64|osx-x64|win-x64) ;; *) echo "no tool package for $rid" >&2; exit 1 ;; esac
fail() { echo "check-install: FAIL: $*" >&2; exit 1; }
size() { du -sb "$1" | cut -f1; }
mb() { awk -v b="$1" 'BEGIN { if (b < 1e6) printf "%.0f kB", b / 1e3; else printf "%.1f MB", b / 1e6 }'; }

run_all() {  # $1: the tcplens to run; $2: a folder for the chart
  local t=$1
  "$t" --version | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+' || fail "$t --version"
  [ "$("$t" sessions testdata/clean-http.pcap | wc -l)" -gt 1 ] || fail "$t sessions"
  "$t" sql testdata/lossy.pcap "select count(*) from packets" | grep -q '409' || fail "$t sql"
  "$t" plot testdata/lossy.pcap -k tcptrace --stream 0 -o "$2/x.png" 2>/dev/null
  [ "$(head -c 4 "$2/x.png" | od -An -tx1 | tr -d ' ')" = 89504e47 ] || fail "$t plot: no PNG"
}

echo "== pack"
dotnet pack src/TcpLens.Cli -c Release -o "$work/nupkg" >"$work/pack.log" 2>&1 || { tail -20 "$work/pack.log"; fail "dotnet pack"; }
rids=(linux-x64 linux-arm64 osx-arm64 osx-x64 win-x64)
[ -f "$work/nupkg/TcpLens.Cli.$version.nupkg" ] || fail "no pointer package"
unzip -l "$work/nupkg/TcpLens.Cli.$version.nupkg" | grep -Eq '\.(so|dylib|dll)$' && fail "the pointer package carries binaries"
for r in "${rids[@]}"; do
  p="$work/nupkg/TcpLens.Cli.$r.$version.nupkg"
  [ -f "$p" ] || fail "no package for $r"
  names=$(unzip -Z1 "$p")
  echo "$names" | grep -q '/runtimes/' && fail "$r: a runtimes/ folder (natives of other platforms)"
  case $r in
    linux-*) natives='libduckdb.so libSkiaSharp.so libHarfBuzzSharp.so' ;;
    osx-*) natives='libduckdb.dylib libSkiaSharp.dylib libHarfBuzzSharp.dylib' ;;
    win-*) natives='duckdb.dll libSkiaSharp.dll libHarfBuzzSharp.dll' ;;
  esac
  found=$(echo "$names" | grep -E '\.(so|dylib)$|/(duckdb|libSkiaSharp|libHarfBuzzSharp)\.dll$' | sort | tr '\n' ' ')
  wanted=$(for n in $natives; do echo "tools/net10.0/$r/$n"; done | sort | tr '\n' ' ')
  [ "$found" = "$wanted" ] || fail "$r: native libraries [$found], wanted [$wanted]"
  echo "$names" | grep -Ev '(DotnetToolSettings|\[Content_Types\])\.xml$' | grep -q '\.xml$' && fail "$r: documentation files in the tool package"
  printf '  %-36s %s\n' "TcpLens.Cli.$r.$version.nupkg" "$(mb "$(size "$p")")"
done
printf '  %-36s %s\n' "TcpLens.Cli.$version.nupkg" "$(mb "$(size "$work/nupkg/TcpLens.Cli.$version.nupkg")")"

echo "== dotnet tool install ($rid, fresh NuGet cache)"
NUGET_PACKAGES="$work/nuget" dotnet tool install --tool-path "$work/tools" --add-source "$work/nupkg" TcpLens.Cli >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; fail "dotnet tool install"; }
installed=$(size "$work/tools")
tool=$(find "$work/tools/.store" -type d -path "*/tools/net10.0/$rid")
files=$(find "$tool" -type f | wc -l)
find "$work/tools/.store" -name '*.so' -o -name '*.dylib' | grep -v "/$rid/" && fail "natives of another platform installed"
echo "  installed: $(mb "$installed"): the tool's $files files, $(mb "$(size "$tool")"), and NuGet's copies of its packages"
run_all "$work/tools/tcplens" "$work"
echo "  tcplens --version, sessions, sql and plot ran from the installed tool"

echo "== native publish ($rid)"
dotnet publish src/TcpLens.Cli -c Release -r "$rid" -o "$work/native" >"$work/publish.log" 2>&1 || { tail -20 "$work/publish.log"; fail "dotnet publish"; }
ls "$work/native" | sed 's/^/  /'
extra=$(ls "$work/native" | grep -Ev '^(tcplens|tcplens\.exe|(lib)?duckdb\.(so|dylib|dll)|libSkiaSharp\.(so|dylib|dll)|libHarfBuzzSharp\.(so|dylib|dll))$' || true)
[ -z "$extra" ] || fail "native publish has more than the executable and its libraries: $extra"
echo "  $(ls "$work/native" | wc -l) files, $(mb "$(size "$work/native")")"
run_all "$work/native/tcplens" "$work"
echo "  tcplens --version, sessions, sql and plot ran from the native build"
echo "check-install: OK"
