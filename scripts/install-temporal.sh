#!/usr/bin/env bash
# Installs the Temporal servers regie runs, once, into ${REGIE_CACHE:-~/.cache/regie}:
#   cli          the Temporal CLI (its `server start-dev` is the dev server of `npm start` and of the
#                integration tests); needs Go >= 1.25 to build it;
#   test-server  the Java time-skipping test server of the workflow tests; needs Java >= 11 and Maven.
# Without arguments both. `npm start` runs it with `cli` (only what start runs); `npm pretest` and
# `npm run temporal:install` without arguments. Idempotent and silent when everything is there.
# scripts/temporal-binaries.ts resolves the same locations: keep the two in step.
set -euo pipefail

CLI_VERSION=1.5.1
TEST_SERVER_VERSION=1.31.0
MIN_SERVER_MINOR=29 # a `temporal` on PATH is used if it bundles Temporal Server >= 1.29 (as CLI 1.5.1 does)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${REGIE_CACHE:-$HOME/.cache/regie}"

die() { echo "install-temporal: $*" >&2; exit 1; }
say() { echo "install-temporal: $*" >&2; }

# `temporal --version` prints e.g. "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)".
usable_cli() {
  local v
  v="$("$1" --version 2>/dev/null)" || return 1
  [[ $v =~ \(Server\ ([0-9]+)\.([0-9]+)\. ]] || return 1
  ((BASH_REMATCH[1] > 1 || BASH_REMATCH[2] >= MIN_SERVER_MINOR))
}

install_cli() {
  if [[ -n ${TEMPORAL_CLI:-} ]]; then
    [[ -f $TEMPORAL_CLI && -x $TEMPORAL_CLI ]] || die "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file"
    return
  fi
  local on_path
  on_path="$(command -v temporal || true)"
  if [[ -n $on_path ]] && usable_cli "$on_path"; then return; fi

  local dir="$CACHE/temporal-cli-$CLI_VERSION"
  [[ -x $dir/temporal ]] && return
  command -v go >/dev/null || die "Go (>= 1.25) is needed to build the Temporal CLI $CLI_VERSION; install it or set TEMPORAL_CLI"
  say "building Temporal CLI $CLI_VERSION into $dir (once; takes a few minutes)"
  GOBIN="$dir" go install "github.com/temporalio/cli/cmd/temporal@v$CLI_VERSION"
}

classpath_ok() {
  local jars jar
  [[ -s $1 ]] || return 1
  IFS=: read -ra jars <"$1" || true
  for jar in "${jars[@]}"; do [[ -f $jar ]] || return 1; done
}

install_test_server() {
  if [[ -n ${TEMPORAL_TEST_SERVER:-} ]]; then
    [[ -f $TEMPORAL_TEST_SERVER && -x $TEMPORAL_TEST_SERVER ]] || die "TEMPORAL_TEST_SERVER=$TEMPORAL_TEST_SERVER is not an executable file"
    return
  fi
  local dir="$CACHE/temporal-test-server-$TEST_SERVER_VERSION"
  [[ -x $dir/test-server ]] && classpath_ok "$dir/classpath.txt" && return

  command -v java >/dev/null || die "Java (>= 11) is needed for Temporal's time-skipping test server"
  command -v mvn >/dev/null || die "Maven is needed to fetch Temporal's time-skipping test server $TEST_SERVER_VERSION"
  say "resolving Temporal test server $TEST_SERVER_VERSION with Maven into $dir (once)"
  mkdir -p "$dir"
  local log # Maven prints colour codes even with -q: show its output only when it fails
  log="$(mvn -B -q -f "$ROOT/test/temporal-test-server/pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$dir/classpath.txt.tmp" 2>&1)" || die "Maven failed:"$'\n'"$log"
  mv "$dir/classpath.txt.tmp" "$dir/classpath.txt"
  cat >"$dir/test-server.tmp" <<EOF
#!/bin/sh
# Temporal's time-skipping test server $TEST_SERVER_VERSION (Java); written by regie's scripts/install-temporal.sh
exec java -cp "\$(cat $(printf %q "$dir/classpath.txt"))" io.temporal.testserver.TestServer "\$@"
EOF
  chmod +x "$dir/test-server.tmp"
  mv "$dir/test-server.tmp" "$dir/test-server"
}

(($# > 0)) || set -- cli test-server
for part in "$@"; do
  case $part in
    cli) install_cli ;;
    test-server) install_test_server ;;
    *) die "unknown part '$part' (cli or test-server)" ;;
  esac
done
