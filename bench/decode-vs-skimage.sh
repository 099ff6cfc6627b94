#!/bin/sh
# Decodes the same 1024 x 1024 nuclei maps with NucleiDecoder and with a scikit-image
# watershed pipeline, and prints both times, their ratio (ours / scikit-image) and the
# instance counts.
#
# Usage, from anywhere:  bench/decode-vs-skimage.sh [RUNS]   (default 5 timed runs per side)
#
# Needs Maven with the project's dependencies in the local repository. Installs the Debian
# package python3-skimage (which brings NumPy and SciPy) with apt-get when Debian's Python
# lacks it, so it must then run as root. The Python side runs on Debian's /usr/bin/python3,
# not on a python3 found first on PATH, because the package installs into that interpreter.
# The JVM runs with JAVA_PROCESSORS active processors (default 1). The Python pipeline
# runs on one core, so with 1 neither side gains from a second core.
set -eu

runs=${1:-5}
java_processors=${JAVA_PROCESSORS:-1}
repo=$(cd "$(dirname "$0")/.." && pwd)
python=/usr/bin/python3

if ! "$python" -c 'import skimage' 2>/dev/null; then
	echo "Installing python3-skimage for $python with apt-get ..." >&2
	if [ "$(id -u)" -ne 0 ]; then
		echo "scikit-image is missing and installing it needs root: run" \
			"'apt-get install python3-skimage' first." >&2
		exit 1
	fi
	apt-get update -q >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		python3-skimage >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$repo"
mvn -B -q -o -Dstyle.color=never test-compile dependency:build-classpath \
	-Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test
java -XX:ActiveProcessorCount="$java_processors" -Xmx1g -DOPT_OUT_TRACKING=true -Dai.djl.offline=true \
	-Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
	-cp "target/test-classes:target/classes:$(cat "$work/classpath.txt")" \
	org.pumaseg.nuclei.SkimageComparisonBenchmark "$work" "$runs"
"$python" bench/decode_skimage.py "$work" "$runs"
