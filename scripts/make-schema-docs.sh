#!/usr/bin/env bash
# make-schema-docs.sh: docs/tables.md and docs/schema/TABLE.schema.json from the column
# definitions (tcplens schema). A test fails when they are out of date.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
dotnet build src/TcpLens.Cli -v q -nologo >/dev/null
T="dotnet src/TcpLens.Cli/bin/Debug/net10.0/tcplens.dll"
mkdir -p docs/schema
$T schema --format markdown -o docs/tables.md
for t in $($T schema --help | sed -n 's/.*The table: \(.*\)\. Without it.*/\1/p' | tr -d ','); do
  $T schema "$t" -o "docs/schema/$t.schema.json"
done
ls docs/schema
