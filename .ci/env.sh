# Sourced by the project's scripts: finds a JDK >= 21 and Maven options, whatever the caller's shell.
java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }
find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$candidate"; return 0; fi
  done
  echo "no JDK >= 21 found (set JAVA_HOME or install one under /usr/lib/jvm)" >&2
  return 1
}
JAVA_HOME=$(find_jdk) || exit 1
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "${version:-15}" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
    echo "PostgreSQL did not start on 127.0.0.1:5432" >&2
    return 1
  fi
}

# Debian's Chromium for the browser tests (playwright-core drives it; it never downloads a browser).
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "installing Debian's chromium for the browser tests"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}
