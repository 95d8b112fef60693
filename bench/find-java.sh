# Sets JAVA to a JDK >= 21: JAVA_HOME if it is one, else the newest under /usr/lib/jvm (the machine's default java
# may be 17). Sourced by the scripts in this folder and by .ci/run.
java_major() { "$1" -version 2>&1 | sed -nE 's/.*version "([0-9]+).*/\1/p' | head -n1; }
JAVA=""
for candidate in "${JAVA_HOME:-}/bin/java" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV) "$(command -v java || true)"; do
  if [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then JAVA="$candidate"; break; fi
done
if [ -z "$JAVA" ]; then echo "No JDK >= 21 found (set JAVA_HOME)" >&2; exit 1; fi
export JAVA
