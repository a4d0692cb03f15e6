#!/usr/bin/env bash
# bench/operator.sh: the operator at fleet scale (5,000 drives, 200 stations, in-process API
# server, real HTTP). Prints one line:
#   operator-scale: reports_per_s=N p99_ms=N status_patches_per_s=N heap_mib=N
# Load: 200 stations re-report their 25 sticks every 5 s; every third station writes one stick
# at a time (progress every 250 ms, a throughput sample per second). Change it with BENCH_OPTS,
# e.g. BENCH_OPTS="-Dbench.seconds=60 -Dbench.imagingEvery=2". Set-up details go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
strip() { sed "s/\x1b\[0m//g"; }
echo "operator-scale: building (mvn test-compile) ..." >&2
mvn -B -q -pl operator -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test 2>&1 | strip >&2
cp="operator/target/test-classes:operator/target/classes:$(cat operator/target/bench.classpath)"
exec java -Xms1g -Xmx2g -XX:+UseG1GC ${BENCH_OPTS:-} \
  -Drescuefleet.apiserver.lib=operator/target/apiserver-lib \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$cp" io.rescuefleet.operator.bench.OperatorScaleBenchmark
