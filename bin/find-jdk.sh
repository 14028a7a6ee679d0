# Sourced by the bin/ scripts: exports JAVA_HOME pointing at a JDK >= 21.
# Looks at JAVA_HOME, then the java on PATH, then the JVMs under /usr/lib/jvm and /opt.

rill_java_major() {
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

rill_is_jdk21() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  local major
  major=$(rill_java_major "$1")
  [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null
}

rill_find_jdk() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  local dir
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  local best="" best_major=0 major
  for dir in "${candidates[@]}"; do
    if rill_is_jdk21 "$dir"; then
      major=$(rill_java_major "$dir")
      if [ "$major" -gt "$best_major" ]; then best="$dir"; best_major=$major; fi
    fi
  done
  [ -n "$best" ] || return 1
  printf '%s\n' "$best"
}

if ! RILL_JDK=$(rill_find_jdk); then
  echo "rill: no JDK 21 or newer found (looked at JAVA_HOME, the java on PATH, /usr/lib/jvm, /opt)." >&2
  echo "rill: install one (for example Debian's openjdk-21-jdk or Temurin 21+) or set JAVA_HOME to it." >&2
  exit 3
fi
export JAVA_HOME="$RILL_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
